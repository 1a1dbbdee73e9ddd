using System.Net;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using static NetworkPlatform.Tests.Profiles.ProfileViewTestData;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>The profile page costs the same few SQL commands whether a profile has one entry or thirty.</summary>
public class ProfileViewQueryTests(QueryCountingAppFactory app) : IClassFixture<QueryCountingAppFactory>
{
    private async Task<Member> ProfileWithAsync(int n)
    {
        var owner = await app.MemberWithProfileAsync(p =>
        {
            p.Audience = ProfileAudience.Public;
            p.Headline = $"Profile with {n} of everything";
            for (var i = 0; i < n; i++)
            {
                p.Entries.Add(Entry(p.UserId, EntryKind.Experience, $"Job {i}", "Firma", new(2000 + i % 20, 1, 1), null, "Did things."));
                p.Entries.Add(Entry(p.UserId, EntryKind.Education, $"Course {i}", "School", new(1990 + i % 10, 1, 1), new(1991 + i % 10, 1, 1)));
                p.Languages.Add(new ProfileLanguage { Name = $"Language {i}", Level = LanguageLevel.B2 });
                p.Links.Add(new ProfileLink { Title = $"Link {i}", Url = $"https://example.org/{i}", Position = i });
            }
        });
        for (var i = 0; i < n; i++)
            await app.AddDocumentAsync(owner.Id, $"Document {i}", FieldVisibility.Everyone);
        return owner;
    }

    [Fact]
    public async Task A_member_viewing_a_profile_costs_the_same_queries_for_one_entry_and_for_thirty()
    {
        var small = await ProfileWithAsync(1);
        var large = await ProfileWithAsync(30);
        var viewer = await app.MemberWithProfileAsync(first: "Max", last: "Beispiel", login: true);

        var (smallPage, smallQueries) = await viewer.Client!.OpenCountingQueriesAsync(app, small.Url);
        var (largePage, largeQueries) = await viewer.Client!.OpenCountingQueriesAsync(app, large.Url);

        Assert.Equal(HttpStatusCode.OK, smallPage.Status);
        Assert.Equal(HttpStatusCode.OK, largePage.Status);
        Assert.Equal(30, largePage.Document.QuerySelectorAll("[data-section=experience] li").Length);
        Assert.Equal(30, largePage.Document.QuerySelectorAll("[data-section=documents] li").Length);
        Assert.Equal(smallQueries.Count, largeQueries.Count);
        // The profile with the pair's relation (1); entries, languages, links, documents and the visit in one
        // statement (1); the network panel: shared contacts, degree and paths (1); the navigation's count of open
        // contact requests (1). The account behind the cookie is read at most once in a few seconds (ADR 0012).
        var own = largeQueries.Where(q => !QueryCounting.IsIdentity(q)).ToList();
        Assert.Equal(4, own.Count);
        Assert.Single(largeQueries, q => q.Contains("INSERT INTO \"ProfileVisits\""));
    }

    [Fact]
    public async Task Someone_not_logged_in_viewing_a_profile_costs_two_queries_however_long_it_is()
    {
        var small = await ProfileWithAsync(1);
        var large = await ProfileWithAsync(30);
        var client = app.NewClient();
        // The first request of the app may load the key ring; that is not the page's cost.
        await client.OpenAsync(small.Url);

        var (_, smallQueries) = await client.OpenCountingQueriesAsync(app, small.Url);
        var (_, largeQueries) = await client.OpenCountingQueriesAsync(app, large.Url);

        // The profile, then everything listed on it in one statement.
        Assert.Equal(2, smallQueries.Count);
        Assert.Equal(2, largeQueries.Count);
    }

    [Fact]
    public async Task The_visitors_page_costs_the_same_queries_for_one_visitor_and_for_thirty()
    {
        var few = await app.MemberWithProfileAsync(login: true);
        var many = await app.MemberWithProfileAsync(login: true);
        await app.SetPremiumAsync(few.Id);
        await app.SetPremiumAsync(many.Id);
        await AddVisitsAsync(few.Id, 1);
        await AddVisitsAsync(many.Id, 30);

        var (fewPage, fewQueries) = await few.Client!.OpenCountingQueriesAsync(app, "/profile/visitors");
        var (manyPage, manyQueries) = await many.Client!.OpenCountingQueriesAsync(app, "/profile/visitors");

        Assert.Single(fewPage.Document.QuerySelectorAll("[data-testid=visitor]"));
        Assert.Equal(20, manyPage.Document.QuerySelectorAll("[data-testid=visitor]").Length);
        Assert.Equal(fewQueries.Count, manyQueries.Count);
    }

    private async Task AddVisitsAsync(Guid ownerId, int visitors)
    {
        var day = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < visitors; i++)
        {
            var visitor = await app.CreateMemberAsync(TestData.UniqueEmail("visitor"), first: "Visitor", last: $"No{i}");
            await app.WithDbAsync(async db =>
            {
                db.ProfileVisits.Add(new ProfileVisit
                {
                    Id = Guid.NewGuid(), ProfileUserId = ownerId, VisitorUserId = visitor.Id,
                    Day = day.AddDays(-i), VisitedAt = app.Clock.GetUtcNow().AddDays(-i),
                });
                return await db.SaveChangesAsync();
            });
        }
    }
}
