using System.Net;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;
using NetworkPlatform.Tests.Search;
using Xunit.Abstractions;

namespace NetworkPlatform.Tests.Performance;

/// <summary>
/// A member's main pages cost a fixed, small number of SQL round trips, layout and session included, whatever the
/// size of the member's network (issue 17): the same for a member with one contact as for one with thirty contacts,
/// twenty requests and thirty visitors, and at most <see cref="MaxRoundTrips"/>.
/// </summary>
public class PageQueryCountTests(QueryCountingAppFactory app, ITestOutputHelper output) : IClassFixture<QueryCountingAppFactory>
{
    public const int MaxRoundTrips = 4;

    /// <summary>A member with a network of the given size, logged in; a contact and a second-degree member to view.</summary>
    private async Task<(HttpClient Client, string Contact, string Stranger, string Word)> NetworkAsync(int size)
    {
        var word = SearchTestData.NewWord("Zaehl");
        var me = await app.MemberWithProfileAsync(first: "Paula", last: word, login: true);
        var others = await app.AddMembersAsync(Enumerable.Range(0, size * 2 + 2)
            .Select(i => ("Kontakt", $"{word}{i:00}", (Action<MemberProfile>)(p =>
            {
                p.Headline = "Beraterin";
                p.Employer = "Firma " + (i % 3);
            }))));
        var contacts = others.Take(size).ToList();
        var stranger = others[size];
        foreach (var c in contacts)
            await app.ConnectAsync(me.Id, c);
        // The stranger is a contact of every contact: second degree with many shared contacts.
        foreach (var c in contacts)
            await app.ConnectAsync(c, stranger);
        var now = app.Clock.GetUtcNow();
        var requesters = others.Skip(size + 1).Take(size).ToList();
        await app.WithDbAsync(db =>
        {
            foreach (var (r, i) in requesters.Select((r, i) => (r, i)))
            {
                var (incoming, other) = i % 2 == 0 ? (true, r) : (false, r);
                var from = incoming ? other : me.Id;
                var to = incoming ? me.Id : other;
                var (low, high) = ContactRequest.Pair(from, to);
                db.ContactRequests.Add(new ContactRequest
                {
                    Id = Guid.NewGuid(), FromUserId = from, ToUserId = to, PairLow = low, PairHigh = high,
                    Message = "Hallo", CreatedAt = now,
                });
            }
            foreach (var (v, i) in others.Select((v, i) => (v, i)))
                db.ProfileVisits.Add(new ProfileVisit
                {
                    Id = Guid.NewGuid(), ProfileUserId = me.Id, VisitorUserId = v,
                    Day = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-i)), VisitedAt = now.AddDays(-i),
                });
            return db.SaveChangesAsync();
        });
        return (me.Client!, "/p/m-" + contacts[0].ToString("N"), "/p/m-" + stranger.ToString("N"), word);
    }

    public static TheoryData<string> Pages => new() { "start", "contacts", "contact-profile", "stranger-profile", "search" };

    private static string UrlOf(string page, (HttpClient Client, string Contact, string Stranger, string Word) n) => page switch
    {
        "start" => "/",
        "contacts" => "/contacts",
        "contact-profile" => n.Contact,
        "stranger-profile" => n.Stranger,
        "search" => "/search?q=" + Uri.EscapeDataString(n.Word),
        _ => throw new ArgumentOutOfRangeException(nameof(page)),
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_member_s_page_costs_the_same_few_round_trips_for_a_small_and_a_large_network(string page)
    {
        var small = await NetworkAsync(1);
        var large = await NetworkAsync(30);
        // Each member's first request reads the account (then cached for a few seconds, ADR 0012); the app's first
        // request may load the key ring. Neither is the page's own cost.
        await small.Client.OpenAsync(UrlOf(page, small));
        await large.Client.OpenAsync(UrlOf(page, large));

        var (smallPage, smallQueries) = await small.Client.OpenCountingQueriesAsync(app, UrlOf(page, small));
        var (largePage, largeQueries) = await large.Client.OpenCountingQueriesAsync(app, UrlOf(page, large));
        foreach (var sql in largeQueries)
            output.WriteLine(sql + "\n----");

        Assert.Equal(HttpStatusCode.OK, smallPage.Status);
        Assert.Equal(HttpStatusCode.OK, largePage.Status);
        Assert.Equal(smallQueries.Count, largeQueries.Count);
        Assert.InRange(largeQueries.Count, 1, MaxRoundTrips);
    }
}
