using System.Text.Json;
using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.Layout;

/// <summary>
/// Issue 14: from Bootstrap's lg (992 px) up the signed-in header is one row (brand, search, navigation, DE/EN),
/// for a member with an open request and for an admin (one link more), in English and German (the longer words),
/// with JavaScript and without. Screenshots at 1024 and 1280 px: layout-desktop-*.png.
/// </summary>
public class DesktopHeaderTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    private static readonly int[] Widths = [992, 1024, 1199, 1200, 1280, 1399, 1400, 1920];

    // Where each top-level item of the header is, whether the brand is cut and whether the phone menu's toggle shows.
    private const string Measure =
        """
        () => {
          const box = e => { const b = e.getBoundingClientRect(); return { left: b.left, right: b.right, top: b.top, bottom: b.bottom }; };
          const nav = document.querySelector('.np-navbar');
          const brand = nav.querySelector('.np-brand');
          const items = [brand, nav.querySelector('.np-header-search'), ...nav.querySelectorAll('.np-nav > li'), nav.querySelector('.np-lang')];
          const style = getComputedStyle(nav);
          return {
            header: document.querySelector('header').getBoundingClientRect().height,
            contentRight: nav.getBoundingClientRect().right - parseFloat(style.paddingRight),
            items: items.map(e => ({ name: e.textContent.trim().replace(/\s+/g, ' ').slice(0, 30), ...box(e) })),
            brandCut: brand.scrollWidth > brand.clientWidth,
            toggleShown: nav.querySelector('summary').getClientRects().length > 0,
            searchWidth: nav.querySelector('#header-search-q').getBoundingClientRect().width,
          };
        }
        """;

    [Theory]
    [InlineData("en", false, true)]
    [InlineData("de", false, true)]
    [InlineData("en", true, true)]
    [InlineData("de", true, true)]
    [InlineData("en", false, false)]
    [InlineData("de", true, false)]
    public async Task Signed_in_the_header_is_one_row_from_992_px_up(string culture, bool admin, bool javaScript)
    {
        var data = await app.CreateMemberWithDataAsync(culture == "de" ? "Dorothea" : "Dorothy");
        await using var context = await chromium.NewContextAsync(app.BaseUrl, width: 1024, height: 768,
            javaScriptEnabled: javaScript);
        var page = await context.NewPageAsync();
        if (admin)
            await page.LoginWithTwoFactorAsync(data.Member, await app.MakeAdminAsync(data.Member), app.BaseUrl);
        else
            await page.LoginAsync(data.Member, app.BaseUrl);
        if (culture != "en")
            await page.SwitchLanguageAsync(culture);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = culture == "de" ? "Hauptnavigation" : "Main navigation" });
        var settings = culture == "de" ? "Einstellungen" : "Settings";
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = culture == "de" ? "Verwaltung" : "Admin" }))
            .ToHaveCountAsync(admin ? 1 : 0);
        var name = $"layout-desktop-{culture}-{(admin ? "admin" : "member")}-{(javaScript ? "js" : "nojs")}";

        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 768);
            var m = await page.EvaluateAsync<JsonElement>(Measure);
            var at = $"{width} px ({culture}, {(admin ? "admin" : "member")}, JavaScript {(javaScript ? "on" : "off")})";
            var items = m.GetProperty("items").EnumerateArray().ToList();

            Assert.True(m.GetProperty("header").GetDouble() < 70, $"{at}: the header is {m.GetProperty("header")} px high");
            Assert.False(m.GetProperty("toggleShown").GetBoolean(), $"{at}: the phone menu's toggle shows");
            Assert.False(m.GetProperty("brandCut").GetBoolean(), $"{at}: the brand is cut");
            Assert.True(m.GetProperty("searchWidth").GetDouble() >= 100, $"{at}: the search box is {m.GetProperty("searchWidth")} px wide");
            var middle = Middle(items[0]);
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var what = $"{at}: \"{item.GetProperty("name")}\"";
                Assert.True(Math.Abs(Middle(item) - middle) <= 3, $"{what} is not on the brand's row");
                if (i > 0)
                    Assert.True(item.GetProperty("left").GetDouble() >= items[i - 1].GetProperty("right").GetDouble() - 0.5,
                        $"{what} overlaps the item before it");
            }
            Assert.True(items[^1].GetProperty("right").GetDouble() <= m.GetProperty("contentRight").GetDouble() + 0.5,
                $"{at}: the language switch reaches past the container");
            await page.AssertNoHorizontalScrollingAsync();
            // Visible as an icon, named for screen readers where the label does not show.
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = settings })).ToBeVisibleAsync();
            if (width is 1024 or 1280)
                await page.ScreenshotAndAxeAsync($"{name}-{width}");
        }

        // Without JavaScript the closed <details> is shown by CSS alone: its links work.
        await nav.GetByRole(AriaRole.Link, new() { Name = settings }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/settings");
    }

    [Fact]
    public async Task At_1280_px_a_member_sees_the_navigation_labels_and_at_1024_px_only_the_icons()
    {
        var data = await app.CreateMemberWithDataAsync("Lisa");
        await using var context = await chromium.NewContextAsync(app.BaseUrl, width: 1280, height: 768);
        var page = await context.NewPageAsync();
        await page.LoginAsync(data.Member, app.BaseUrl);
        // Since issue 18 (Companies) Settings and Log out show their labels from 1400 px; the others from 1200 px.
        var label = page.Locator("header .np-nav-label", new() { HasText = "Contacts" });

        await Expect(label).ToBeVisibleAsync();
        Assert.True((await label.BoundingBoxAsync())!.Width > 20);
        await page.SetViewportSizeAsync(1024, 768);
        // Hidden as Bootstrap's .visually-hidden hides: one clipped pixel, still read out.
        Assert.True((await label.BoundingBoxAsync())!.Width <= 1);
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Contacts" });
        await Expect(link).ToBeVisibleAsync();
        await Expect(link).ToHaveAttributeAsync("title", "Contacts");
    }

    private static double Middle(JsonElement box) => (box.GetProperty("top").GetDouble() + box.GetProperty("bottom").GetDouble()) / 2;
}
