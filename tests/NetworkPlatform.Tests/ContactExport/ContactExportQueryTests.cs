using System.Net;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.ContactExport;

/// <summary>The export costs the same SQL commands for 3 contacts as for 30: no query per contact.</summary>
public class ContactExportQueryTests(QueryCountingAppFactory app) : IClassFixture<QueryCountingAppFactory>
{
    private async Task<ProfileViewTestData.Member> MemberWithContactsAsync(int n, string last)
    {
        var me = await app.MemberWithProfileAsync(first: "Max", last: last, login: true);
        for (var i = 0; i < n; i++)
        {
            var contact = await app.MemberWithProfileAsync(p =>
            {
                p.Employer = "Firma " + i;
                p.Links.Add(new Domain.Profiles.ProfileLink { Title = "Site", Url = $"https://example.org/{i}", Position = 0 });
            }, first: "Kontakt", last: $"Nummer {i}");
            await app.ConnectAsync(me.Id, contact.Id);
        }
        return me;
    }

    [Theory]
    [InlineData("/contacts/export/contacts.vcf")]
    [InlineData("/contacts/export/contacts.csv")]
    public async Task Exporting_3_or_30_contacts_costs_the_same_queries(string url)
    {
        var small = await MemberWithContactsAsync(3, "Klein" + url.Length);
        var large = await MemberWithContactsAsync(30, "Gross" + url.Length);

        var (smallPage, smallQueries) = await small.Client!.OpenCountingQueriesAsync(app, url);
        var (largePage, largeQueries) = await large.Client!.OpenCountingQueriesAsync(app, url);

        Assert.Equal(HttpStatusCode.OK, smallPage.Status);
        Assert.Equal(HttpStatusCode.OK, largePage.Status);
        Assert.Equal(smallQueries.Count, largeQueries.Count);
        // Login cookie checks and the two export queries; the same however many contacts.
        Assert.InRange(largeQueries.Count, 2, 8);
        Assert.Contains("Nummer 29", largePage.Text);
    }
}
