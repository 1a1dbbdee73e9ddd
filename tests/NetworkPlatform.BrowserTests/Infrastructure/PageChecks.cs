using Microsoft.Playwright;

namespace NetworkPlatform.BrowserTests.Infrastructure;

public static class PageChecks
{
    /// <summary>What every visited page gets: a screenshot (first, so a failure still leaves a picture) and axe.</summary>
    public static async Task ScreenshotAndAxeAsync(this IPage page, string screenshotName)
    {
        await Screenshots.TakeAsync(page, screenshotName);
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
}
