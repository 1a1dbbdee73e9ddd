using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.ContactImports;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Jobs;

namespace NetworkPlatform.Tests.ContactImport;

/// <summary>The app without its background runner: the tests run the import's jobs when they choose.</summary>
public class ContactImportFactory : AppFactory
{
    protected override IDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Jobs:RunInBackground"] = "false" };

    public JobRunner Runner => Services.GetRequiredService<JobRunner>();
}

public class ContactImportTests(ContactImportFactory app) : IClassFixture<ContactImportFactory>
{
    public sealed record Member(Guid Id, string Email, HttpClient Client);

    private static readonly HtmlParser Parser = new();

    private async Task<Member> MemberAsync(string first, string culture = "en")
    {
        var email = TestData.UniqueEmail(first.ToLowerInvariant());
        var user = await app.CreateMemberAsync(email, first: first, last: "Import", culture: culture);
        var client = app.NewClient(language: culture);
        await client.LoginAsync(email);
        return new Member(user.Id, email, client);
    }

    private static Task<Page> UploadAsync(Member who, byte[] bytes, string fileName = "Connections.csv") =>
        who.Client.SubmitFileAsync("/contacts/import", "/contacts/import", new Dictionary<string, string>(), "File",
            fileName, bytes);

    /// <summary>Uploads, runs the reading job and opens the preview.</summary>
    private async Task<(Guid Id, Page Preview)> PreviewAsync(Member who, byte[] bytes, string fileName = "Connections.csv")
    {
        var uploaded = await UploadAsync(who, bytes, fileName);
        Assert.Equal(HttpStatusCode.OK, uploaded.Status);
        Assert.Matches("^/contacts/import/[0-9a-f-]{36}$", uploaded.Path);
        var id = Guid.Parse(uploaded.Path.Split('/')[^1]);
        await app.Runner.RunDueAsync();
        return (id, await who.Client.OpenAsync($"/contacts/import/{id}"));
    }

