using System.Net;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.Foundation;

/// <summary>The legal and help pages read files and texts, not the database: only the layout's own queries.</summary>
public class LegalPagesQueryTests(QueryCountingAppFactory app) : IClassFixture<QueryCountingAppFactory>
{
    [Theory]
    [InlineData("/help")]
    [InlineData("/legal/imprint")]
    [InlineData("/legal/privacy")]
    [InlineData("/legal/terms")]
    public async Task For_a_visitor_the_page_costs_no_query(string url)
    {
        var client = app.NewClient();
        await client.OpenAsync(url);

        var (page, queries) = await client.OpenCountingQueriesAsync(app, url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(queries);
    }

    [Fact]
    public async Task For_a_member_the_help_page_costs_only_the_navigations_count()
    {
        var (client, _) = await app.SignedInMemberAsync();
        await client.OpenAsync("/help");

        var (page, queries) = await client.OpenCountingQueriesAsync(app, "/help");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // The navigation's count of open requests; the rest is Identity re-reading the account (issue 17).
        var own = queries.Where(q => !QueryCounting.IsIdentity(q)).ToList();
        Assert.Single(own);
    }
}
