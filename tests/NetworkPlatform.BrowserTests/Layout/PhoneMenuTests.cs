using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static NetworkPlatform.BrowserTests.Layout.LayoutSteps;

namespace NetworkPlatform.BrowserTests.Layout;

/// <summary>
/// Issue 14: the header's menu on a 360 px phone, with JavaScript and without (a &lt;details&gt; disclosure that
/// site.js only adds to). Screenshots: layout-menu-*.png.
/// </summary>
public class PhoneMenuTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task On_a_phone_the_menu_opens_by_its_toggle_leads_to_the_settings_and_logs_out(bool javaScript)
    {
        var data = await app.CreateMemberWithDataAsync(javaScript ? "Nora" : "Nina");
        await using var context = await chromium.NewContextAsync(app.BaseUrl, width: PhoneWidth, height: PhoneHeight,
            javaScriptEnabled: javaScript);
        var page = await context.NewPageAsync();
        var name = $"layout-menu-{(javaScript ? "js" : "nojs")}";
        await page.LoginAsync(data.Member, app.BaseUrl);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        var settings = nav.GetByRole(AriaRole.Link, new() { Name = "Settings" });
        var logout = nav.GetByRole(AriaRole.Button, new() { Name = "Log out" });

        // Closed at first: the brand and the toggle, which also shows the open request.
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "NetworkPlatform" })).ToBeVisibleAsync();
        await Expect(page.MenuToggle()).ToBeVisibleAsync();
        await Expect(page.MenuToggle()).ToHaveTextAsync("Menu 1 open contact request");
        await Expect(settings).ToBeHiddenAsync();
        await Expect(page.Locator("#header-search-q")).ToBeHiddenAsync();
        await page.ScreenshotAndAxeAsync($"{name}-01-closed");

        // Open: everything of the header is in it.
        await page.MenuToggle().ClickAsync();
        await Expect(settings).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Search members" })).ToBeVisibleAsync();
        foreach (var link in new[] { "Start", "Profile", "Premium" })
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Contacts" })).ToHaveAttributeAsync("href", "/contacts/requests");
        await Expect(nav.GetByTestId("open-requests")).ToHaveTextAsync("1 open contact request");
        await Expect(logout).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Button, new() { Name = "DE", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true })).ToBeVisibleAsync();
        await page.AssertNoHorizontalScrollingAsync();
        await page.ScreenshotAndAxeAsync($"{name}-02-open");

        await settings.ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/settings");
        await Expect(settings).ToBeHiddenAsync();

        await page.MenuToggle().ClickAsync();
        await logout.ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync($"Welcome, {data.Member.FirstName}");
        await page.MenuToggle().ClickAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Join now" })).ToBeVisibleAsync();
        await Expect(logout).ToHaveCountAsync(0);
        await page.ScreenshotAndAxeAsync($"{name}-03-logged-out-open");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task On_a_phone_the_menu_works_with_the_keyboard_and_is_called_Menue_in_German(bool javaScript)
    {
        var member = await app.CreateAsync(javaScript ? "Karla" : "Kira", "Tastatur");
        await using var context = await chromium.NewContextAsync(app.BaseUrl, width: PhoneWidth, height: PhoneHeight,
            javaScriptEnabled: javaScript);
        var page = await context.NewPageAsync();
        await page.LoginAsync(member, app.BaseUrl);
        var menu = page.Locator("header details.np-menu");
        var focused = () => page.EvaluateAsync<string>(
            "() => document.activeElement.tagName.toLowerCase() + ':' + (document.activeElement.id || document.activeElement.textContent.trim())");

        // Skip link, brand, then the toggle.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("summary:Menu", await focused());
        await page.Keyboard.PressAsync("Enter");
        await Expect(menu).ToHaveAttributeAsync("open", "");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("input:header-search-q", await focused());
        if (javaScript)
        {
            // site.js: Escape closes the menu and puts the focus back on its toggle.
            await page.Keyboard.PressAsync("Escape");
            await Expect(menu).Not.ToHaveAttributeAsync("open", "");
            Assert.Equal("summary:Menu", await focused());
        }
        else
        {
            await page.Keyboard.PressAsync("Shift+Tab");
            await page.Keyboard.PressAsync("Space");
            await Expect(menu).Not.ToHaveAttributeAsync("open", "");
        }

        await page.SwitchLanguageAsync("de");
        await Expect(page.MenuToggle()).ToHaveTextAsync("Menü");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" })
            .GetByRole(AriaRole.Link, new() { Name = "Einstellungen" })).ToBeHiddenAsync();
        await page.ScreenshotAndAxeAsync($"layout-menu-{(javaScript ? "js" : "nojs")}-04-german");
    }
}
