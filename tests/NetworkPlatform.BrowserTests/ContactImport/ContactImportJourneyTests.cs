using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using NetworkPlatform.Domain;
using NetworkPlatform.Tests.ContactImport;
using NetworkPlatform.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.ContactImport;

/// <summary>
/// Issue 6's import journey in a real browser: a member opens "Import contacts" from the contacts navigation,
/// uploads a LinkedIn Connections.csv, waits on the page that refreshes itself (no script needed), sees the preview
/// sends contact requests to the two members found and invites one person, then downloads the personal data export
/// and finds the requests and the invitation in it. Screenshots and axe on every page (import-NN-*.png).
/// </summary>
public sealed class ContactImportJourneyTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_member_imports_a_LinkedIn_file_sees_the_preview_sends_requests_and_downloads_the_data_export()
    {
        var mira = await app.CreateAsync("Mira", "Lindner", p => p.Headline = "Sales director");
        var anton = await app.CreateAsync("Anton", "Keller", p => p.Headline = "Purchasing, Stadtwerke");
        var bea = await app.CreateAsync("Bea", "Sommer", p => p.Headline = "Engineer");
        var outsider = TestData.UniqueEmail("outsider");
        var file = ContactFiles.LinkedIn(
            ("Anton", "Keller", anton.Email),
            ("Bea", "Sommer", bea.Email.ToUpperInvariant()),
            ("Olaf", "Outside", outsider),
            ("Nora", "Nomail", ""));

        await using var context = await chromium.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.LoginAsync(mira, app.BaseUrl);
        await page.GotoAsync("/contacts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import contacts" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/contacts/import");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Where to get the file" })).ToBeVisibleAsync();
        await page.ScreenshotAndAxeAsync("import-01-start");

        await page.GetByLabel("Contact file").SetInputFilesAsync(new FilePayload
        {
            Name = "Connections.csv",
            MimeType = "text/csv",
            Buffer = file,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();

        // The page reloads itself while the background job reads the file, then shows the preview.
        var summary = page.GetByTestId("import-summary");
        await Expect(summary).ToContainTextAsync("4 contacts read: 2 already members, 1 not yet here, 1 skipped",
            new() { Timeout = 15_000 });
        var members = page.GetByTestId("matched-members");
        await Expect(members.GetByRole(AriaRole.Checkbox, new() { Name = "Anton Keller" })).ToBeCheckedAsync();
        await Expect(members.GetByRole(AriaRole.Checkbox, new() { Name = "Bea Sommer" })).ToBeCheckedAsync();
        await Expect(page.GetByTestId("non-members")).ToContainTextAsync(outsider);
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Olaf Outside" })).Not.ToBeCheckedAsync();
        await page.Locator("main details summary").ClickAsync();
        await Expect(page.GetByTestId("skipped-lines")).ToContainTextAsync("No e-mail address");
        await page.ScreenshotAndAxeAsync("import-02-preview");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Olaf Outside" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send requests and invitations" }).ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("import-result")).ToContainTextAsync("Contact requests sent: 2");
        await Expect(page.GetByTestId("import-result")).ToContainTextAsync("Invitations sent: 1");
        await page.ScreenshotAndAxeAsync("import-03-done");

        await page.GetByRole(AriaRole.Link, new() { Name = "See my sent requests" }).ClickAsync();
        await Expect(page.GetByTestId("sent-request")).ToHaveCountAsync(2);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(2, await db.ContactRequests.CountAsync(r => r.FromUserId == mira.Id));
            Assert.Equal(0, await db.ContactUploadRows.CountAsync());
        }

        // Then everything out again: the personal data export holds the requests and the invitation just made.
        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your data" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request my data" }).ClickAsync();
        var download = page.GetByTestId("download");
        for (var i = 0; i < 75 && await download.CountAsync() == 0; i++)
        {
            await Task.Delay(200);
            await page.GotoAsync("/settings/data");
        }
        await Expect(download).ToBeVisibleAsync();
        var zipFile = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        using (var zip = System.IO.Compression.ZipFile.OpenRead(await zipFile.PathAsync()))
        {
            string Text(string name)
            {
                using var reader = new StreamReader(zip.GetEntry(name)!.Open());
                return reader.ReadToEnd();
            }
            var sent = Text("contacts/requests-sent.csv");
            Assert.Contains("Anton,Keller", sent);
            Assert.Contains("Bea,Sommer", sent);
            Assert.Contains(outsider, Text("contact-import/invitations.csv"));
            Assert.Contains("contact-import/invitations.csv", Text("README.txt"));
        }
        await page.ScreenshotAndAxeAsync("import-04-data-export");

        // On a phone the upload page and its help fit the screen.
        await using var phone = await chromium.NewContextAsync(app.BaseUrl, width: 390, height: 844);
        var p2 = await phone.NewPageAsync();
        await p2.LoginAsync(mira, app.BaseUrl);
        await p2.GotoAsync("/contacts/import");
        await p2.AssertNoHorizontalScrollingAsync();
        await p2.ScreenshotAndAxeAsync("import-05-phone-start");
    }
}
