using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Contacts;

public class ContactRequestTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Member(Guid Id, string Email, HttpClient Client);

    private async Task<Member> MemberAsync(string first)
    {
        var email = TestData.UniqueEmail(first.ToLowerInvariant());
        var user = await app.CreateMemberAsync(email, first: first, last: "Kontakt");
        await app.WithDbAsync(async db =>
        {
            db.Profiles.Add(new Domain.Profiles.MemberProfile { UserId = user.Id, Slug = $"{first.ToLowerInvariant()}-{user.Id.ToString("N")[^10..]}" });
            return await db.SaveChangesAsync();
        });
        var client = app.NewClient();
        await client.LoginAsync(email);
        return new Member(user.Id, email, client);
    }

    /// <summary>A POST with this member's antiforgery token, as the "Add as contact" button sends it.</summary>
    private static async Task<Page> PostAsync(Member who, string url, Dictionary<string, string>? fields = null)
    {
        var page = await who.Client.OpenAsync("/contacts");
        return await who.Client.PostWithTokenOfAsync(page, url, fields ?? new Dictionary<string, string>());
    }

    private Task<int> ContactRowsAsync(Guid a, Guid b) => app.WithDbAsync(db =>
        db.Contacts.CountAsync(c => (c.UserId == a && c.ContactUserId == b) || (c.UserId == b && c.ContactUserId == a)));

    private Task<Guid> RequestIdAsync(Guid from, Guid to) => app.WithDbAsync(db =>
        db.ContactRequests.Where(r => r.FromUserId == from && r.ToUserId == to).Select(r => r.Id).SingleAsync());

    [Fact]
    public async Task A_request_with_a_message_reaches_the_other_member_who_accepts_it_and_both_are_contacts()
    {
        var anna = await MemberAsync("Anna");
        var ben = await MemberAsync("Ben");

        var sent = await PostAsync(anna, $"/contacts/request/{ben.Id}",
            new() { ["message"] = "Wir kennen uns von der Messe.", ["returnUrl"] = "/contacts/requests" });
        Assert.Contains("sent", sent.Flash);
        Assert.Single((await anna.Client.OpenAsync("/contacts/requests")).Document.QuerySelectorAll("[data-testid=sent-request]"));

        var mail = await MailCatcher.WaitForAsync(ben.Email, "ContactRequest");
        Assert.Contains("Anna Kontakt", mail.Subject);
        Assert.Contains("Wir kennen uns von der Messe.", mail.Text);

        var requests = await ben.Client.OpenAsync("/contacts/requests");
        Assert.Equal("1", requests.Document.QuerySelector("[data-testid=open-requests]")?.FirstChild?.TextContent);
        var received = Assert.Single(requests.Document.QuerySelectorAll("[data-testid=received-request]"));
        Assert.Contains("Wir kennen uns von der Messe.", received.TextContent);

        var accepted = await requests.SubmitAsync(ben.Client, $"/contacts/requests/{await RequestIdAsync(anna.Id, ben.Id)}/accept", new Dictionary<string, string>());
        Assert.Contains("now contacts", accepted.Flash);
        Assert.Equal(2, await ContactRowsAsync(anna.Id, ben.Id));
        Assert.Null(accepted.Document.QuerySelector("[data-testid=open-requests]"));
        var list = await anna.Client.OpenAsync("/contacts");
        Assert.Contains("Ben Kontakt", list.Text);
    }

    [Fact]
    public async Task Adding_someone_who_asked_first_accepts_their_request()
    {
        var carla = await MemberAsync("Carla");
        var dirk = await MemberAsync("Dirk");
        await PostAsync(carla, $"/contacts/request/{dirk.Id}");

        var page = await PostAsync(dirk, $"/contacts/request/{carla.Id}");

        Assert.Contains("now contacts", page.Flash);
        Assert.Equal(2, await ContactRowsAsync(carla.Id, dirk.Id));
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactRequests.CountAsync(r => r.FromUserId == carla.Id || r.FromUserId == dirk.Id)));
    }

    [Fact]
    public async Task Double_submits_and_opposite_requests_at_the_same_moment_end_in_exactly_one_contact()
    {
        for (var round = 0; round < 12; round++)
        {
            var a = await MemberAsync("Eva" + round);
            var b = await MemberAsync("Finn" + round);
            var pageA = await a.Client.OpenAsync("/contacts");
            var pageB = await b.Client.OpenAsync("/contacts");
            await Task.WhenAll(
                a.Client.PostWithTokenOfAsync(pageA, $"/contacts/request/{b.Id}", new Dictionary<string, string>()),
                a.Client.PostWithTokenOfAsync(pageA, $"/contacts/request/{b.Id}", new Dictionary<string, string>()),
                b.Client.PostWithTokenOfAsync(pageB, $"/contacts/request/{a.Id}", new Dictionary<string, string>()));

            var rows = await ContactRowsAsync(a.Id, b.Id);
            var requests = await app.WithDbAsync(db => db.ContactRequests.CountAsync(r =>
                (r.FromUserId == a.Id && r.ToUserId == b.Id) || (r.FromUserId == b.Id && r.ToUserId == a.Id)));
            // Either they are contacts (one of the opposite requests accepted the other), or one request waits.
            Assert.True((rows == 2 && requests == 0) || (rows == 0 && requests == 1), $"round {round}: {rows} contact rows, {requests} requests");
            Assert.True(rows is 0 or 2);
        }
    }

    [Fact]
    public async Task Declining_is_silent_the_sender_still_sees_pending_and_can_withdraw()
    {
        var gina = await MemberAsync("Gina");
        var hugo = await MemberAsync("Hugo");
        await PostAsync(gina, $"/contacts/request/{hugo.Id}");
        var id = await RequestIdAsync(gina.Id, hugo.Id);

        var declined = await (await hugo.Client.OpenAsync("/contacts/requests"))
            .SubmitAsync(hugo.Client, $"/contacts/requests/{id}/decline", new Dictionary<string, string>());
        Assert.Empty(declined.Document.QuerySelectorAll("[data-testid=received-request]"));

        var ginas = await gina.Client.OpenAsync("/contacts/requests");
        Assert.Single(ginas.Document.QuerySelectorAll("[data-testid=sent-request]"));
        await ginas.SubmitAsync(gina.Client, $"/contacts/requests/{id}/withdraw", new Dictionary<string, string>());
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactRequests.CountAsync(r => r.Id == id)));
    }

    [Fact]
    public async Task A_third_member_cannot_accept_decline_or_withdraw_someone_elses_request()
    {
        var ida = await MemberAsync("Ida");
        var jan = await MemberAsync("Jan");
        var mallory = await MemberAsync("Mallory");
        await PostAsync(ida, $"/contacts/request/{jan.Id}");
        var id = await RequestIdAsync(ida.Id, jan.Id);

        foreach (var action in new[] { "accept", "decline", "withdraw" })
        {
            var page = await PostAsync(mallory, $"/contacts/requests/{id}/{action}");
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
        }
        // The receiver cannot withdraw it either, nor the sender accept it.
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(jan, $"/contacts/requests/{id}/withdraw")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(ida, $"/contacts/requests/{id}/accept")).Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.ContactRequests.CountAsync(r => r.Id == id && r.DeclinedAt == null)));
        Assert.Equal(0, await ContactRowsAsync(ida.Id, jan.Id));
    }

    [Fact]
    public async Task Removing_a_contact_ends_it_for_both()
    {
        var kai = await MemberAsync("Kai");
        var lea = await MemberAsync("Lea");
        await PostAsync(kai, $"/contacts/request/{lea.Id}");
        await PostAsync(lea, $"/contacts/request/{kai.Id}");
        Assert.Equal(2, await ContactRowsAsync(kai.Id, lea.Id));

        var list = await kai.Client.OpenAsync("/contacts");
        await list.SubmitAsync(kai.Client, $"/contacts/{lea.Id}/remove", new Dictionary<string, string>());

        Assert.Equal(0, await ContactRowsAsync(kai.Id, lea.Id));
        Assert.DoesNotContain("Kai Kontakt", (await lea.Client.OpenAsync("/contacts")).Text);
    }

    [Fact]
    public async Task Blocking_removes_the_contact_and_stops_requests_in_both_directions_until_unblocked()
    {
        var mia = await MemberAsync("Mia");
        var nils = await MemberAsync("Nils");
        await PostAsync(mia, $"/contacts/request/{nils.Id}");
        await PostAsync(nils, $"/contacts/request/{mia.Id}");

        await PostAsync(mia, $"/contacts/{nils.Id}/block");
        Assert.Equal(0, await ContactRowsAsync(mia.Id, nils.Id));

        var fromBlocked = await PostAsync(nils, $"/contacts/request/{mia.Id}");
        Assert.Contains("not possible", fromBlocked.Flash);
        var fromBlocker = await PostAsync(mia, $"/contacts/request/{nils.Id}");
        Assert.Contains("not possible", fromBlocker.Flash);
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactRequests.CountAsync(r => r.FromUserId == mia.Id || r.FromUserId == nils.Id)));

        var blocked = await mia.Client.OpenAsync("/contacts/blocked");
        Assert.Contains("Nils Kontakt", blocked.Text);
        await blocked.SubmitAsync(mia.Client, $"/contacts/{nils.Id}/unblock", new Dictionary<string, string>());
        Assert.Contains("sent", (await PostAsync(nils, $"/contacts/request/{mia.Id}")).Flash);
    }

    [Fact]
    public async Task The_daily_limit_of_new_requests_is_refused_with_a_clear_message()
    {
        var olga = await MemberAsync("Olga");
        var target = await MemberAsync("Paul");
        // 100 requests sent today, made directly: the limit is about what the member did, not how.
        var others = new List<Guid>();
        for (var i = 0; i < ContactRequest.MaxNewPerDay; i++)
            others.Add((await app.CreateMemberAsync(TestData.UniqueEmail("limit"), first: "L" + i, last: "X")).Id);
        await app.WithDbAsync(db =>
        {
            foreach (var other in others)
            {
                var (low, high) = ContactRequest.Pair(olga.Id, other);
                db.ContactRequests.Add(new ContactRequest
                {
                    Id = Guid.NewGuid(), FromUserId = olga.Id, ToUserId = other, PairLow = low, PairHigh = high,
                    CreatedAt = app.Clock.GetUtcNow().AddHours(-1),
                });
            }
            return db.SaveChangesAsync();
        });

        var refused = await PostAsync(olga, $"/contacts/request/{target.Id}");

        Assert.Contains("100 contact requests today", refused.Flash);
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactRequests.CountAsync(r => r.ToUserId == target.Id)));
    }

    [Fact]
    public async Task Tags_and_notes_are_private_and_another_members_contact_cannot_be_edited()
    {
        var quinn = await MemberAsync("Quinn");
        var rosa = await MemberAsync("Rosa");
        var sven = await MemberAsync("Sven");
        await PostAsync(quinn, $"/contacts/request/{rosa.Id}");
        await PostAsync(rosa, $"/contacts/request/{quinn.Id}");

        var saved = await quinn.Client.SubmitAsync($"/contacts/{rosa.Id}/edit", $"/contacts/{rosa.Id}/edit",
            new Dictionary<string, string>
            {
                ["Form.BuiltIn"] = BuiltInTags.Business,
                ["Form.OwnTags"] = "Messe 2026, Alumni, messe 2026",
                ["Form.Note"] = "Kennt sich mit Förderanträgen aus.",
            });
        Assert.Contains("saved", saved.Flash);
        var row = await app.WithDbAsync(db => db.Contacts.SingleAsync(c => c.UserId == quinn.Id && c.ContactUserId == rosa.Id));
        Assert.Equal(new[] { BuiltInTags.Business, "Messe 2026", "Alumni" }, row.Tags);
        Assert.Equal("Kennt sich mit Förderanträgen aus.", row.Note);
        // Rosa's side of the contact carries nothing of it, and her list shows none of it.
        var other = await app.WithDbAsync(db => db.Contacts.SingleAsync(c => c.UserId == rosa.Id && c.ContactUserId == quinn.Id));
        Assert.Empty(other.Tags);
        Assert.DoesNotContain("Förderanträgen", (await rosa.Client.OpenAsync("/contacts")).Text);

        // The tag filter finds Rosa by the own tag.
        var filtered = await quinn.Client.OpenAsync("/contacts?tag=Alumni");
        Assert.Contains("Rosa Kontakt", filtered.Text);

        // Sven is no contact of Rosa: her edit page and a forged save answer 404, and Quinn's note stays.
        Assert.Equal(HttpStatusCode.NotFound, (await sven.Client.OpenAsync($"/contacts/{rosa.Id}/edit")).Status);
        var forged = await PostAsync(sven, $"/contacts/{rosa.Id}/edit", new() { ["Form.Note"] = "overwritten" });
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        Assert.Equal("Kennt sich mit Förderanträgen aus.",
            await app.WithDbAsync(db => db.Contacts.Where(c => c.UserId == quinn.Id && c.ContactUserId == rosa.Id).Select(c => c.Note).SingleAsync()));
    }
}
