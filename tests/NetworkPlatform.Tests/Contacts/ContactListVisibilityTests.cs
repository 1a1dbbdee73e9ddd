using System.Net;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;
using static NetworkPlatform.Tests.Profiles.ProfileViewTestData;
using static NetworkPlatform.Tests.Search.SearchTestData;

namespace NetworkPlatform.Tests.Contacts;

/// <summary>
/// What the network shows a member of a contact between two others (NetworkVisibility, ADR 0009). Vera knows Bob,
/// Bob knows Alice, Vera does not know Alice: every place that could show Vera the contact Bob–Alice, for each setting
/// of Bob's and Alice's contact lists, seen through HTTP as Vera sees it.
/// </summary>
public class ContactListVisibilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const ContactListVisibility Open = ContactListVisibility.Contacts;
    private const ContactListVisibility OnlyMe = ContactListVisibility.OnlyMe;

    private sealed record Chain(Member Vera, Member Bob, Member Alice, string BobName, string AliceLast, string Place);

    private async Task<Chain> ChainAsync(ContactListVisibility bobsList, ContactListVisibility alicesList)
    {
        var place = NewPlace();
        var bobLast = NewWord("Mitte");
        var aliceLast = NewWord("Ziel");
        var vera = await app.MemberWithProfileAsync(first: "Vera", last: NewWord("Viewer"), login: true);
        var bob = await app.MemberWithProfileAsync(p => p.ContactListVisibility = bobsList, first: "Bob", last: bobLast);
        var alice = await app.MemberWithProfileAsync(p =>
        {
            p.ContactListVisibility = alicesList;
            p.City = place;
        }, first: "Alice", last: aliceLast);
        await app.ConnectAsync(vera.Id, bob.Id);
        await app.ConnectAsync(bob.Id, alice.Id);
        return new Chain(vera, bob, alice, "Bob " + bobLast, aliceLast, place);
    }

    [Fact]
    public async Task The_contact_path_to_a_member_whose_list_is_only_me_does_not_show_the_middle_member_to_a_stranger()
    {
        var c = await ChainAsync(bobsList: Open, alicesList: OnlyMe);

        var page = await c.Vera.Client!.OpenAsync(c.Alice.Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid=path]"));
        Assert.Null(page.Document.QuerySelector("[data-testid=shared]"));
        Assert.Null(page.Document.QuerySelector("h1 .np-degree")); // "2nd" would say that one of Vera's contacts knows her
        Assert.DoesNotContain(c.BobName, page.Text);
        Assert.Null(page.Document.QuerySelector($"a[href='{c.Bob.Url}']"));
    }

    [Fact]
    public async Task Shared_contacts_respect_the_contact_list_setting_on_the_profile_page_and_in_search_results()
    {
        // Bob keeps his list to himself: Vera may not learn that Alice is among his contacts, neither on Alice's
        // profile nor from the count on her search result.
        var c = await ChainAsync(bobsList: OnlyMe, alicesList: Open);

        var profile = await c.Vera.Client!.OpenAsync(c.Alice.Url);
        var search = await c.Vera.Client!.OpenAsync(Url(c.AliceLast, c.Place));

        Assert.Null(profile.Document.QuerySelector("[data-testid=shared]"));
        Assert.Empty(profile.Document.QuerySelectorAll("[data-testid=path]"));
        Assert.DoesNotContain(c.BobName, profile.Text);
        var hit = search.Hit("Alice " + c.AliceLast);
        Assert.Null(hit.QuerySelector("[data-testid=hit-shared]"));
        Assert.Equal("3rd+", hit.QuerySelector(".np-degree")?.TextContent.Trim());
    }

    /// <summary>
    /// The table: the contact Bob–Alice reaches Vera (who may see Bob's list, as his contact) only when neither Bob
    /// nor Alice keeps their list to themselves; then every place shows it, otherwise none does.
    /// </summary>
    [Theory]
    [InlineData(Open, Open, true)]
    [InlineData(Open, OnlyMe, false)]
    [InlineData(OnlyMe, Open, false)]
    [InlineData(OnlyMe, OnlyMe, false)]
    public async Task Every_place_shows_a_contact_between_two_others_only_when_both_lists_allow_it(
        ContactListVisibility bobsList, ContactListVisibility alicesList, bool shown)
    {
        var c = await ChainAsync(bobsList, alicesList);
        var vera = c.Vera.Client!;
        var alice = "Alice " + c.AliceLast;

        // Alice's profile: the degree, the path and the shared contacts.
        var profile = await vera.OpenAsync(c.Alice.Url);
        Assert.Equal(shown ? "2nd" : null, profile.Document.QuerySelector("h1 .np-degree")?.TextContent.Trim());
        var path = profile.Document.QuerySelectorAll("[data-testid=path]");
        Assert.Equal(shown ? 1 : 0, path.Length);
        if (shown)
            Assert.NotNull(path[0].QuerySelector($"a[href='{c.Bob.Url}']"));
        Assert.Equal(shown, profile.Document.QuerySelector($"[data-testid=shared] a[href='{c.Bob.Url}']") is not null);

        // Search: the degree badge and the count of shared contacts.
        var hit = (await vera.OpenAsync(Url(c.AliceLast, c.Place))).Hit(alice);
        Assert.Equal(shown ? "2nd" : "3rd+", hit.QuerySelector(".np-degree")?.TextContent.Trim());
        Assert.Equal(shown ? "1 shared contact" : null, hit.QuerySelector("[data-testid=hit-shared]")?.TextContent.Trim());
        Assert.Equal(shown ? [alice] : Array.Empty<string>(),
            await vera.SearchNamesAsync(Url(c.AliceLast, c.Place, "&degree=Second")));

        // People you may know: Alice comes (with her shared contact) only through a contact Vera may see.
        var suggestions = await vera.OpenAsync("/contacts/suggestions");
        var suggestion = suggestions.Document.QuerySelectorAll("[data-testid=suggestion]")
            .SingleOrDefault(s => s.TextContent.Contains(alice, StringComparison.Ordinal));
        Assert.Equal(shown, suggestion is not null);
        if (shown)
            Assert.Contains("1 shared contact", suggestion!.TextContent);

        // Bob's contact list: open to Vera unless Bob keeps it to himself, and without Alice if she keeps hers.
        var list = await vera.OpenAsync(c.Bob.Url + "/contacts");
        Assert.Equal(bobsList == Open ? HttpStatusCode.OK : HttpStatusCode.NotFound, list.Status);
        if (bobsList == Open)
        {
            Assert.Equal(shown, list.Text.Contains(alice, StringComparison.Ordinal));
            // Vera herself, and Alice if shown.
            Assert.Equal(shown ? "2 contacts" : "1 contact", list.Document.QuerySelector("h1 + p[role=status]")?.TextContent.Trim());
        }
    }
}
