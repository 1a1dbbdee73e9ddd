using System.IO.Compression;
using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using NetworkPlatform.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.Privacy;

/// <summary>
/// Issue 6's browser test for personal data: a member asks for their data in the settings, waits for it (reloading
/// the page, as without JavaScript), downloads the ZIP (README.txt inside), then deletes the account with the
/// password and is logged out. Every page is screenshotted and checked with axe (privacy-NN-*.png).
/// </summary>
public sealed class PrivacyJourneyTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_member_downloads_their_data_as_a_zip_and_then_deletes_the_account()
    {
        var member = await app.CreateAsync("Paula", "Privat", p =>
        {
            p.Headline = "Data protection officer";
            p.Skills = ["GDPR", "ISO 27001"];
        });
        await using var context = await chromium.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.LoginAsync(member, app.BaseUrl);

        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your data" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your data" })).ToBeVisibleAsync();
        await page.ScreenshotAndAxeAsync("privacy-01-your-data");

        await page.GetByRole(AriaRole.Button, new() { Name = "Request my data" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("being prepared");
        await page.ScreenshotAndAxeAsync("privacy-02-requested");

        // The job runs in the background; the page says to reload, as a member without JavaScript would.
        var download = page.GetByTestId("download");
        for (var i = 0; i < 50 && await download.CountAsync() == 0; i++)
        {
            await Task.Delay(200);
            await page.GotoAsync("/settings/data");
        }
        await Expect(download).ToBeVisibleAsync();
        await Expect(page.GetByTestId("export-next")).ToContainTextAsync("The next export is possible from");
        await page.ScreenshotAndAxeAsync("privacy-03-ready");

        var file = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        Assert.EndsWith(".zip", file.SuggestedFilename);
        var path = await file.PathAsync();
        using (var zip = ZipFile.OpenRead(path))
        {
            var readme = zip.GetEntry("README.txt");
            Assert.NotNull(readme);
            using var reader = new StreamReader(readme.Open());
            var text = await reader.ReadToEndAsync();
            Assert.Contains("profile/profile.json", text);
            Assert.NotNull(zip.GetEntry("profile/profile.json"));
            Assert.NotNull(zip.GetEntry("account/logins.csv"));
        }

        // ---- Delete the account: a wrong password first, then the right one. ----
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete account" }).ClickAsync();
        await page.ScreenshotAndAxeAsync("privacy-04-delete");
        await page.GetByLabel("Current password").FillAsync("not my password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(page.Locator("#Password-error")).ToContainTextAsync("This password is not correct.");
        await page.ScreenshotAndAxeAsync("privacy-05-delete-wrong-password");

        await page.GetByLabel("Current password").FillAsync(TestData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/");
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("will be deleted on");
        await page.ScreenshotAndAxeAsync("privacy-06-deletion-requested");
    }
}
