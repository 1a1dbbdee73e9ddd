using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.Privacy;

public class PersonalDataExportTests(PrivacyFactory app) : IClassFixture<PrivacyFactory>
{
    /// <summary>Asks for the export on the page, runs the job, and follows the download link on the page.</summary>
    private async Task<(byte[] Zip, string DownloadUrl)> ExportAsync(HttpClient client)
    {
        var asked = await client.SubmitAsync("/settings/data", "/settings/data/export", new Dictionary<string, string>());
        Assert.Equal("/settings/data", asked.Path);
        Assert.NotNull(asked.Flash);
        Assert.NotNull(asked.Document.QuerySelector("[data-testid=refresh]"));
        await app.Runner.RunDueAsync();
        var page = await client.OpenAsync("/settings/data");
        var link = page.Document.QuerySelector("[data-testid=download]")?.GetAttribute("href")
                   ?? throw new Xunit.Sdk.XunitException("No download link:\n" + page.Text);
        var response = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsByteArrayAsync(), link);
    }

    /// <summary>Issue 15: the personal-data export's contacts.csv wrote =HYPERLINK(...) as typed.</summary>
    [Fact]
    public async Task The_personal_data_export_escapes_CSV_formulas_in_contacts_csv()
    {
        var me = await app.MemberWithProfileAsync(first: "Petra", last: "Formel", login: true);
        const string formula = "=HYPERLINK(\"https://evil.example/\",\"Klick\")";
        var contact = await app.MemberWithProfileAsync(p => p.Headline = formula, "+Cmd", "@Sum");
        await ContactExport.ContactExportTestData.ConnectAsync(app, me.Id, contact.Id);

        var (zip, _) = await ExportAsync(me.Client!);
        var csv = PrivacyTestData.Unzip(zip).Text("contacts/contacts.csv");

        Assert.Contains("'=HYPERLINK(", csv);
        Assert.Contains("'+Cmd", csv);
        Assert.Contains("'@Sum", csv);
        Assert.DoesNotMatch(@"(^|,|"")=HYPERLINK", csv);
    }

    [Fact]
    public async Task The_export_holds_every_row_about_the_member_and_nothing_they_may_not_see_of_others()
    {
        var n = await app.NetworkAsync();
        var (zip, _) = await ExportAsync(n.Me.Client!);
        var files = PrivacyTestData.Unzip(zip);
        var all = files.AllText();

        // README explains every file.
        var readme = files.Text("README.txt");
        foreach (var path in files.Keys.Where(p => p != "README.txt"))
            Assert.Contains(path, readme);

        // Account, settings, voucher, login history (the test logged in once) — and no secrets.
        var account = files.Text("account/account.json");
        Assert.Contains(n.Me.Email, account);
        Assert.Contains("\"twoFactorEnabled\": false", account);
        Assert.Contains(n.VoucherCode, account);
        Assert.Contains("Member", account);
        Assert.Contains("password", files.Text("account/logins.csv"));
        var secrets = await app.WithDbAsync(db => db.Users.Where(u => u.Id == n.Me.Id)
            .Select(u => new { u.PasswordHash, u.SecurityStamp, u.ConcurrencyStamp }).SingleAsync());
        Assert.DoesNotContain(secrets.PasswordHash!, all);
        Assert.DoesNotContain(secrets.SecurityStamp!, all);
        Assert.DoesNotContain("passwordHash", all, StringComparison.OrdinalIgnoreCase);

        // The whole profile, only-me fields included (they are the member's own), files as uploaded.
        var profile = files.Text("profile/profile.json");
        foreach (var marker in new[] { "ME-HEADLINE", "ME-SKILL", "ME-OFFER", "ME-PHONE-ONLY-ME", "me-business@example.org", "OnlyMe" })
            Assert.Contains(marker, profile);
        Assert.Contains("ME-JOB", files.Text("profile/experience.csv"));
        Assert.Contains("ME-DEGREE", files.Text("profile/education.csv"));
        Assert.Contains("ME-LANGUAGE,C1", files.Text("profile/languages.csv"));
        Assert.Contains("https://example.org/me", files.Text("profile/links.csv"));
        Assert.Contains("ME-DOCUMENT", files.Text("profile/documents.csv"));
        var document = Assert.Single(files.Keys, k => k.StartsWith("profile/documents/", StringComparison.Ordinal));
        Assert.StartsWith("%PDF", files.Text(document));
        Assert.Equal(PrivacyTestData.Photo, files["profile/photo.jpg"]);

        // Contacts with my tags and note; of the contact only what contacts may see.
        var contacts = files.Text("contacts/contacts.csv");
        Assert.Contains("Conny", contacts);
        Assert.Contains("CONTACT-MOBILE-FOR-CONTACTS", contacts);
        Assert.Contains("CONTACT-ADDRESS-EVERYONE", contacts);
        Assert.Contains("ME-OWN-TAG", contacts);
        Assert.Contains("#business", contacts);
        Assert.Contains("ME-NOTE-ON-CONTACT", contacts);
        Assert.DoesNotContain("CONTACT-PHONE-ONLY-ME", all);
        Assert.DoesNotContain("THEIR-NOTE-ABOUT-ME", all);
        Assert.DoesNotContain("THEIR-TAG", all);

        Assert.Contains("ME-REQUEST-MESSAGE", files.Text("contacts/requests-sent.csv"));
        Assert.Contains("Rita", files.Text("contacts/requests-sent.csv"));
        Assert.Contains("REQUEST-TO-ME-MESSAGE", files.Text("contacts/requests-received.csv"));
        Assert.Contains("Bernd", files.Text("contacts/blocked-members.csv"));
        Assert.Contains("Dora", files.Text("contacts/dismissed-suggestions.csv"));

        // Visits: made (to my contact), received: the named visitor by name, the anonymous one without.
        Assert.Contains("Conny", files.Text("visits/visits-made.csv"));
        var received = files.Text("visits/visits-received.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, received.Length);
        Assert.Contains(received, l => l.Contains("Vera", StringComparison.Ordinal));
        Assert.DoesNotContain("Anton", all);

        // From a contact import: my pending invitation and my queued request; not the stranger's invitation.
        Assert.Contains("me-invited@example.org", files.Text("contact-import/invitations.csv"));
        Assert.Contains("Quincy,Queued", files.Text("contact-import/queued-requests.csv"));
        Assert.DoesNotContain("stranger-invited", all);

        // Nothing of the stranger (a contact of my contact), nor of others' requests and visits.
        Assert.DoesNotContain("Sven", all);
        Assert.DoesNotContain("STRANGER", all);
    }

    [Fact]
    public async Task The_export_names_no_visitor_for_a_visit_made_while_hidden_after_they_show_themselves_again()
    {
        var owner = await app.MemberWithProfileAsync(first: "Olga", last: "Export", login: true);
        await app.SetPremiumAsync(owner.Id);
        var visitor = await app.MemberWithProfileAsync(first: "Wiebke", last: "Wechselnd", login: true);
        async Task VisitAsync(bool shown)
        {
            await visitor.Client!.SubmitAsync("/profile/edit/settings", "/profile/edit/settings",
                new Dictionary<string, string> { ["ShowMeAsVisitor"] = shown ? "true" : "false" });
            await visitor.Client!.OpenAsync(owner.Url);
            app.Clock.Advance(TimeSpan.FromDays(1));
        }
        await VisitAsync(shown: false);
        await VisitAsync(shown: true);
        await VisitAsync(shown: false);
        await visitor.Client!.SubmitAsync("/profile/edit/settings", "/profile/edit/settings",
            new Dictionary<string, string> { ["ShowMeAsVisitor"] = "true" });

        var (zip, _) = await ExportAsync(owner.Client!);
        var received = PrivacyTestData.Unzip(zip).Text("visits/visits-received.csv")
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();

        // Newest first: hidden, shown, hidden. Only the visit made while shown has the name.
        Assert.Equal(3, received.Count);
        Assert.Equal([false, true, false], received.Select(l => l.Contains("Wiebke", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Only_the_owner_can_download_and_any_other_id_is_not_found()
    {
        var n = await app.NetworkAsync();
        var (_, url) = await ExportAsync(n.Me.Client!);

        var other = app.NewClient();
        await other.LoginAsync(n.Contact.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await n.Me.Client!.GetAsync("/settings/data/exports/" + Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await n.Me.Client!.GetAsync("/settings/data/exports/not-an-id")).StatusCode);

        var anonymous = app.NewClient(followRedirects: false);
        var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_mail_in_the_members_language_says_when_the_export_is_ready()
    {
        var n = await app.NetworkAsync(language: "de");
        await ExportAsync(n.Me.Client!);
        var mail = await MailCatcher.WaitForAsync(n.Me.Email, "PersonalDataExportReady");
        Assert.Equal("Ihr Datenexport liegt bereit", mail.Subject);
        Assert.Equal("/settings/data", mail.FirstLink("/settings/data"));
        Assert.Contains(app.Clock.GetUtcNow().AddDays(7).UtcDateTime.ToString("dd.MM.yyyy"), mail.Text);
    }

    [Fact]
    public async Task One_export_per_24_hours_with_a_message_saying_when_the_next_is_possible()
    {
        var n = await app.NetworkAsync();
        await ExportAsync(n.Me.Client!);

        var page = await n.Me.Client!.OpenAsync("/settings/data");
        Assert.Contains("The next export is possible from", page.Document.QuerySelector("[data-testid=export-next]")?.TextContent);
        Assert.DoesNotContain(page.Document.Forms, f => f.GetAttribute("action") == "/settings/data/export");

        app.Clock.Advance(TimeSpan.FromHours(24).Add(TimeSpan.FromMinutes(1)));
        var allowed = await n.Me.Client!.SubmitAsync("/settings/data", "/settings/data/export", new Dictionary<string, string>());
        Assert.Contains("being prepared", allowed.Flash);
    }

    [Fact]
    public async Task A_second_request_within_24_hours_is_refused_with_when_the_next_is_possible()
    {
        var n = await app.NetworkAsync();
        var page = await n.Me.Client!.OpenAsync("/settings/data");
        await page.SubmitAsync(n.Me.Client!, "/settings/data/export", new Dictionary<string, string>());
        // The same (stale) page submitted again.
        var refused = await page.SubmitAsync(n.Me.Client!, "/settings/data/export", new Dictionary<string, string>());
        Assert.Equal("/settings/data", refused.Path);
        Assert.Contains("The next is possible from", refused.Flash);
        Assert.Equal(1, await app.WithDbAsync(db => db.PersonalDataExports.CountAsync(e => e.UserId == n.Me.Id)));
    }

    [Fact]
    public async Task After_7_days_the_export_expires_and_its_file_is_deleted()
    {
        var n = await app.NetworkAsync();
        var (_, url) = await ExportAsync(n.Me.Client!);
        var fileId = await app.WithDbAsync(db => db.PersonalDataExports.Where(e => e.UserId == n.Me.Id)
            .Select(e => e.FileId).SingleAsync());

        app.Clock.Advance(TimeSpan.FromDays(7).Add(TimeSpan.FromMinutes(5)));
        await app.RunJobsAsync();

        Assert.False(await app.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == fileId)));
        var page = await n.Me.Client!.OpenAsync(url);
        Assert.Equal("/settings/data", page.Path);
        Assert.Contains("expired", page.Flash);
        Assert.Contains("Expired and deleted", page.Text);
    }
}
