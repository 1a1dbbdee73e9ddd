using Microsoft.Playwright;

namespace NetworkPlatform.BrowserTests.Infrastructure;

public static class PageChecks
{
    /// <summary>What every visited page gets: a screenshot (first, so a failure still leaves a picture) and axe.</summary>
    public static async Task ScreenshotAndAxeAsync(this IPage page, string screenshotName)
    {
        await Screenshots.TakeAsync(page, screenshotName);
        // Without JavaScript axe never finishes (its timers do not fire); the same pages are checked with it on.
        if (!ChromiumFixture.WithoutScripts.TryGetValue(page.Context, out _))
            await Axe.AssertNoSeriousViolationsAsync(page, screenshotName);
    }

    /// <summary>Fails when the page is wider than the viewport (the person would have to scroll sideways).</summary>
    public static async Task AssertNoHorizontalScrollingAsync(this IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1],
            $"{page.Url} scrolls sideways: scrollWidth {widths[0]} > clientWidth {widths[1]}");
    }

    /// <summary>
    /// Fails when a visible element reaches past the right edge of the card (.np-card) it is in: a page can be as
    /// wide as the phone and still have a button sticking out of its card (the German start page had).
    /// </summary>
    public static async Task AssertNothingSticksOutOfCardsAsync(this IPage page)
    {
        var outside = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('.np-card')]
              // A card that scrolls itself (an admin's wide table in a .table-responsive card) shows all by scrolling.
              .filter(card => !['auto', 'scroll'].includes(getComputedStyle(card).overflowX))
              .flatMap(card => {
              const edge = card.getBoundingClientRect().right;
              // Inside a box that scrolls or clips (a wide table in .table-responsive) is not sticking out.
              const clipped = e => { for (let a = e.parentElement; a && a !== card; a = a.parentElement)
                                       if (getComputedStyle(a).overflowX !== 'visible') return true;
                                     return false; };
              return [...card.querySelectorAll('*')]
                .filter(e => e.checkVisibility() && e.getClientRects().length > 0 && !clipped(e))
                .filter(e => { const b = e.getBoundingClientRect(); return b.width > 1 && b.right > edge + 0.5; })
                .map(e => `${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 40)}" ends at ${Math.round(e.getBoundingClientRect().right)} px, its card at ${Math.round(edge)} px`);
            })
            """);
        Assert.True(outside.Length == 0, $"{page.Url}: sticks out of its card:\n" + string.Join("\n", outside));
    }
}
