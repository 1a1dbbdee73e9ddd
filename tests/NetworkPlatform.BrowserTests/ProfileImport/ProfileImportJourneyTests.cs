using System.IO.Compression;
using System.Text;
using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.ProfileImport;

/// <summary>
/// Issue 6's profile import in a real browser: from the profile editor to "Import from LinkedIn", upload a LinkedIn
/// data-export ZIP, see the preview, untick one section, confirm, and see the profile filled in. Every page is
/// screenshotted and checked with axe (profile-import-NN-*.png), on desktop and on a phone.
/// </summary>
public sealed class ProfileImportJourneyTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    private static byte[] LinkedInZip()
    {
        (string Name, string Text)[] files =
        [
            ("Basic_LinkedInDataExport/Profile.csv",
                "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\r\n" +
                "Greta,Import,,,,Energieberaterin für Handwerksbetriebe,\"Zehn Jahre Beratung.\r\nMit Leidenschaft für Effizienz.\",,,,,,\r\n"),
            ("Basic_LinkedInDataExport/Positions.csv",
                "Company Name,Title,Description,Location,Started On,Finished On\r\n" +
                "Energie Nord GmbH,Senior Consultant,Berät Betriebe.,Hamburg,Apr 2019,\r\n" +
                "Stadtwerke Kiel,Junior Consultant,,Kiel,Sep 2014,Mar 2019\r\n"),
            ("Basic_LinkedInDataExport/Education.csv",
                "School Name,Start Date,End Date,Notes,Degree Name,Activities\r\nTU Hamburg,2009,2014,,Diplom-Ingenieurin,\r\n"),
            ("Basic_LinkedInDataExport/Skills.csv", "Name\r\nEnergieberatung\r\nFördermittel\r\n"),
            ("Basic_LinkedInDataExport/Languages.csv", "Name,Proficiency\r\nDeutsch,Native or bilingual proficiency\r\n"),
        ];
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return buffer.ToArray();
    }

    [Theory]
    [InlineData("desktop", 1280, 900)]
    [InlineData("phone", 390, 844)]
    public async Task A_member_fills_in_the_profile_from_a_LinkedIn_export(string device, int width, int height)
    {
        var greta = await app.CreateAsync("Greta", device == "phone" ? "Telefon" : "Import");
        await using var context = await chromium.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await page.LoginAsync(greta, app.BaseUrl);

        await page.GotoAsync($"{app.BaseUrl}/profile/edit");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import from LinkedIn" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/profile/edit/import");
        await page.AssertNoHorizontalScrollingAsync();
        await page.ScreenshotAndAxeAsync($"profile-import-01-{device}-upload");

        // Nothing chosen: the message stands at the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Show what would be imported" }).ClickAsync();
        await Expect(page.Locator("#Archive-error")).ToHaveTextAsync("Choose your LinkedIn ZIP file.");

        await page.GetByLabel("LinkedIn data export (ZIP file)").SetInputFilesAsync(new FilePayload
        {
            Name = "Basic_LinkedInDataExport.zip",
            MimeType = "application/zip",
            Buffer = LinkedInZip(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show what would be imported" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What would be imported" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-headline")).ToHaveTextAsync("Energieberaterin für Handwerksbetriebe");
        await Expect(page.GetByTestId("import-positions")).ToContainTextAsync("Senior Consultant");
        await Expect(page.GetByTestId("import-positions")).ToContainTextAsync("Stadtwerke Kiel");
        await Expect(page.GetByTestId("import-education")).ToContainTextAsync("Diplom-Ingenieurin");
        await Expect(page.GetByTestId("import-skills")).ToContainTextAsync("Fördermittel");
        await page.AssertNoHorizontalScrollingAsync();
        await page.ScreenshotAndAxeAsync($"profile-import-02-{device}-preview");

        // The member does not want the languages.
        await page.Locator("#Languages").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the ticked sections" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/profile/edit");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Imported from LinkedIn: 7 items.");
        await page.ScreenshotAndAxeAsync($"profile-import-03-{device}-done");

        await page.GotoAsync($"{app.BaseUrl}{greta.Url}");
        var main = page.Locator("main");
        await Expect(main).ToContainTextAsync("Energieberaterin für Handwerksbetriebe");
        await Expect(main).ToContainTextAsync("Senior Consultant");
        await Expect(main).ToContainTextAsync("Energie Nord GmbH");
        await Expect(main).ToContainTextAsync("Diplom-Ingenieurin");
        await Expect(main).ToContainTextAsync("Energieberatung");
        await Expect(main).Not.ToContainTextAsync("Native speaker");
        await page.AssertNoHorizontalScrollingAsync();
        await page.ScreenshotAndAxeAsync($"profile-import-04-{device}-profile");
    }
}
