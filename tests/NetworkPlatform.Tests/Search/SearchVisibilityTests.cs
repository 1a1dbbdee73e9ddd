using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using static NetworkPlatform.Tests.Search.SearchTestData;

namespace NetworkPlatform.Tests.Search;

/// <summary>Who finds whom: visitors only public profiles; blocks hide both ways; unconfirmed never.</summary>
public class SearchVisibilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Visitors_find_only_public_profiles_and_see_no_network_or_actions()
    {
        var place = NewPlace();
        await app.AddMemberAsync("Offen", "Sichtbar", p => { p.City = place; p.Audience = ProfileAudience.Public; p.Headline = "Öffentlich"; });
        await app.AddMemberAsync("Nur", "Mitglieder", p => { p.City = place; p.Audience = ProfileAudience.Members; });
        var (_, member) = await app.SearcherAsync();

        var visitorPage = await app.NewClient().OpenAsync(Url(null, place));

        Assert.Equal(["Offen Sichtbar"], visitorPage.HitNames());
        Assert.Contains("Öffentlich", visitorPage.Text);
        Assert.Empty(visitorPage.Document.QuerySelectorAll("[data-testid=search-hit] form"));
        Assert.Null(visitorPage.Document.QuerySelector("#search-degree"));
        Assert.Equal(["Nur Mitglieder", "Offen Sichtbar"], (await member.SearchNamesAsync(Url(null, place))).Order());
    }

    [Fact]
    public async Task Blocked_members_never_find_each_other_whoever_blocked()
    {
        var place = NewPlace();
        var (blocker, blockerClient) = await app.SearcherAsync();
        var (blocked, blockedClient) = await app.SearcherAsync();
        var (_, bystander) = await app.SearcherAsync();
        await app.WithDbAsync(async db =>
        {
            await db.Profiles.Where(p => p.UserId == blocker || p.UserId == blocked)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.City, place));
            return 0;
        });
        await app.BlockAsync(blocker, blocked);

        Assert.Empty(await blockerClient.SearchNamesAsync(Url("Sucher", place)));
        Assert.Empty(await blockedClient.SearchNamesAsync(Url("Sucher", place)));
        Assert.Equal(2, (await bystander.SearchNamesAsync(Url("Sucher", place))).Count);
    }

    [Fact]
    public async Task Unconfirmed_members_never_appear_and_a_lock_out_of_any_length_hides_nobody()
    {
        // Suspension is an account state of its own (the back-office defines it); Identity's lock-out after wrong
        // passwords, which a password reset clears, says nothing about who may be found.
        var place = NewPlace();
        var now = app.Clock.GetUtcNow();
        await app.AddMemberAsync("Ohne", "Bestaetigung", p => { p.City = place; p.Audience = ProfileAudience.Public; }, confirmed: false);
        await app.AddMemberAsync("Lange", "Gesperrt", p => { p.City = place; p.Audience = ProfileAudience.Public; }, lockoutEnd: now.AddYears(50));
        await app.AddMemberAsync("Kurz", "Pausiert", p => { p.City = place; p.Audience = ProfileAudience.Public; }, lockoutEnd: now.AddMinutes(5));
        var (_, member) = await app.SearcherAsync();

        Assert.Equal(["Kurz Pausiert", "Lange Gesperrt"], (await member.SearchNamesAsync(Url(null, place))).Order());
        Assert.Equal(["Kurz Pausiert", "Lange Gesperrt"], (await app.NewClient().SearchNamesAsync(Url(null, place))).Order());
        Assert.Empty(await member.SearchNamesAsync(Url("Bestaetigung", place)));
    }

    [Fact]
    public async Task The_header_has_a_labelled_search_box_for_visitors_and_members()
    {
        var (_, member) = await app.SearcherAsync();
        foreach (var client in new[] { app.NewClient(), member })
        {
            var page = await client.OpenAsync("/");
            var input = page.Document.QuerySelector("header form[action='/search'] input[name=q]");
            Assert.NotNull(input);
            var label = page.Document.QuerySelector($"label[for='{input!.Id}']");
            Assert.Equal("Search members", label?.TextContent.Trim());
        }
        var german = await app.NewClient(language: "de").OpenAsync("/search?q=Test");
        Assert.Contains("Mitglieder suchen", german.Document.QuerySelector("header label")!.TextContent);
        Assert.Contains("Mitglieder gefunden", german.Text);
    }
}
