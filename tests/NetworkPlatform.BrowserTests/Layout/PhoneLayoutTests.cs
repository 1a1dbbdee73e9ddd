using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.Layout;

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
}
