using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;
using static NetworkPlatform.Tests.ProfileImport.LinkedInExportFiles;

namespace NetworkPlatform.Tests.ProfileImport;

public class ProfileImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string PagePath = "/profile/edit/import";

    private static Task<Page> UploadAsync(HttpClient client, byte[] zip, string name = "linkedin.zip") =>
        client.SubmitFileAsync(PagePath, PagePath, new Dictionary<string, string>(), "Archive", name, zip,
            "application/zip");

    private Task<(List<ProfileEntry> Entries, MemberProfile Profile, List<ProfileLanguage> Languages)> StoredAsync(Guid id) =>
        app.WithDbAsync(async db => (
            await db.ProfileEntries.AsNoTracking().Where(e => e.UserId == id).OrderBy(e => e.StartMonth).ToListAsync(),
            await db.Profiles.AsNoTracking().SingleAsync(p => p.UserId == id),
            await db.ProfileLanguages.AsNoTracking().Where(l => l.UserId == id).OrderBy(l => l.Name).ToListAsync()));

    [Fact]
    public async Task The_profile_editor_links_to_the_import()
    {
        var me = await app.MemberWithProfileAsync(login: true);

        var page = await me.Client!.OpenAsync("/profile/edit");

        var link = page.Document.QuerySelector($"a[href='{PagePath}']");
        Assert.NotNull(link);
        Assert.Equal("Import from LinkedIn", link.TextContent.Trim());
        var form = await me.Client!.OpenAsync(PagePath);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal("LinkedIn data export (ZIP file)", form.Document.QuerySelector("label[for=Archive]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_preview_shows_what_each_section_would_get_and_saves_nothing()
    {
        var me = await app.MemberWithProfileAsync(login: true);

        var page = await UploadAsync(me.Client!, FullExport());

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Berät Mittelständler zu Förderung und Nachfolge", page.Document.QuerySelector("[data-testid=import-headline]")!.TextContent.Trim());
        Assert.Equal("Zwanzig Jahre Vertrieb im Maschinenbau.\nZweite Zeile, mit Komma.", page.Document.QuerySelector("[data-testid=import-summary]")!.TextContent.Trim());
        var positions = page.Document.QuerySelector("[data-testid=import-positions]")!.TextContent;
        Assert.Contains("Head of Sales", positions);
        Assert.Contains("Muster & Söhne GmbH", positions);
        Assert.Contains("January 2020 – today", positions);
        Assert.Contains("March 2015 – December 2019", positions);
        Assert.Contains("\"Praktikant – Ohne Datum GmbH\" has no start date and is left out.", page.Text);
        var education = page.Document.QuerySelector("[data-testid=import-education]")!.TextContent;
        Assert.Contains("Master of Science", education);
        Assert.Contains("\"Volkshochschule Berlin\" has no degree or no school and is left out; add it by hand.", page.Text);
        Assert.Equal(["Vertrieb", "Verhandlung", "CRM"],
            page.Document.QuerySelectorAll("[data-testid=import-skills] li").Select(li => li.TextContent.Trim()));
        var languages = page.Document.QuerySelector("[data-testid=import-languages]")!.TextContent;
        Assert.Contains("Deutsch · Native speaker", languages);
        Assert.Contains("English · C1", languages);
        Assert.Contains("level not given in the file", languages);
        foreach (var box in new[] { "Headline", "Summary", "Positions", "Education", "Skills", "Languages" })
        {
            var input = page.Document.GetElementById(box);
            Assert.NotNull(input);
            Assert.True(input.HasAttribute("checked"), box);
            Assert.NotNull(page.Document.QuerySelector($"label[for={box}]"));
        }

        var (entries, profile, langs) = await StoredAsync(me.Id);
        Assert.Empty(entries);
        Assert.Null(profile.Headline);
        Assert.Empty(profile.Skills);
        Assert.Empty(langs);
    }

    [Fact]
    public async Task Confirming_fills_in_only_the_ticked_sections()
    {
        var me = await app.MemberWithProfileAsync(p => p.Position = "Kept position", login: true);
        var preview = await UploadAsync(me.Client!, FullExport());

        var done = await preview.SubmitAsync(me.Client!, "/profile/edit/import/confirm", new Dictionary<string, string>
        {
            ["Skills"] = "false",
            ["Languages"] = "false",
        });

        Assert.Equal("/profile/edit", done.Path);
        Assert.Equal("Imported from LinkedIn: 5 items.", done.Flash);
        var (entries, profile, languages) = await StoredAsync(me.Id);
        Assert.Equal("Berät Mittelständler zu Förderung und Nachfolge", profile.Headline);
        Assert.Equal("Zwanzig Jahre Vertrieb im Maschinenbau.\nZweite Zeile, mit Komma.", profile.Summary);
        Assert.Equal("Kept position", profile.Position);
        Assert.Equal("Erika Mustermann", profile.FullName);
        var education = Assert.Single(entries, e => e.Kind == EntryKind.Education);
        Assert.Equal(("Master of Science", "Universität Mannheim", new DateOnly(2008, 1, 1), new DateOnly(2012, 1, 1)),
            (education.Title, education.Organisation, education.StartMonth, education.EndMonth!.Value));
        Assert.Equal("Schwerpunkt Marketing\n\nDebattierclub", education.Description);
        var jobs = entries.Where(e => e.Kind == EntryKind.Experience).ToList();
        Assert.Equal(2, jobs.Count);
        Assert.Equal(("Account Manager", "Beispiel AG", new DateOnly(2015, 3, 1), (DateOnly?)new DateOnly(2019, 12, 1), false),
            (jobs[0].Title, jobs[0].Organisation, jobs[0].StartMonth, jobs[0].EndMonth, jobs[0].IsCurrent));
        Assert.Equal(("Head of Sales", new DateOnly(2020, 1, 1), (DateOnly?)null, true, "Built the DACH team, 12 people."),
            (jobs[1].Title, jobs[1].StartMonth, jobs[1].EndMonth, jobs[1].IsCurrent, jobs[1].Description));
        Assert.Empty(profile.Skills);
        Assert.Empty(languages);

        // The imported entries are on the public page like typed ones.
        var shown = await me.Client!.OpenAsync(me.Url);
        Assert.Contains("Head of Sales", shown.Text);
    }

    [Fact]
    public async Task A_second_import_adds_nothing_twice()
    {
        var me = await app.MemberWithProfileAsync(p =>
        {
            p.Skills = ["VERTRIEB"];
            p.Entries.Add(ProfileViewTestData.Entry(p.UserId, EntryKind.Experience, "head of sales",
                "MUSTER & SÖHNE GMBH", new DateOnly(2020, 1, 1)));
        }, login: true);

        var first = await UploadAsync(me.Client!, FullExport());
        Assert.Contains("1 from the file already on your profile", first.Document.GetElementById("section-positions")!.TextContent);
        Assert.Equal(["Verhandlung", "CRM"],
            first.Document.QuerySelectorAll("[data-testid=import-skills] li").Select(li => li.TextContent.Trim()));
        await first.SubmitAsync(me.Client!, "/profile/edit/import/confirm", new Dictionary<string, string>());
        var afterFirst = await StoredAsync(me.Id);

        var second = await UploadAsync(me.Client!, FullExport());
        Assert.Equal("Your profile already has everything this file holds.",
            second.Document.QuerySelector("[data-testid=import-nothing]")!.TextContent.Trim());
        Assert.Empty(second.Document.QuerySelectorAll("input[type=checkbox]"));
        // Replaying the first preview's form (a double click, an old tab) adds nothing either.
        var replay = await first.SubmitAsync(me.Client!, "/profile/edit/import/confirm", new Dictionary<string, string>());
        Assert.Equal("Nothing new to import: your profile already has it all.", replay.Flash);

        var afterSecond = await StoredAsync(me.Id);
        Assert.Equal(2, afterSecond.Entries.Count(e => e.Kind == EntryKind.Experience));
        Assert.Single(afterSecond.Entries, e => e.Kind == EntryKind.Education);
        Assert.Equal(["VERTRIEB", "Verhandlung", "CRM"], afterSecond.Profile.Skills);
        Assert.Equal(3, afterSecond.Languages.Count);
        Assert.Equal(afterFirst.Entries.Select(e => e.Id), afterSecond.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task The_profile_limits_hold_skills_beyond_50_are_left_out_with_a_note_and_long_texts_are_shortened()
    {
        var me = await app.MemberWithProfileAsync(p => p.Skills = Enumerable.Range(1, 48).Select(i => $"Skill {i}").ToList(),
            login: true);
        var longHeadline = new string('x', 150);
        var zip = Zip(
            ("Profile.csv", "First Name,Last Name,Headline,Summary\r\nErika,Mustermann," + longHeadline + ",\r\n"),
            ("Skills.csv", "Name\r\nNeu 1\r\nNeu 2\r\nNeu 3\r\n" + new string('s', 70) + "\r\n"));

        var preview = await UploadAsync(me.Client!, zip);

        Assert.Contains("is longer than 120 characters and is shortened.", preview.Text);
        Assert.Contains("\"Neu 3\" is left out: your profile holds at most 50.", preview.Text);
        Assert.Contains("is longer than 60 characters and is left out.", preview.Text);
        await preview.SubmitAsync(me.Client!, "/profile/edit/import/confirm", new Dictionary<string, string>());
        var (_, profile, _) = await StoredAsync(me.Id);
        Assert.Equal(50, profile.Skills.Count);
        Assert.Equal(["Neu 1", "Neu 2"], profile.Skills.TakeLast(2));
        Assert.Equal(new string('x', 120), profile.Headline);
    }

    [Fact]
    public async Task Nothing_ticked_asks_for_a_section()
    {
        var me = await app.MemberWithProfileAsync(login: true);
        var preview = await UploadAsync(me.Client!, FullExport());

        var page = await preview.SubmitAsync(me.Client!, "/profile/edit/import/confirm", new Dictionary<string, string>
        {
            ["Headline"] = "false", ["Summary"] = "false", ["Positions"] = "false", ["Education"] = "false",
            ["Skills"] = "false", ["Languages"] = "false",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Tick at least one section to import.", page.ErrorSummary);
        Assert.Empty((await StoredAsync(me.Id)).Entries);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "notes.zip", "this is plain text, not a zip"u8.ToArray(), "This is not a ZIP file that can be read. Upload the ZIP file from LinkedIn, unchanged." },
        { "binary.zip", Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray(), "This is not a ZIP file that can be read. Upload the ZIP file from LinkedIn, unchanged." },
        { "other.zip", Zip(("Positions.csv", PositionsCsv)), "The ZIP file has no Profile.csv, so it is not a LinkedIn data export." },
        { "bomb.zip", Bomb("Skills.csv", 6 * 1024 * 1024), "The ZIP file unpacks to far more than a LinkedIn export does; it was not read." },
        { "many.zip", Zip([.. Enumerable.Range(0, 2001).Select(i => ($"f{i}.txt", "")), ("Profile.csv", ProfileCsv)]), "The ZIP file holds more than 2000 files; a LinkedIn export has far fewer." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_is_not_a_LinkedIn_export_gets_a_message_at_the_field(string name, byte[] bytes, string message)
    {
        var me = await app.MemberWithProfileAsync(login: true);

        var page = await UploadAsync(me.Client!, bytes, name);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.FieldError("Archive"));
        Assert.Contains(message, page.ErrorSummary);
    }

    [Fact]
    public async Task A_25_MB_file_is_refused_with_a_message_at_the_field()
    {
        var me = await app.MemberWithProfileAsync(login: true);

        var page = await UploadAsync(me.Client!, new byte[25 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(PagePath, page.Path);
        Assert.Equal("The file is larger than 20 MB. Upload the ZIP file as LinkedIn sends it.", page.FieldError("Archive"));
    }

    [Fact]
    public async Task No_file_chosen_asks_for_one()
    {
        var me = await app.MemberWithProfileAsync(login: true);

        var page = await me.Client!.SubmitAsync(PagePath, PagePath, new Dictionary<string, string>());

        Assert.Equal("Choose your LinkedIn ZIP file.", page.FieldError("Archive"));
    }

    [Fact]
    public async Task A_broken_CSV_keeps_what_came_before_and_says_so()
    {
        var me = await app.MemberWithProfileAsync(login: true);
        var zip = Zip(("Profile.csv", ProfileCsv),
            ("Positions.csv", "Company Name,Title,Description,Location,Started On,Finished On\r\nGood GmbH,Boss,,,Jan 2020,\r\nBad \"quote GmbH,\"Title,\"unbalanced,,Feb 2021,\r\n"));

        var page = await UploadAsync(me.Client!, zip);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Positions.csv could not be read completely", page.Text);
        Assert.Contains("Good GmbH", page.Document.QuerySelector("[data-testid=import-positions]")!.TextContent);
    }

    [Fact]
    public async Task A_tampered_or_foreign_preview_is_refused()
    {
        var me = await app.MemberWithProfileAsync(login: true);
        var other = await app.MemberWithProfileAsync(first: "Max", last: "Anders", login: true);
        var preview = await UploadAsync(me.Client!, FullExport());

        var tampered = await preview.SubmitAsync(me.Client!, "/profile/edit/import/confirm",
            new Dictionary<string, string> { ["Payload"] = "CfDJ8-not-ours" });
        var payload = preview.Document.QuerySelector("input[name=Payload]")!.GetAttribute("value")!;
        var otherPage = await other.Client!.OpenAsync(PagePath);
        var foreign = await otherPage.SubmitAsync(other.Client!, PagePath, new Dictionary<string, string>());
        // The other member posts the first member's sealed data through a form of their own.
        var stolen = await UploadAsync(other.Client!, FullExport());
        var replay = await stolen.SubmitAsync(other.Client!, "/profile/edit/import/confirm",
            new Dictionary<string, string> { ["Payload"] = payload });

        Assert.Equal(PagePath, tampered.Path);
        Assert.Equal("The preview has expired or does not belong to you. Upload the file again.", tampered.Flash);
        Assert.Equal("The preview has expired or does not belong to you. Upload the file again.", replay.Flash);
        Assert.Equal("Choose your LinkedIn ZIP file.", foreign.FieldError("Archive"));
        Assert.Empty((await StoredAsync(me.Id)).Entries);
        Assert.Empty((await StoredAsync(other.Id)).Entries);
    }

    [Fact]
    public async Task The_import_needs_a_login()
    {
        var response = await app.NewClient(followRedirects: false).GetAsync(PagePath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
