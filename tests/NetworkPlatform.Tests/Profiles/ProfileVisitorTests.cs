using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using static NetworkPlatform.Tests.Profiles.ProfileViewTestData;

namespace NetworkPlatform.Tests.Profiles;

public class ProfileVisitorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<List<ProfileVisit>> VisitsOfAsync(Guid ownerId) =>
        app.WithDbAsync(db => db.ProfileVisits.Where(v => v.ProfileUserId == ownerId).OrderBy(v => v.VisitedAt).ToListAsync());

    private static List<string> VisitorNames(Page page) =>
        page.Document.QuerySelectorAll("[data-testid=visitor] .fw-semibold").Select(e => e.TextContent.Trim()).ToList();

    private static int Total(Page page) => int.Parse(page.Document.QuerySelector("[data-testid=visit-total]")!.TextContent.Trim());

    [Fact]
    public async Task Two_views_on_one_day_count_as_one_visit()
    {
        var owner = await app.MemberWithProfileAsync();
        var visitor = await app.MemberWithProfileAsync(first: "Max", last: "Beispiel", login: true);

        await visitor.Client!.OpenAsync(owner.Url);
        await visitor.Client!.OpenAsync(owner.Url);

        var visit = Assert.Single(await VisitsOfAsync(owner.Id));
        Assert.Equal(visitor.Id, visit.VisitorUserId);
        Assert.False(visit.Anonymous);
        Assert.Equal(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), visit.Day);
    }

    [Fact]
    public async Task Views_at_the_same_moment_from_two_tabs_still_count_once()
    {
        var owner = await app.MemberWithProfileAsync();
        var visitor = await app.MemberWithProfileAsync(first: "Max", last: "Beispiel", login: true);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => visitor.Client!.OpenAsync(owner.Url)));

        Assert.Single(await VisitsOfAsync(owner.Id));
    }

    [Fact]
    public async Task The_next_day_counts_again()
    {
        var owner = await app.MemberWithProfileAsync(login: true);
        var visitor = await app.MemberWithProfileAsync(first: "Max", last: "Beispiel", login: true);
        await visitor.Client!.OpenAsync(owner.Url);

        app.Clock.Advance(TimeSpan.FromDays(1));
        await visitor.Client!.OpenAsync(owner.Url);

        var visits = await VisitsOfAsync(owner.Id);
        Assert.Equal(2, visits.Count);
        Assert.Equal(visits[0].Day.AddDays(1), visits[1].Day);
        var page = await owner.Client!.OpenAsync("/profile/visitors");
        Assert.Equal(2, Total(page));
        Assert.Equal(["Max Beispiel"], VisitorNames(page));
    }

    [Fact]
    public async Task Own_visits_and_visitors_who_are_not_logged_in_are_not_counted()
    {
        var owner = await app.MemberWithProfileAsync(p => p.Audience = ProfileAudience.Public, login: true);

        await owner.Client!.OpenAsync(owner.Url);
        await app.NewClient().OpenAsync(owner.Url);

        Assert.Empty(await VisitsOfAsync(owner.Id));
        var page = await owner.Client!.OpenAsync("/profile/visitors");
        Assert.Equal(0, Total(page));
        Assert.Contains("Nobody has visited your profile in the last 90 days.", page.Text);
    }

    [Fact]
    public async Task A_free_member_sees_the_three_most_recent_visitors_and_how_many_more_premium_shows()
    {
        var owner = await app.MemberWithProfileAsync(login: true);
        foreach (var name in new[] { "Anna", "Bert", "Cora", "Dirk", "Emma" })
        {
            var visitor = await app.MemberWithProfileAsync(first: name, last: "Besucher", login: true);
            await visitor.Client!.OpenAsync(owner.Url);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var page = await owner.Client!.OpenAsync("/profile/visitors");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(5, Total(page));
        Assert.Equal(["Emma Besucher", "Dirk Besucher", "Cora Besucher"], VisitorNames(page));
        Assert.Contains("2 more members visited your profile.", page.Document.QuerySelector("[data-testid=more-with-premium]")!.TextContent);
        Assert.NotNull(page.Document.QuerySelector("[data-testid=more-with-premium] a[href='/premium']"));
    }

    [Fact]
    public async Task A_premium_member_sees_every_visitor_with_the_date_twenty_to_a_page()
    {
        var owner = await app.MemberWithProfileAsync(login: true);
        await app.SetPremiumAsync(owner.Id);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < 22; i++)
        {
            var visitor = await app.MemberWithProfileAsync(p => p.Headline = $"Headline {i}", first: "Visitor", last: $"N{i:00}");
            await app.WithDbAsync(async db =>
            {
                db.ProfileVisits.Add(new ProfileVisit
                {
                    Id = Guid.NewGuid(), ProfileUserId = owner.Id, VisitorUserId = visitor.Id, Day = today.AddDays(-i),
                    VisitedAt = app.Clock.GetUtcNow().AddDays(-i),
                });
                return await db.SaveChangesAsync();
            });
        }

        var first = await owner.Client!.OpenAsync("/profile/visitors");
        var second = await owner.Client!.OpenAsync("/profile/visitors?page=2");

        Assert.Equal(22, Total(first));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"Visitor N{i:00}"), VisitorNames(first));
        Assert.Equal(["Visitor N20", "Visitor N21"], VisitorNames(second));
        Assert.Null(first.Document.QuerySelector("[data-testid=more-with-premium]"));
        var row = first.Document.QuerySelector("[data-testid=visitor]")!;
        Assert.Contains("Headline 0", row.TextContent);
        Assert.Contains("Visited on " + app.Clock.GetUtcNow().UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en")), row.TextContent);
        Assert.StartsWith("/p/visitor-n00", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Page 2 of 2", second.Text);
    }

    [Fact]
    public async Task A_member_who_browses_privately_is_counted_without_a_name_and_sees_no_names_themselves()
    {
        var owner = await app.MemberWithProfileAsync(login: true);
        await app.SetPremiumAsync(owner.Id);
        var hidden = await app.MemberWithProfileAsync(p => p.ShowMeAsVisitor = false, first: "Heimlich", last: "Leise", login: true);
        var open = await app.MemberWithProfileAsync(first: "Offen", last: "Laut", login: true);
        await app.SetPremiumAsync(hidden.Id);

        await hidden.Client!.OpenAsync(owner.Url);
        await open.Client!.OpenAsync(owner.Url);
        await open.Client!.OpenAsync(hidden.Url);

        var visits = await VisitsOfAsync(owner.Id);
        Assert.True(visits.Single(v => v.VisitorUserId == hidden.Id).Anonymous);
        var ownersPage = await owner.Client!.OpenAsync("/profile/visitors");
        Assert.Equal(2, Total(ownersPage));
        Assert.Equal(["Offen Laut"], VisitorNames(ownersPage));
        Assert.DoesNotContain("Heimlich", ownersPage.Text);
        Assert.Contains("Someone who browses privately", ownersPage.Document.QuerySelector("[data-testid=anonymous-visits]")!.TextContent);

        // The hidden member, even with premium, sees how many but not who.
        var hiddensPage = await hidden.Client!.OpenAsync("/profile/visitors");
        Assert.Equal(1, Total(hiddensPage));
        Assert.Empty(VisitorNames(hiddensPage));
        Assert.DoesNotContain("Offen", hiddensPage.Text);
        Assert.NotNull(hiddensPage.Document.QuerySelector("[data-testid=hidden-self] a[href='/profile/edit/settings']"));
    }

    [Fact]
    public async Task A_visit_made_while_hidden_stays_hidden_after_the_visitor_shows_themselves_again()
    {
        // The choice is stored with each visit: a visit made while hidden is never named later, whatever the visitor
        // chooses afterwards, and a named visitor's date is that of a visit made while they were shown.
        var owner = await app.MemberWithProfileAsync(login: true);
        await app.SetPremiumAsync(owner.Id);
        var visitor = await app.MemberWithProfileAsync(first: "Wanda", last: "Wechsel", login: true);
        async Task ShowMeAsync(bool show) => Assert.NotEqual(HttpStatusCode.InternalServerError,
            (await visitor.Client!.SubmitAsync("/profile/edit/settings", "/profile/edit/settings",
                new Dictionary<string, string> { ["ShowMeAsVisitor"] = show ? "true" : "false" })).Status);
        async Task<(int Total, List<string> Names, string? Row)> OwnersPageAsync()
        {
            var page = await owner.Client!.OpenAsync("/profile/visitors");
            return (Total(page), VisitorNames(page), page.Document.QuerySelector("[data-testid=visitor]")?.TextContent);
        }
        string Day() => app.Clock.GetUtcNow().UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en"));

        // Day 1: hidden, a visit; shown again, another visit the same day (the day's visit is the hidden one).
        await ShowMeAsync(false);
        await visitor.Client!.OpenAsync(owner.Url);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await ShowMeAsync(true);
        await visitor.Client!.OpenAsync(owner.Url);
        var afterShowing = await OwnersPageAsync();
        Assert.Equal(1, afterShowing.Total);
        Assert.Empty(afterShowing.Names);

        // Day 2: a visit while shown is named, with its own date.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await visitor.Client!.OpenAsync(owner.Url);
        var shownDay = Day();
        var named = await OwnersPageAsync();
        Assert.Equal(2, named.Total);
        Assert.Equal(["Wanda Wechsel"], named.Names);
        Assert.Contains("Visited on " + shownDay, named.Row);

        // Day 3: hidden again, a visit; day 4: shown again. The hidden visit gives the name no later date.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await ShowMeAsync(false);
        await visitor.Client!.OpenAsync(owner.Url);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await ShowMeAsync(true);
        var later = await OwnersPageAsync();
        Assert.Equal(3, later.Total);
        Assert.Equal(["Wanda Wechsel"], later.Names);
        Assert.Contains("Visited on " + shownDay, later.Row);
        Assert.True((await VisitsOfAsync(owner.Id)).Select(v => v.Anonymous).SequenceEqual([true, false, true]));
    }

    [Fact]
    public async Task The_chart_gives_thirteen_weeks_of_visits_as_numbers_too()
    {
        var owner = await app.MemberWithProfileAsync(login: true);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var days = new[] { 0, 1, 8, 89, 90, 91, 200 };
        foreach (var (d, i) in days.Select((d, i) => (d, i)))
        {
            var visitor = await app.CreateMemberAsync(TestData.UniqueEmail("v"), first: "V", last: $"{i}");
            await app.WithDbAsync(async db =>
            {
                db.ProfileVisits.Add(new ProfileVisit
                {
                    Id = Guid.NewGuid(), ProfileUserId = owner.Id, VisitorUserId = visitor.Id, Day = today.AddDays(-d),
                    VisitedAt = app.Clock.GetUtcNow().AddDays(-d),
                });
                return await db.SaveChangesAsync();
            });
        }

        var page = await owner.Client!.OpenAsync("/profile/visitors");

        Assert.Equal(5, Total(page));
        var cells = page.Document.QuerySelectorAll("[data-testid=visits-table] tbody td").Select(td => int.Parse(td.TextContent)).ToList();
        Assert.Equal(13, cells.Count);
        Assert.Equal([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2], cells);
        Assert.Equal(13, page.Document.QuerySelectorAll("svg rect").Length);
        Assert.Empty(page.Document.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task The_visitors_page_asks_someone_not_logged_in_to_log_in()
    {
        var response = await app.NewClient(followRedirects: false).GetAsync("/profile/visitors");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_visitors_page_is_in_German_for_a_German_member()
    {
        var owner = await app.MemberWithProfileAsync(login: true, language: "de");

        var page = await owner.Client!.OpenAsync("/profile/visitors");

        Assert.Equal("Wer Ihr Profil besucht hat", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }
}
