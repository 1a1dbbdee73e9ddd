using System.Net;
using NetworkPlatform.Tests.Infrastructure;
using static NetworkPlatform.Tests.Search.SearchTestData;

namespace NetworkPlatform.Tests.Search;

/// <summary>The results page costs the same SQL commands for one result as for twenty.</summary>
public class SearchQueryCountTests(QueryCountingAppFactory app) : IClassFixture<QueryCountingAppFactory>
{
    [Fact]
    public async Task A_page_with_twenty_results_costs_the_same_queries_as_a_page_with_one()
    {
        var (me, client) = await app.SearcherAsync();
        var one = NewPlace();
        var twenty = NewPlace();
        var ids = await app.AddMembersAsync(Enumerable.Range(1, 20)
            .Select(i => ("Zaehl", $"Mitglied{i:00}", (Action<Domain.Profiles.MemberProfile>)(p => p.City = twenty))));
        ids.Add(await app.AddMemberAsync("Zaehl", "Einzeln", p => p.City = one));
        // Some of them contacts, some with requests either way, so every part of the page has something to show.
        for (var i = 0; i < 5; i++)
            await app.ConnectAsync(me, ids[i]);
        await app.ConnectAsync(ids[0], ids[10]);
        await app.ConnectAsync(ids[0], ids[20]);
        await client.OpenAsync(Url("Zaehl", one)); // the app's first request may load the key ring

        var (onePage, oneQueries) = await client.OpenCountingQueriesAsync(app, Url("Zaehl", one));
        var (twentyPage, twentyQueries) = await client.OpenCountingQueriesAsync(app, Url("Zaehl", twenty));

        Assert.Equal(HttpStatusCode.OK, twentyPage.Status);
        Assert.Single(onePage.HitNames());
        Assert.Equal(20, twentyPage.HitNames().Count);
        Assert.Equal(oneQueries.Count, twentyQueries.Count);
        // The page's own: the ranked page with its total, degrees, shared contacts and requests (1); the navigation's
        // count of open requests (1); the rest is Identity re-reading the account on every request.
        var own = twentyQueries.Where(q => !QueryCounting.IsIdentity(q)).ToList();
        Assert.Equal(2, own.Count);
    }

    [Fact]
    public async Task A_visitor_s_search_is_one_query()
    {
        var place = NewPlace();
        await app.AddMembersAsync(Enumerable.Range(1, 20).Select(i => ("Gast", $"Sicht{i:00}",
            (Action<Domain.Profiles.MemberProfile>)(p => { p.City = place; p.Audience = Domain.Profiles.ProfileAudience.Public; }))));
        var client = app.NewClient();
        await client.OpenAsync("/search");

        var (page, queries) = await client.OpenCountingQueriesAsync(app, Url("Gast", place));

        Assert.Equal(20, page.HitNames().Count);
        Assert.Single(queries);
    }
}