    /// <summary>Posts the preview's send form with the boxes the page has ticked plus <paramref name="invite"/>.</summary>
    private async Task<Page> SendAsync(Member who, Guid id, Page preview, params int[] invite)
    {
        var form = preview.Document.Forms.First(f => f.GetAttribute("action") == $"/contacts/import/{id}/send");
        var values = form.QuerySelectorAll("input[name]").OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Where(i => i.Type != "checkbox" || i.IsChecked)
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        values.AddRange(invite.Select(line => new KeyValuePair<string, string>("invite", line.ToString())));
        var response = await who.Client.PostAsync($"/contacts/import/{id}/send", new FormUrlEncodedContent(values));
        return new Page(response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private static int LineOf(Page preview, string text) =>
        int.Parse(preview.Document.QuerySelectorAll("tr[data-line]").First(r => r.TextContent.Contains(text))
            .GetAttribute("data-line")!);

    private Task<int> RequestsFromAsync(Guid from) => app.WithDbAsync(db => db.ContactRequests.CountAsync(r => r.FromUserId == from));

    private Task ConnectAsync(Guid a, Guid b) => app.WithDbAsync(async db =>
    {
        db.Contacts.Add(new Contact { UserId = a, ContactUserId = b, CreatedAt = app.Clock.GetUtcNow() });
        db.Contacts.Add(new Contact { UserId = b, ContactUserId = a, CreatedAt = app.Clock.GetUtcNow() });
        return await db.SaveChangesAsync();
    });

    /// <summary>
    /// Round trip: what one member exports here, another imports, and the same people are matched, although the
    /// export carries no e-mail a contact keeps private (it carries each one's profile address, which the import knows).
    /// </summary>
    [Theory]
    [InlineData("contacts.vcf")]
    [InlineData("contacts.csv")]
    public async Task Contacts_exported_by_one_member_are_matched_to_the_same_people_when_another_imports_the_file(string file)
    {
        var olga = await MemberAsync("Olga");
        var zoe = await MemberAsync("Zoe");
        var berta = await MemberAsync("Berta");
        var cem = await MemberAsync("Cem");
        var dana = await MemberAsync("Dana");
        using (var scope = app.Services.CreateScope())
        {
            var profiles = scope.ServiceProvider.GetRequiredService<NetworkPlatform.Domain.Profiles.ProfileService>();
            foreach (var member in new[] { olga, zoe, berta, cem, dana })
                await profiles.EnsureAsync(member.Id);
        }
        foreach (var contact in new[] { berta, cem, dana, zoe })
            await ConnectAsync(olga.Id, contact.Id);
        await ConnectAsync(zoe.Id, dana.Id);
        // Cem changed his address after Olga's export was written: the old one still finds him.
        await app.WithDbAsync(async db =>
        {
            var profile = await db.Profiles.SingleAsync(p => p.UserId == cem.Id);
            db.ProfileSlugRedirects.Add(new NetworkPlatform.Domain.Profiles.ProfileSlugRedirect { Slug = profile.Slug, UserId = cem.Id });
            profile.Slug = profile.Slug + "-new";
            return await db.SaveChangesAsync();
        });

        var export = await olga.Client.GetAsync("/contacts/export/" + file);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain(berta.Email, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);

        var (_, preview) = await PreviewAsync(zoe, bytes, file);
        var rows = preview.Document.QuerySelectorAll("[data-testid=matched-members] tr[data-line]").ToList();
        string StatusOf(string name) => rows.Single(r => r.TextContent.Contains(name))
            .QuerySelector("[data-testid=member-status]")!.TextContent.Trim();
        Assert.Equal(3, rows.Count);
        Assert.Equal("Not a contact yet", StatusOf("Berta Import"));
        Assert.Equal("Not a contact yet", StatusOf("Cem Import"));
        Assert.Equal("Already your contact", StatusOf("Dana Import"));
        Assert.Contains("That is you", preview.Document.QuerySelector("[data-testid=skipped-lines]")!.TextContent);
        Assert.Null(preview.Document.QuerySelector("[data-testid=non-members]"));
    }

    [Fact]
    public async Task Invitations_start_unticked_and_one_link_ticks_every_address_that_can_be_invited()
    {
        var me = await MemberAsync("Ines");
        var file = ContactFiles.LinkedIn(
            ("Olaf", "Outside", TestData.UniqueEmail("olaf")),
            ("Petra", "Outside", TestData.UniqueEmail("petra")));
        var (id, preview) = await PreviewAsync(me, file);
        bool[] Ticked(Page page) => page.Document.QuerySelectorAll("[data-testid=non-members] input[name=invite]")
            .Select(i => i.HasAttribute("checked")).ToArray();
        Assert.Equal([false, false], Ticked(preview));
        var link = preview.Document.QuerySelectorAll("a").Single(a => a.TextContent == "Select all 2 for an invitation");

        var all = await me.Client.OpenAsync(link.GetAttribute("href")!);
        Assert.Equal([true, true], Ticked(all));
        Assert.Contains(all.Document.QuerySelectorAll("a"), a => a.TextContent == "Clear the selection");
        var sent = await SendAsync(me, id, all);
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        await app.Runner.RunDueAsync();
        Assert.Equal(2, await app.WithDbAsync(db => db.ContactInvitations.CountAsync(i => i.InviterId == me.Id)));
    }

    /// <summary>
    /// A large file: all 10,000 addresses ticked are more form values than ASP.NET Core takes by default (1,024); the
    /// send form must still go through, and the daily cap of 500 invitation mails holds.
    /// </summary>
    [Fact]
    public async Task Ten_thousand_ticked_addresses_go_through_the_send_form_and_the_daily_cap_holds()
    {
        var me = await MemberAsync("Lara");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (id, preview) = await PreviewAsync(me, ContactFiles.LinkedIn(ContactFile.MaxContacts, n => $"big{n}.{tag}@example.com"));
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var all = await me.Client.OpenAsync($"/contacts/import/{id}?invite=all");
        Assert.Equal(ContactFile.MaxContacts,
            all.Document.QuerySelectorAll("[data-testid=non-members] input[name=invite][checked]").Length);

        var sent = await SendAsync(me, id, all);
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal($"/contacts/import/{id}", sent.Path);
        await app.Runner.RunDueAsync();
        var done = await me.Client.OpenAsync($"/contacts/import/{id}");
        Assert.Contains("Invitations sent: 500", done.Document.QuerySelector("[data-testid=import-result]")!.TextContent);
    }

    [Fact]
    public async Task A_LinkedIn_file_shows_members_contacts_and_skipped_lines_and_the_chosen_requests_arrive()
    {
        var me = await MemberAsync("Ida");
        var anna = await MemberAsync("Anna");
        var bob = await MemberAsync("Bob");
        var carl = await MemberAsync("Carl");
        await app.WithDbAsync(async db =>
        {
            db.Contacts.Add(new Contact { UserId = me.Id, ContactUserId = bob.Id, CreatedAt = app.Clock.GetUtcNow() });
            db.Contacts.Add(new Contact { UserId = bob.Id, ContactUserId = me.Id, CreatedAt = app.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ContactService>().RequestAsync(me.Id, carl.Id, null);
        // Registered but never confirmed: an address nobody proved is not matched.
        var unconfirmed = TestData.UniqueEmail("dora");
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>()
                .CreateAsync(AppUser.Create(unconfirmed, "Dora", "Unconfirmed", "en", app.Clock.GetUtcNow()), TestData.Password);
        var outsider = TestData.UniqueEmail("eve");

        var file = ContactFiles.LinkedIn(
            ("Anna", "Import", anna.Email.ToUpperInvariant()),
            ("Bob", "Import", bob.Email),
            ("Carl", "Import", carl.Email),
            ("Dora", "Unconfirmed", unconfirmed),
            ("Eve", "Outside", outsider),
            ("Frank", "NoMail", ""),
            ("Ida", "Myself", me.Email));

        var uploaded = await UploadAsync(me, file);
        Assert.NotNull(uploaded.Document.QuerySelector("meta[http-equiv=refresh]"));
        Assert.NotNull(uploaded.Document.QuerySelector("[data-testid=import-working]"));
        Assert.Contains(uploaded.Document.QuerySelectorAll("a"), a => a.TextContent == "Refresh");
        var id = Guid.Parse(uploaded.Path.Split('/')[^1]);
        await app.Runner.RunDueAsync();
        var preview = await me.Client.OpenAsync($"/contacts/import/{id}");

        Assert.Null(preview.Document.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Contains("7 contacts read: 3 already members, 2 not yet here, 2 skipped",
            preview.Document.QuerySelector("[data-testid=import-summary]")!.TextContent);
        var members = preview.Document.QuerySelector("[data-testid=matched-members]")!;
        string StatusOf(string name) => members.QuerySelectorAll("tr[data-line]").Single(r => r.TextContent.Contains(name))
            .QuerySelector("[data-testid=member-status]")!.TextContent.Trim();
        Assert.Equal("Not a contact yet", StatusOf("Anna Import"));
        Assert.Equal("Already your contact", StatusOf("Bob Import"));
        Assert.Equal("Request already sent", StatusOf("Carl Import"));
        var others = preview.Document.QuerySelector("[data-testid=non-members]")!.TextContent;
        Assert.Contains(unconfirmed, others);
        Assert.Contains(outsider, others);
        var skipped = preview.Document.QuerySelector("[data-testid=skipped-lines]")!.TextContent;
        // The preamble takes lines 1-3 and the header line 4: Frank is on line 10, Ida on 11.
        var frank = preview.Document.QuerySelectorAll("[data-testid=skipped-lines] tbody tr")
            .Single(r => r.Children[0].TextContent.Trim() == "10");
        Assert.Equal("No e-mail address", frank.Children[1].TextContent.Trim());
        Assert.Contains("That is you", skipped);

        var sending = await SendAsync(me, id, preview);
        Assert.Equal($"/contacts/import/{id}", sending.Path);
        Assert.NotNull(sending.Document.QuerySelector("meta[http-equiv=refresh]"));
        await app.Runner.RunDueAsync();

        var mail = await MailCatcher.WaitForAsync(anna.Email, "ContactRequest");
        Assert.Contains("Ida Import", mail.Subject);
        Assert.Equal(1, await app.WithDbAsync(db => db.ContactRequests.CountAsync(r => r.FromUserId == me.Id && r.ToUserId == anna.Id)));
        var done = await me.Client.OpenAsync($"/contacts/import/{id}");
        Assert.Contains("Contact requests sent: 1", done.Document.QuerySelector("[data-testid=import-result]")!.TextContent);
        Assert.Contains("Invitations sent: 0", done.Document.QuerySelector("[data-testid=import-result]")!.TextContent);

        // Nothing of the file is left: no rows, no file content; only the counts until the upload expires.
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactUploadRows.CountAsync(r => r.UploadId == id)));
        Assert.Null(await app.WithDbAsync(db => db.ContactUploads.Where(u => u.Id == id).Select(u => u.Content).SingleAsync()));
        // And nothing about the people who were not invited.
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactInvitations.CountAsync(i => i.Email == outsider)));
        app.Clock.Advance(ContactUpload.Lifetime + TimeSpan.FromMinutes(1));
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ContactImportService>().SendQueuedAndPurgeAsync(default);
        Assert.False(await app.WithDbAsync(db => db.ContactUploads.AnyAsync(u => u.Id == id)));
    }

    [Fact]
    public async Task Requests_over_the_daily_limit_are_queued_and_sent_by_the_recurring_job_the_next_day()
    {
        var me = await MemberAsync("Quentin");
        var people = await app.WithDbAsync(async db =>
        {
            var list = new List<AppUser>();
            for (var i = 0; i < 105; i++)
            {
                var email = TestData.UniqueEmail($"bulk{i}");
                var u = AppUser.Create(email, $"Bulk{i}", "Member", "en", app.Clock.GetUtcNow(), emailConfirmed: true);
                u.NormalizedEmail = email.ToUpperInvariant();
                u.NormalizedUserName = email.ToUpperInvariant();
                u.SecurityStamp = Guid.NewGuid().ToString();
                list.Add(u);
            }
            db.Users.AddRange(list);
            await db.SaveChangesAsync();
            return list;
        });
        var (id, preview) = await PreviewAsync(me, ContactFiles.LinkedIn(people.Select(p => (p.FirstName, p.LastName, p.Email!)).ToArray()));
        Assert.Equal(105, preview.Document.QuerySelectorAll("input[name=request]:checked").Length);

        await SendAsync(me, id, preview);
        await app.Runner.RunDueAsync();
        Assert.Equal(100, await RequestsFromAsync(me.Id));
        Assert.Equal(5, await app.WithDbAsync(db => db.QueuedContactRequests.CountAsync(q => q.FromUserId == me.Id)));
        var done = await me.Client.OpenAsync($"/contacts/import/{id}");
        Assert.Contains("sent on the following days: 5", done.Document.QuerySelector("[data-testid=import-result]")!.TextContent);

        // The same day nothing more goes out; the next day the recurring job sends the rest.
        await app.Runner.EnsureRecurringAsync(default);
        await app.Runner.RunDueAsync();
        Assert.Equal(100, await RequestsFromAsync(me.Id));
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5));
        await app.Runner.RunDueAsync();
        Assert.Equal(105, await RequestsFromAsync(me.Id));
        Assert.Equal(0, await app.WithDbAsync(db => db.QueuedContactRequests.CountAsync(q => q.FromUserId == me.Id)));
    }

    [Fact]
    public async Task An_invitation_goes_out_in_the_inviters_language_at_most_once_in_30_days_and_unsubscribing_needs_no_login()
    {
        var greta = await MemberAsync("Greta", culture: "de");
        var hugo = await MemberAsync("Hugo");
        var guest = TestData.UniqueEmail("guest");
        var file = ContactFiles.LinkedIn(("Gast", "Person", guest));

        var (id, preview) = await PreviewAsync(greta, file);
        await SendAsync(greta, id, preview, LineOf(preview, guest));
        await app.Runner.RunDueAsync();
        var mail = await MailCatcher.WaitForAsync(guest, "Invitation");
        Assert.Contains("Greta Import lädt Sie", mail.Subject);
        Assert.DoesNotContain("Gast", mail.Text); // the name from the file is not used or kept
        var stored = await app.WithDbAsync(db => db.ContactInvitations.AsNoTracking().SingleAsync(i => i.Email == guest));
        Assert.Equal(greta.Id, stored.InviterId);

        // Another member, two weeks later: the address cannot be mailed again yet.
        app.Clock.Advance(TimeSpan.FromDays(14));
        await hugo.Client.LoginAsync(hugo.Email);
        var (id2, preview2) = await PreviewAsync(hugo, file);
        Assert.Contains("Cannot be invited now", preview2.Document.QuerySelector("[data-testid=non-members]")!.TextContent);
        var forced = await SendAsync(hugo, id2, preview2, LineOf(preview2, guest));
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        await app.Runner.RunDueAsync();
        Assert.Equal(1, await MailCatcher.CountAfterQuietAsync(guest, "Invitation"));

        // The link in the mail works in a browser that is not logged in.
        var anonymous = app.NewClient();
        var link = mail.FirstLink("/invitations/unsubscribe");
        var confirm = await anonymous.OpenAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains(guest, confirm.Text);
        var unsubscribed = await confirm.SubmitAsync(anonymous, "/invitations/unsubscribe", new Dictionary<string, string>());
        Assert.NotNull(unsubscribed.Document.QuerySelector("[data-testid=unsubscribe-done]"));
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactInvitations.CountAsync(i => i.Email == guest)));
        Assert.True(await app.WithDbAsync(db => db.InvitationOptOuts.AnyAsync(o => o.EmailHash == InvitationService.Hash(guest))));

