using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.ContactExport;

/// <summary>The "Export contacts" page in a real browser: reached from the contacts area, both files download.</summary>
public sealed class ContactExportBrowserTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    [Theory]
    [InlineData("desktop", 1280, 900)]
    [InlineData("phone", 390, 844)]
    public async Task A_member_downloads_their_contacts_as_vCard_and_CSV(string device, int width, int height)
    {
        var me = await app.CreateAsync("Paula", device == "phone" ? "Handy" : "Export");
        var contact = await app.CreateAsync("Jonas", "Kontakt", p =>
        {
            p.BusinessEmail = "joerg@kontakt.example";
            p.BusinessEmailVisibility = FieldVisibility.Contacts;
            p.Employer = "Kontakt Süd GmbH";
        });
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Contacts.Add(new Contact { UserId = me.Id, ContactUserId = contact.Id, CreatedAt = DateTimeOffset.UtcNow });
            db.Contacts.Add(new Contact { UserId = contact.Id, ContactUserId = me.Id, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        await using var context = await chromium.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await page.LoginAsync(me, app.BaseUrl);

        await page.GotoAsync($"{app.BaseUrl}/contacts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Export contacts" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/contacts/export");
        await page.AssertNoHorizontalScrollingAsync();
        await page.ScreenshotAndAxeAsync($"contact-export-01-{device}");

        var vcard = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download vCard file" }).ClickAsync());
        var vcardText = await File.ReadAllTextAsync((await vcard.PathAsync())!);
        Assert.EndsWith(".vcf", vcard.SuggestedFilename);
        Assert.Contains("FN:Jonas Kontakt\r\n", vcardText);
        Assert.Contains("ORG:Kontakt Süd GmbH\r\n", vcardText);
        Assert.Contains("EMAIL;TYPE=work:joerg@kontakt.example\r\n", vcardText);

        var csv = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download CSV file" }).ClickAsync());
        var csvText = await File.ReadAllTextAsync((await csv.PathAsync())!);
        Assert.EndsWith(".csv", csv.SuggestedFilename);
        Assert.StartsWith("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nJonas,Kontakt,", csvText);
    }
}
