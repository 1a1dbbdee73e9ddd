using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.ContactImports;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;
using static NetworkPlatform.Tests.Profiles.ProfileViewTestData;

namespace NetworkPlatform.Tests.ContactImport;

/// <summary>
/// Issue 15, "Contact import reveals who is a member by login e-mail": the import shows a member only where the member
/// lets it, a member in a block with the importer looks exactly like someone who is not a member, and the number of
/// imports a day is limited.
/// </summary>
public class ContactImportPrivacyTests(ContactImportFactory app) : IClassFixture<ContactImportFactory>
{
    private Task<bool> FindableAsync(Guid id) =>
        app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == id).Select(p => p.FindableByEmail).SingleAsync());

    private static Task<Page> UploadAsync(Member who, byte[] bytes, string fileName = "Connections.csv") =>
        who.Client!.SubmitFileAsync("/contacts/import", "/contacts/import", new Dictionary<string, string>(), "File",
            fileName, bytes);

    /// <summary>Uploads, runs the reading job and opens the preview.</summary>
    private async Task<(Guid Id, Page Preview)> PreviewAsync(Member who, byte[] bytes, string fileName = "Connections.csv")
    {
        var uploaded = await UploadAsync(who, bytes, fileName);
        Assert.Matches("^/contacts/import/[0-9a-f-]{36}$", uploaded.Path);
        var id = Guid.Parse(uploaded.Path.Split('/')[^1]);
        await app.Runner.RunDueAsync();
        return (id, await who.Client!.OpenAsync($"/contacts/import/{id}"));
    }

    /// <summary>Ticks every address that can be invited (the page's own link), sends, and runs the sending job.</summary>
    private async Task<Page> InviteAllAsync(Member who, Guid id)
    {
        var all = await who.Client!.OpenAsync($"/contacts/import/{id}?invite=all");
        var form = all.Document.Forms.First(f => f.GetAttribute("action") == $"/contacts/import/{id}/send");
        var values = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>()
            .Where(i => i.Type != "checkbox" || i.IsChecked)
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        var response = await who.Client!.PostAsync($"/contacts/import/{id}/send", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.Runner.RunDueAsync();
        return await who.Client!.OpenAsync($"/contacts/import/{id}");
    }

    private static IElement RowOf(Page preview, string email) =>
        preview.Document.QuerySelectorAll("[data-testid=non-members] tr[data-line]").Single(r => r.TextContent.Contains(email));

    /// <summary>A row's markup with what the file itself says (name, address, line number) taken out.</summary>
    private static string Shape(IElement row, string nameInFile, string email) =>
        Regex.Replace(row.OuterHtml.Replace(email, "EMAIL").Replace(nameInFile, "NAME"),
            @"(data-line=""|value=""|invite-)\d+", "${1}N");

    private static string ResultOf(Page done) => done.Document.QuerySelector("[data-testid=import-result]")!.TextContent;

    private Task BlockAsync(Guid blocker, Guid blocked) => app.WithDbAsync(async db =>
    {
        db.MemberBlocks.Add(new MemberBlock { BlockerId = blocker, BlockedId = blocked, CreatedAt = app.Clock.GetUtcNow() });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_member_who_switched_off_being_found_by_email_is_not_revealed_by_their_login_address()
    {
        var uwe = await app.MemberWithProfileAsync(null, "Uwe", "Uploader", login: true);
        var mara = await app.MemberWithProfileAsync(p => { p.Headline = "MARA-HEADLINE"; p.FindableByEmail = false; },
            "Mara", "Verborgen");
        var otto = await app.MemberWithProfileAsync(p => p.Headline = "OTTO-HEADLINE", "Otto", "Open");
        var outsider = TestData.UniqueEmail("nina");
        var (id, preview) = await PreviewAsync(uwe, ContactFiles.LinkedIn(
            ("Em", "Pe", mara.Email), ("Otto", "Open", otto.Email), ("Nina", "Nobody", outsider)));

        Assert.Contains("3 contacts read: 1 already members, 2 not yet here, 0 skipped",
            preview.Document.QuerySelector("[data-testid=import-summary]")!.TextContent);
        // Otto kept the default and is found; of Mara the page shows only what the file itself holds.
        Assert.Contains("OTTO-HEADLINE", preview.Document.QuerySelector("[data-testid=matched-members]")!.TextContent);
        var html = preview.Document.DocumentElement.OuterHtml;
        foreach (var secret in new[] { "Mara", "Verborgen", "MARA-HEADLINE", mara.Slug, mara.Id.ToString() })
            Assert.DoesNotContain(secret, html);
        Assert.Equal(Shape(RowOf(preview, outsider), "Nina Nobody", outsider), Shape(RowOf(preview, mara.Email), "Em Pe", mara.Email));

        // Invited like anyone else, counted like anyone else; only no mail reaches her.
        var done = await InviteAllAsync(uwe, id);
        Assert.Contains("Invitations sent: 2", ResultOf(done));
        await MailCatcher.WaitForAsync(outsider, "Invitation");
        Assert.Equal(0, await MailCatcher.CountAfterQuietAsync(mara.Email, "Invitation"));

        // Her profile address is what she hands out: by it the import finds her, whatever the setting.
        var vcard = System.Text.Encoding.UTF8.GetBytes(
            $"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Em Pe\r\nEMAIL:{mara.Email}\r\nURL:http://localhost/p/{mara.Slug}\r\nEND:VCARD\r\n");
        var (_, byProfile) = await PreviewAsync(uwe, vcard, "contacts.vcf");
        Assert.Contains("Mara Verborgen", byProfile.Document.QuerySelector("[data-testid=matched-members]")!.TextContent);
    }

    /// <summary>
    /// Whoever blocked whom, and a member whose deletion is pending: their line in the preview is the line of someone
    /// who is not a member, down to the markup (only the name and address from the file and the line number differ),
    /// now and in a later import, and the "invitation" sends them nothing. A block made after the file was read counts
    /// the same.
    /// </summary>
    [Fact]
    public async Task A_member_in_a_block_with_the_uploader_looks_exactly_like_a_non_member_and_gets_no_mail()
    {
        var ulla = await app.MemberWithProfileAsync(null, "Ulla", "Uploader", login: true);
        var bea = await app.MemberWithProfileAsync(p => p.Headline = "BEA-HEADLINE", "Bea", "Sperrt");
        var cleo = await app.MemberWithProfileAsync(p => p.Headline = "CLEO-HEADLINE", "Cleo", "Gesperrt");
        var dora = await app.MemberWithProfileAsync(p => p.Headline = "DORA-HEADLINE", "Dora", "Geht");
        var eva = await app.MemberWithProfileAsync(p => p.Headline = "EVA-HEADLINE", "Eva", "Spaeter");
        await BlockAsync(bea.Id, ulla.Id);
        await BlockAsync(ulla.Id, cleo.Id);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == dora.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DeletionRequestedAt, app.Clock.GetUtcNow())));
        var nora = TestData.UniqueEmail("nora");
        var inFile = new (string Name, string Email, Member? Member)[]
        {
            ("Nora Nobody", nora, null), ("Be A", bea.Email, bea), ("Ce L", cleo.Email, cleo),
            ("De O", dora.Email, dora), ("Ev A", eva.Email, eva),
        };
        var file = ContactFiles.LinkedIn(inFile.Select(f => (f.Name.Split(' ')[0], f.Name.Split(' ')[1], f.Email)).ToArray());

        var uploaded = await UploadAsync(ulla, file);
        var id = Guid.Parse(uploaded.Path.Split('/')[^1]);
        await app.Runner.RunDueAsync();
        // Eva was found when the file was read, and blocks Ulla before she looks at the preview.
        Assert.Equal(eva.Id, await app.WithDbAsync(db => db.ContactUploadRows
            .Where(r => r.UploadId == id && r.MatchedUserId != null).Select(r => r.MatchedUserId).SingleAsync()));
        await BlockAsync(eva.Id, ulla.Id);

        void AllLookLikeNora(Page page)
        {
            Assert.Null(page.Document.QuerySelector("[data-testid=matched-members]"));
            Assert.Contains("5 contacts read: 0 already members, 5 not yet here, 0 skipped",
                page.Document.QuerySelector("[data-testid=import-summary]")!.TextContent);
            var html = page.Document.DocumentElement.OuterHtml;
            var expected = Shape(RowOf(page, nora), "Nora Nobody", nora);
            foreach (var (name, email, member) in inFile.Skip(1))
            {
                Assert.Equal(expected, Shape(RowOf(page, email), name, email));
                foreach (var secret in new[] { member!.User.FirstName, member.User.LastName, member.Slug, member.Id.ToString(),
                             member.User.FirstName.ToUpperInvariant() + "-HEADLINE" })
                    Assert.DoesNotContain(secret, html);
            }
        }

        var preview = await ulla.Client!.OpenAsync($"/contacts/import/{id}");
        AllLookLikeNora(preview);
        Assert.DoesNotContain("not possible", preview.Text);
        Assert.DoesNotContain("You blocked", preview.Text);

        var done = await InviteAllAsync(ulla, id);
        Assert.Contains("Invitations sent: 5", ResultOf(done));
        Assert.DoesNotContain("not mailed", ResultOf(done));
        await MailCatcher.WaitForAsync(nora, "Invitation");
        foreach (var (_, email, _) in inFile.Skip(1))
            Assert.DoesNotContain(MailCatcher.All(email), m => m.Kind == "Invitation");
        Assert.Equal(0, await MailCatcher.CountAfterQuietAsync(bea.Email, "Invitation"));

        // A later import of the same file: all five were "invited before", alike.
        var (_, again) = await PreviewAsync(ulla, file);
        AllLookLikeNora(again);
        Assert.Contains("You invited this address before", RowOf(again, bea.Email).TextContent);
    }

    [Fact]
    public async Task Findable_by_email_is_on_for_a_new_member_and_the_settings_form_saves_it()
    {
        // A member who registers through the form gets a profile that can be found by e-mail.
        var email = TestData.UniqueEmail("newbie");
        var client = app.NewClient();
        await client.RegisterAndConfirmAsync(email, first: "Nele", last: "Neu");
        await client.LoginAsync(email);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.True(await FindableAsync(id));

        var form = await client.OpenAsync("/profile/edit/settings");
        Assert.True(form.IsChecked("FindableByEmail"));
        Assert.Equal("Members who have my e-mail address can find me",
            form.Document.QuerySelector("label[for=FindableByEmail]")!.TextContent.Trim());
        Assert.Contains("only by your profile address", form.Document.GetElementById("FindableByEmail-hint")!.TextContent);
        Assert.Equal("FindableByEmail-hint", form.Document.GetElementById("FindableByEmail")!.GetAttribute("aria-describedby"));

        var saved = await form.SubmitAsync(client, "/profile/edit/settings",
            new Dictionary<string, string> { ["FindableByEmail"] = "false" });
        Assert.Equal("Your changes are saved.", saved.Flash);
        Assert.False(saved.IsChecked("FindableByEmail"));
        Assert.False(await FindableAsync(id));
        Assert.Contains("Members find you only by your profile address", (await client.OpenAsync("/profile/edit")).Text);

        // Saving the form again with the box ticked switches it back on; other settings are kept.
        var again = await saved.SubmitAsync(client, "/profile/edit/settings",
            new Dictionary<string, string> { ["FindableByEmail"] = "true" });
        Assert.True(again.IsChecked("FindableByEmail"));
        Assert.True(again.IsChecked("ShowMeAsVisitor"));
        Assert.True(await FindableAsync(id));

        // A German member made without a profile: the settings page makes it, with the same default.
        var (german, germanId) = await app.SignedInMemberAsync(culture: "de");
        var deForm = await german.OpenAsync("/profile/edit/settings");
        Assert.Contains("Mitglieder, die meine E-Mail-Adresse haben, können mich finden", deForm.Text);
        Assert.True(deForm.IsChecked("FindableByEmail"));
        Assert.True(await FindableAsync(germanId));
    }

    /// <summary>
    /// Five readings in 24 hours (ContactImport:PerDay's default), counted however the uploads end: replaced by the
    /// next one or cancelled. A file that cannot be read does not count. Two uploads at once cannot both take the last
    /// one: the reading itself is refused then.
    /// </summary>
    [Fact]
    public async Task The_daily_import_limit_refuses_the_next_upload_with_a_message_at_the_field()
    {
        var lea = await app.MemberWithProfileAsync(null, "Lea", "Limit", login: true);
        byte[] File(int n) => ContactFiles.LinkedIn(("Person", $"N{n}", TestData.UniqueEmail($"limit{n}")));
        var start = await lea.Client!.OpenAsync("/contacts/import");
        Assert.Contains("You can import 5 times in 24 hours", start.Document.GetElementById("File-hint")!.TextContent);
        Assert.Null(start.Document.QuerySelector("[data-testid=import-limit]"));

        var (_, unreadable) = await PreviewAsync(lea, ContactFileTests.Fixture("unbalanced-quotes.csv"));
        Assert.NotNull(unreadable.Document.QuerySelector("[data-testid=import-error]"));
        for (var n = 1; n <= 4; n++)
        {
            var (id, preview) = await PreviewAsync(lea, File(n));
            Assert.NotNull(preview.Document.QuerySelector("[data-testid=import-summary]"));
            if (n == 2)
                await preview.SubmitAsync(lea.Client!, $"/contacts/import/{id}/discard", new Dictionary<string, string>());
        }
        Assert.Equal(4, await app.WithDbAsync(db => db.ContactImportRuns.CountAsync(r => r.UserId == lea.Id)));

        // The fifth upload is taken; before it is read, another reading (another tab) uses up the day.
        var fifth = await UploadAsync(lea, File(5));
        var fifthId = Guid.Parse(fifth.Path.Split('/')[^1]);
        await app.WithDbAsync(async db =>
        {
            db.ContactImportRuns.Add(new ContactImportRun
            {
                JobId = Guid.NewGuid(), UserId = lea.Id, CreatedAt = app.Clock.GetUtcNow(),
            });
            return await db.SaveChangesAsync();
        });
        await app.Runner.RunDueAsync();
        var notRead = await lea.Client!.OpenAsync($"/contacts/import/{fifthId}");
        Assert.Contains("so this file was not read", notRead.Document.QuerySelector("[data-testid=import-error]")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactUploadRows.CountAsync(r => r.UploadId == fifthId)));

        // The sixth is refused at the field, and nothing is stored.
        var uploads = await app.WithDbAsync(db => db.ContactUploads.CountAsync(u => u.UserId == lea.Id));
        var refused = await UploadAsync(lea, File(6));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("/contacts/import", refused.Path);
        Assert.Contains("You have reached the limit of 5 imports in 24 hours. You can import again from", refused.FieldError("File"));
        Assert.Contains(refused.ErrorSummary, e => e.StartsWith("You have reached the limit", StringComparison.Ordinal));
        Assert.Contains("File-error", refused.Document.GetElementById("File")!.GetAttribute("aria-describedby"));
        Assert.Equal(uploads, await app.WithDbAsync(db => db.ContactUploads.CountAsync(u => u.UserId == lea.Id)));
        // Opening the form again says so beside the field before anything is chosen.
        var later = await lea.Client!.OpenAsync("/contacts/import");
        Assert.Contains("You have reached the limit of 5 imports", later.Document.QuerySelector("[data-testid=import-limit]")!.TextContent);
        Assert.Contains("File-limit", later.Document.GetElementById("File")!.GetAttribute("aria-describedby"));

        // A day after the first reading, one is free again; the purge forgets the old ones.
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var (_, nextDay) = await PreviewAsync(lea, File(7));
        Assert.NotNull(nextDay.Document.QuerySelector("[data-testid=import-summary]"));
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ContactImportService>().SendQueuedAndPurgeAsync(default);
        Assert.Equal(1, await app.WithDbAsync(db => db.ContactImportRuns.CountAsync(r => r.UserId == lea.Id)));
    }
}