        // A month later nobody can invite the address again.
        app.Clock.Advance(TimeSpan.FromDays(31));
        await hugo.Client.LoginAsync(hugo.Email);
        var (id3, preview3) = await PreviewAsync(hugo, file);
        Assert.Contains("Cannot be invited now", preview3.Document.QuerySelector("[data-testid=non-members]")!.TextContent);
        await SendAsync(hugo, id3, preview3, LineOf(preview3, guest));
        await app.Runner.RunDueAsync();
        Assert.Equal(1, await MailCatcher.CountAfterQuietAsync(guest, "Invitation"));

        // A cut or altered link is a page that says so, not an error.
        var broken = await anonymous.OpenAsync("/invitations/unsubscribe?token=" + link.Split("token=")[1][..20]);
        Assert.Equal(HttpStatusCode.OK, broken.Status);
        Assert.NotNull(broken.Document.QuerySelector("[data-testid=unsubscribe-invalid]"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.OpenAsync("/invitations/unsubscribe")).Status);
    }

    [Fact]
    public async Task After_30_days_an_address_can_be_invited_again()
    {
        var kim = await MemberAsync("Kim");
        var friend = TestData.UniqueEmail("friend");
        var file = ContactFiles.LinkedIn(("Friend", "Person", friend));
        var (id, preview) = await PreviewAsync(kim, file);
        await SendAsync(kim, id, preview, LineOf(preview, friend));
        await app.Runner.RunDueAsync();
        await MailCatcher.WaitForAsync(friend, "Invitation");

        app.Clock.Advance(TimeSpan.FromDays(31));
        await kim.Client.LoginAsync(kim.Email);
        var (id2, preview2) = await PreviewAsync(kim, file);
        Assert.Contains("You invited this address before", preview2.Document.QuerySelector("[data-testid=non-members]")!.TextContent);
        await SendAsync(kim, id2, preview2, LineOf(preview2, friend));
        await app.Runner.RunDueAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (MailCatcher.All(friend).Count(m => m.Kind == "Invitation") < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(2, MailCatcher.All(friend).Count(m => m.Kind == "Invitation"));
    }

    [Fact]
    public async Task An_invited_person_who_registers_and_confirms_finds_the_inviters_request_waiting()
    {
        var lena = await MemberAsync("Lena");
        var newcomer = TestData.UniqueEmail("newcomer");
        var (id, preview) = await PreviewAsync(lena, ContactFiles.LinkedIn(("Neu", "Ling", newcomer)));
        await SendAsync(lena, id, preview, LineOf(preview, newcomer));
        await app.Runner.RunDueAsync();
        await MailCatcher.WaitForAsync(newcomer, "Invitation");

        var client = app.NewClient();
        await client.RegisterAndConfirmAsync(newcomer.ToUpperInvariant(), first: "Nina", last: "Neu");
        await client.LoginAsync(newcomer);
        var requests = await client.OpenAsync("/contacts/requests");
        var received = Assert.Single(requests.Document.QuerySelectorAll("[data-testid=received-request]"));
        Assert.Contains("Lena Import", received.TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactInvitations.CountAsync(i => i.Email == newcomer)));
    }

    [Fact]
    public async Task Another_members_import_is_not_found()
    {
        var owner = await MemberAsync("Olga");
        var other = await MemberAsync("Paul");
        var (id, _) = await PreviewAsync(owner, ContactFiles.LinkedIn(("X", "Y", TestData.UniqueEmail("x"))));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.OpenAsync($"/contacts/import/{id}")).Status);
        var page = await other.Client.OpenAsync("/contacts/import");
        foreach (var action in new[] { "send", "discard", "columns" })
        {
            var response = await other.Client.PostWithTokenOfAsync(page, $"/contacts/import/{id}/{action}",
                new Dictionary<string, string> { ["request"] = "5", ["EmailColumn"] = "0" });
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.OpenAsync($"/contacts/import/{Guid.NewGuid()}")).Status);
        Assert.Equal(ContactUploadState.Ready,
            await app.WithDbAsync(db => db.ContactUploads.Where(u => u.Id == id).Select(u => u.State).SingleAsync()));
    }

    [Fact]
    public async Task Bad_files_get_a_clear_message_at_the_field_and_never_a_500()
    {
        var me = await MemberAsync("Rita");

        var junk = await UploadAsync(me, ContactFileTests.Fixture("binary-junk.csv"), "Connections.zip");
        Assert.Equal(HttpStatusCode.OK, junk.Status);
        Assert.Contains("not a contact file", junk.FieldError("File"));
        Assert.NotEmpty(junk.ErrorSummary);

        var big = await UploadAsync(me, new byte[6 * 1024 * 1024], "big.csv");
        Assert.Equal(HttpStatusCode.OK, big.Status);
        Assert.Contains("larger than 5 MB", big.FieldError("File"));

        var none = await me.Client.SubmitAsync("/contacts/import", "/contacts/import", new Dictionary<string, string>());
        Assert.NotEqual(HttpStatusCode.InternalServerError, none.Status);

        var withoutFile = await UploadAsync(me, [], "empty.csv");
        Assert.Contains("Choose a contact file", withoutFile.FieldError("File"));
    }

    [Theory]
    [InlineData("unbalanced-quotes.csv", "Line 3 opens a quotation mark")]
    [InlineData("missing-columns.csv", "no “Email Address” column")]
    [InlineData("tooMany", "more than 10,000 contacts")]
    public async Task Files_that_cannot_be_read_end_with_a_message_that_says_why(string fixture, string message)
    {
        var me = await MemberAsync("Sven");
        var bytes = fixture == "tooMany" ? ContactFiles.LinkedIn(10_001) : ContactFileTests.Fixture(fixture);
        var (id, page) = await PreviewAsync(me, bytes);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Document.QuerySelector("[data-testid=import-error]")!.TextContent);
        Assert.Null(await app.WithDbAsync(db => db.ContactUploads.Where(u => u.Id == id).Select(u => u.Content).SingleAsync()));
    }

    [Fact]
    public async Task A_plain_CSV_is_mapped_by_the_member_and_bad_choices_are_shown_at_the_field()
    {
        var me = await MemberAsync("Tina");
        var sabine = await MemberAsync("Sabine");
        var csv = System.Text.Encoding.UTF8.GetBytes($"Wer;Wo;Firma\nSabine Hoffmann;{sabine.Email};Hoffmann KG\nDeniz;{TestData.UniqueEmail("deniz")};\n");
        var (id, preview) = await PreviewAsync(me, csv, "liste.csv");
        var select = preview.Document.QuerySelector("#EmailColumn") as AngleSharp.Html.Dom.IHtmlSelectElement;
        Assert.Equal("1", select!.Value);
        Assert.Contains("Sabine Import", preview.Document.QuerySelector("[data-testid=matched-members]")!.TextContent);

        var bad = await preview.SubmitAsync(me.Client, $"/contacts/import/{id}/columns",
            new Dictionary<string, string> { ["EmailColumn"] = "", ["NameColumn"] = "0" });
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains("Choose the column with the e-mail addresses", bad.FieldError("EmailColumn"));
        Assert.Equal("0", (bad.Document.QuerySelector("#NameColumn") as AngleSharp.Html.Dom.IHtmlSelectElement)!.Value);
        var same = await preview.SubmitAsync(me.Client, $"/contacts/import/{id}/columns",
            new Dictionary<string, string> { ["EmailColumn"] = "1", ["NameColumn"] = "1" });
        Assert.Contains("cannot be the e-mail column", same.FieldError("NameColumn"));
        var tampered = await preview.SubmitAsync(me.Client, $"/contacts/import/{id}/columns",
            new Dictionary<string, string> { ["EmailColumn"] = "abc", ["NameColumn"] = "99" });
        Assert.Equal(HttpStatusCode.OK, tampered.Status);

        // No header says "name": the guess leaves it out, and the preview shows the address instead.
        Assert.Contains("@", preview.Document.QuerySelector("label[for=invite-3]")!.TextContent);
        var mapped = await preview.SubmitAsync(me.Client, $"/contacts/import/{id}/columns",
            new Dictionary<string, string> { ["EmailColumn"] = "1", ["NameColumn"] = "0" });
        Assert.Equal($"/contacts/import/{id}", mapped.Path);
        await app.Runner.RunDueAsync();
        var again = await me.Client.OpenAsync($"/contacts/import/{id}");
        Assert.Equal("0", (again.Document.QuerySelector("#NameColumn") as AngleSharp.Html.Dom.IHtmlSelectElement)!.Value);
        Assert.Equal("Deniz", again.Document.QuerySelector("label[for=invite-3]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Sending_with_nothing_ticked_says_so_and_a_discarded_import_is_gone()
    {
        var me = await MemberAsync("Uwe");
        var (id, preview) = await PreviewAsync(me, ContactFiles.LinkedIn(("Vera", "Outside", TestData.UniqueEmail("vera"))));
        var nothing = await SendAsync(me, id, preview);
        Assert.Equal(HttpStatusCode.OK, nothing.Status);
        Assert.Contains(nothing.ErrorSummary, e => e.Contains("Tick at least one"));
        var tampered = await me.Client.PostWithTokenOfAsync(preview, $"/contacts/import/{id}/send",
            new Dictionary<string, string> { ["invite"] = "not-a-number" });
        Assert.NotEqual(HttpStatusCode.InternalServerError, tampered.Status);

        var discarded = await preview.SubmitAsync(me.Client, $"/contacts/import/{id}/discard", new Dictionary<string, string>());
        Assert.Equal("/contacts/import", discarded.Path);
        Assert.False(await app.WithDbAsync(db => db.ContactUploads.AnyAsync(u => u.Id == id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactUploadRows.CountAsync(r => r.UploadId == id)));
    }

    [Fact]
    public async Task The_import_page_is_linked_from_the_contacts_navigation_in_both_languages()
    {
        var me = await MemberAsync("Wim");
        var contacts = await me.Client.OpenAsync("/contacts");
        Assert.Contains(contacts.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/contacts/import" && a.TextContent.Contains("Import contacts"));
        var page = await me.Client.OpenAsync("/contacts/import");
        Assert.Contains("LinkedIn", page.Text);
        Assert.NotNull(page.Document.QuerySelector("label[for=File]"));
        var german = await MemberAsync("Wanda", culture: "de");
        Assert.Contains("Kontakte importieren", (await german.Client.OpenAsync("/contacts/import")).Text);
    }
}
