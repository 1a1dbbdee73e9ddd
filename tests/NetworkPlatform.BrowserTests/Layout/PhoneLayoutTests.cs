using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static NetworkPlatform.BrowserTests.Layout.LayoutSteps;

namespace NetworkPlatform.BrowserTests.Layout;

/// <summary>
/// Issue 14: on a 360 px phone no page that the navigation reaches scrolls sideways, for a visitor, a member with
/// data and an admin, in English and German. The pages are collected by following the header's links and each
/// area's own navigation (tabs, side navigation); the list below is what that must at least have found.
/// Screenshots: layout-phone-*.png.
/// </summary>
public class PhoneLayoutTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task On_a_phone_the_landing_and_login_pages_do_not_scroll_sideways()
    {
        // An iPhone 12-15 sized viewport.
        await using var context = await chromium.NewContextAsync(app.BaseUrl, width: 390, height: 844);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoHorizontalScrollingAsync();
        await page.ScreenshotAndAxeAsync("10-phone-landing");

        await page.GotoAsync("/account/login");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();
        await page.AssertNoHorizontalScrollingAsync();
        await page.ScreenshotAndAxeAsync("11-phone-login");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task On_a_phone_no_page_a_visitor_reaches_scrolls_sideways(string culture)
    {
        await using var context = await chromium.NewContextAsync(app.BaseUrl, width: PhoneWidth, height: PhoneHeight);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        if (culture != "en")
            await page.SwitchLanguageAsync(culture);

        var visited = await page.VisitAsync($"layout-phone-{culture}-visitor",
            await page.NavigationLinksAsync(HeaderLinks),
            ["/premium", "/account/forgot-password"]);

        Assert.Superset(new HashSet<string> { "/", "/account/login", "/account/register" }, visited.ToHashSet());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task On_a_phone_no_page_a_member_reaches_scrolls_sideways(string culture)
    {
        var data = await app.CreateMemberWithDataAsync(culture == "de" ? "Lea" : "Lena");
        await using var context = await chromium.NewContextAsync(app.BaseUrl, width: PhoneWidth, height: PhoneHeight);
        var page = await context.NewPageAsync();
        await page.LoginAsync(data.Member, app.BaseUrl);
        if (culture != "en")
            await page.SwitchLanguageAsync(culture);

        // The header's search, from the phone menu.
        await page.OpenMenuAsync();
        await page.Locator("#header-search-q").FillAsync("Weber");
        await page.Locator("#header-search-q").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/search\?tab=members&q=Weber$"));
        await Expect(page.GetByTestId("search-hit").First).ToContainTextAsync("Jonas Weber");
        await page.AssertNoHorizontalScrollingAsync();
        await page.ScreenshotAndAxeAsync($"layout-phone-{culture}-member-search-from-menu");

        await page.GotoAsync("/");
        var visited = await page.VisitAsync($"layout-phone-{culture}-member",
            await page.NavigationLinksAsync(HeaderLinks),
            ["/profile/visitors", data.Contact.Url, data.Suggested.Url, "/search?tab=members&q=Ingenieur"]);

        Assert.Superset(new HashSet<string>
        {
            "/", "/profile", "/contacts", "/contacts/requests", "/contacts/suggestions", "/contacts/blocked",
            "/contacts/import", "/contacts/export", "/premium", "/settings", "/settings/password", "/settings/email",
            "/settings/two-factor", "/settings/data", "/settings/delete-account",
        }, visited.ToHashSet());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task On_a_phone_the_admin_pages_do_not_scroll_sideways(string culture)
    {
        var data = await app.CreateMemberWithDataAsync(culture == "de" ? "Sabine" : "Susan");
        var key = await app.MakeAdminAsync(data.Member);
        await using var context = await chromium.NewContextAsync(app.BaseUrl, width: PhoneWidth, height: PhoneHeight);
        var page = await context.NewPageAsync();
        await page.LoginWithTwoFactorAsync(data.Member, key, app.BaseUrl);
        if (culture != "en")
            await page.SwitchLanguageAsync(culture);

        Assert.Contains("/admin", await page.NavigationLinksAsync(HeaderLinks));
        var visited = await page.VisitAsync($"layout-phone-{culture}-admin", ["/admin"]);

        Assert.Superset(new HashSet<string> { "/admin", "/admin/members", "/admin/vouchers", "/admin/deletions" },
            visited.ToHashSet());
    }
}
