using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using static NetworkPlatform.Tests.Profiles.ProfileViewTestData;
using static NetworkPlatform.Tests.Search.SearchTestData;

namespace NetworkPlatform.Tests.Search;

/// <summary>Each filter, their combinations, the degree filter, premium filters and the free/premium result limits.</summary>
public class SearchFilterTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Location_industry_employer_and_skill_each_narrow_the_results_and_combine()
    {
        var place = NewPlace();
        var other = NewPlace();
        await app.AddMembersAsync([
            ("Fritz", "Alpha", p => { p.City = place + " am Main"; p.IndustryCode = "software"; p.Employer = "Siemens AG"; p.Skills = ["C#", "SQL"]; p.Headline = "Filterkunde"; }),
            ("Fritz", "Beta", p => { p.City = place; p.IndustryCode = "banking"; p.Employer = "Deutsche Bank"; p.Skills = ["C#"]; p.Headline = "Filterkunde"; }),
            ("Fritz", "Gamma", p => { p.City = other; p.IndustryCode = "software"; p.Employer = "Siemens Healthineers"; p.Skills = ["C++"]; p.Headline = "Filterkunde"; }),
        ]);
        var (_, client) = await app.SearcherAsync();

        Assert.Equal(["Fritz Alpha", "Fritz Beta"], (await client.SearchNamesAsync(Url("Filterkunde", place))).Order());
        Assert.Equal(["Fritz Alpha", "Fritz Gamma"],
            (await client.SearchNamesAsync($"/search?q=Filterkunde&industry=software&employer=siemens&city={place[..3]}")).Where(n => n.StartsWith("Fritz")).Order());
        Assert.Equal(["Fritz Alpha"], await client.SearchNamesAsync(Url("Filterkunde", place, "&industry=software")));
        Assert.Equal(["Fritz Beta"], await client.SearchNamesAsync(Url("Filterkunde", place, "&employer=deutsche%20bank")));
        Assert.Equal(["Fritz Alpha", "Fritz Beta"], (await client.SearchNamesAsync(Url(null, place, "&skill=c%23"))).Order());
        Assert.Equal(["Fritz Gamma"], await client.SearchNamesAsync(Url(null, other, "&skill=C%2B%2B")));
        Assert.Equal(["Fritz Alpha"], await client.SearchNamesAsync(Url(null, place, "&skill=C%23&industry=software&employer=Siemens")));
        Assert.Empty(await client.SearchNamesAsync(Url(null, place, "&skill=C%2B%2B")));
    }

    [Fact]
    public async Task The_degree_filter_tells_first_second_and_third_or_further_apart()
    {
        var place = NewPlace();
        var (me, client) = await app.SearcherAsync();
        var ids = await app.AddMembersAsync([
            ("Grad", "Eins", p => p.City = place),
            ("Grad", "Zwei", p => p.City = place),
            ("Grad", "Drei", p => p.City = place),
            ("Grad", "Fremd", p => p.City = place),
        ]);
        await app.ConnectAsync(me, ids[0]);
        await app.ConnectAsync(ids[0], ids[1]);
        await app.ConnectAsync(ids[1], ids[2]);

        Assert.Equal(["Grad Eins"], await client.SearchNamesAsync(Url("Grad", place, "&degree=First")));
        Assert.Equal(["Grad Zwei"], await client.SearchNamesAsync(Url("Grad", place, "&degree=2")));
        Assert.Equal(["Grad Drei", "Grad Fremd"], (await client.SearchNamesAsync(Url("Grad", place, "&degree=ThirdOrMore"))).Order());
        Assert.Equal(4, (await client.SearchNamesAsync(Url("Grad", place))).Count);

        // The badges: 1st, 2nd, and "3rd+" for three steps and further alike, as the filter (SearchService.ThirdOrFurther).
        var page = await client.OpenAsync(Url("Grad", place));
        string? Badge(string name) => page.Hit(name).QuerySelector(".np-degree")?.TextContent.Trim();
        Assert.Equal("1st", Badge("Grad Eins"));
        Assert.Equal("2nd", Badge("Grad Zwei"));
        Assert.Equal("3rd+", Badge("Grad Drei"));
        Assert.Equal("3rd+", Badge("Grad Fremd"));
    }

    [Fact]
    public async Task Each_result_shows_the_relation_to_the_viewer_and_the_contacts_they_share()
    {
        var place = NewPlace();
        var (me, client) = await app.SearcherAsync();
        var ids = await app.AddMembersAsync([
            ("Bezug", "Kontakt", p => p.City = place),
            ("Bezug", "Angefragt", p => p.City = place),
            ("Bezug", "Anfragend", p => p.City = place),
            ("Bezug", "Abgelehnt", p => p.City = place),
            ("Bezug", "Verborgen", p => { p.City = place; p.ContactListVisibility = Domain.Contacts.ContactListVisibility.OnlyMe; }),
            ("Bezug", "Fremd", p => p.City = place),
            ("Bezug", "Mittler", p => p.City = NewPlace()),
        ]);
        var (contact, asked, asking, declined, hidden, middle) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[6]);
        await app.ConnectAsync(me, contact);
        await app.ConnectAsync(me, middle);
        foreach (var other in new[] { contact, asked, asking, hidden })
            await app.ConnectAsync(middle, other);
        using (var scope = app.Services.CreateScope())
        {
            var contacts = scope.ServiceProvider.GetRequiredService<Domain.Contacts.ContactService>();
            await contacts.RequestAsync(me, asked, null);
            await contacts.RequestAsync(asking, me, null);
            await contacts.RequestAsync(declined, me, null);
            var (_, request) = await contacts.RelationAsync(me, declined);
            await contacts.DeclineAsync(me, request!.Value);
        }

        var page = await client.OpenAsync(Url("Bezug", place));
        string Actions(string name) => string.Join(" | ", page.Hit(name).QuerySelectorAll(".np-contact-actions button, .np-contact-actions .btn")
            .Select(b => b.TextContent.Trim()).Distinct());
        string? Shared(string name) => page.Hit(name).QuerySelector("[data-testid=hit-shared]")?.TextContent.Trim();

        Assert.Equal(6, page.HitNames().Count);
        Assert.Equal("1st", page.Hit("Bezug Kontakt").QuerySelector(".np-degree")?.TextContent.Trim());
        Assert.DoesNotContain("Add as contact", Actions("Bezug Kontakt"));
        Assert.Contains("Request sent", Actions("Bezug Angefragt"));
        Assert.Contains("Withdraw", Actions("Bezug Angefragt"));
        Assert.Contains("Accept", Actions("Bezug Anfragend"));
        Assert.Contains("Add as contact", Actions("Bezug Abgelehnt")); // a declined request is not shown to the decliner
        Assert.Contains("Add as contact", Actions("Bezug Fremd"));
        // Shared contacts: the middle member, except where the member hides their contact list.
        Assert.Equal("1 shared contact", Shared("Bezug Angefragt"));
        Assert.Equal("1 shared contact", Shared("Bezug Kontakt"));
        Assert.Null(Shared("Bezug Verborgen"));
        Assert.Null(Shared("Bezug Fremd"));
        // Nor the degree: "2nd" would say that one of my contacts has her on their list (NetworkVisibility).
        Assert.Equal("3rd+", page.Hit("Bezug Verborgen").QuerySelector(".np-degree")?.TextContent.Trim());
    }

    [Fact]
    public async Task Premium_members_filter_by_offers_wants_languages_and_years_of_experience()
    {
        var place = NewPlace();
        var ids = await app.AddMembersAsync([
            ("Prem", "Anbieter", p => { p.City = place; p.Haves = ["Mentoring für Gründer"]; p.Wants = ["Investoren"]; }),
            ("Prem", "Sucher", p => { p.City = place; p.Haves = ["Buchhaltung"]; p.Wants = ["Mentoring"]; }),
        ]);
        await app.WithDbAsync(async db =>
        {
            db.ProfileLanguages.Add(new ProfileLanguage { Id = Guid.NewGuid(), UserId = ids[0], Name = "Französisch", Level = LanguageLevel.C1 });
            db.ProfileLanguages.Add(new ProfileLanguage { Id = Guid.NewGuid(), UserId = ids[1], Name = "English", Level = LanguageLevel.Native });
            var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
            db.ProfileEntries.Add(Entry(ids[0], EntryKind.Experience, "Berater", "Firma", today.AddYears(-12)));
            db.ProfileEntries.Add(Entry(ids[1], EntryKind.Experience, "Junior", "Firma", today.AddYears(-2)));
            db.ProfileEntries.Add(Entry(ids[1], EntryKind.Education, "Studium", "Uni", today.AddYears(-20), today.AddYears(-15)));
            return await db.SaveChangesAsync();
        });
        var (_, client) = await app.SearcherAsync(premium: true);

        var page = await client.OpenAsync(Url(null, place));
        Assert.NotNull(page.Document.QuerySelector("[data-testid=premium-filters]"));
        Assert.Equal(["Prem Anbieter"], await client.SearchNamesAsync(Url(null, place, "&offers=mentoring")));
        Assert.Equal(["Prem Sucher"], await client.SearchNamesAsync(Url(null, place, "&wants=Mentoring")));
        Assert.Equal(["Prem Anbieter"], await client.SearchNamesAsync(Url(null, place, "&language=franzoesisch")));
        Assert.Equal(["Prem Sucher"], await client.SearchNamesAsync(Url(null, place, "&language=english")));
        Assert.Equal(["Prem Anbieter"], await client.SearchNamesAsync(Url(null, place, "&years=10")));
        Assert.Equal(2, (await client.SearchNamesAsync(Url(null, place, "&years=2"))).Count);
        Assert.Empty(await client.SearchNamesAsync(Url(null, place, "&years=10&language=english")));
    }

    [Fact]
    public async Task A_free_member_who_puts_a_premium_filter_into_the_address_gets_it_ignored_with_a_notice()
    {
        var place = NewPlace();
        await app.AddMembersAsync([
            ("Frei", "Anbieter", p => { p.City = place; p.Haves = ["Mentoring"]; }),
            ("Frei", "Andere", p => { p.City = place; p.Haves = ["Buchhaltung"]; }),
        ]);
        var (_, client) = await app.SearcherAsync();

        var page = await client.OpenAsync(Url(null, place, "&offers=Mentoring&language=Deutsch&years=5"));

        Assert.Equal(["Frei Andere", "Frei Anbieter"], page.HitNames().OrderDescending());
        Assert.NotNull(page.Document.QuerySelector("[data-testid=premium-ignored]"));
        Assert.Null(page.Document.QuerySelector("[data-testid=premium-filters]"));
        // Two results: premium would show no more, so no pitch for it.
        Assert.Null(page.Document.QuerySelector("[data-testid=premium-pitch]"));

    }

    [Fact]
    public async Task Free_members_see_30_results_and_premium_members_all_of_them_20_per_page()
    {
        var place = NewPlace();
        await app.AddMembersAsync(Enumerable.Range(1, 35)
            .Select(i => ("Viele", $"Treffer{i:00}", (Action<MemberProfile>)(p => { p.City = place; p.Skills = ["Kartografie"]; }))));
        var (_, free) = await app.SearcherAsync();
        var (_, premium) = await app.SearcherAsync(premium: true);

        var first = await free.OpenAsync(Url("Kartografie", place));
        Assert.Contains("35 members found", first.Count());
        Assert.Contains("You can see the first 30", first.Count());
        Assert.Equal(20, first.HitNames().Count);
        Assert.Contains("Page 1 of 2", first.Text);
        // More results than the free limit: here premium would change what the member sees.
        Assert.Contains("Premium shows up to 300 results", first.Document.QuerySelector("[data-testid=premium-pitch]")!.TextContent);
        var second = await free.OpenAsync(Url("Kartografie", place, "&page=2"));
        Assert.Equal(10, second.HitNames().Count);
        Assert.Empty(first.HitNames().Intersect(second.HitNames()));
        // No third page, however the address is edited: the last allowed page.
        var third = await free.OpenAsync(Url("Kartografie", place, "&page=3"));
        Assert.Equal(second.HitNames(), third.HitNames());

        var p1 = await premium.OpenAsync(Url("Kartografie", place));
        var p2 = await premium.OpenAsync(Url("Kartografie", place, "&page=2"));
        Assert.Contains("35 members found", p1.Count());
        Assert.DoesNotContain("You can see the first", p1.Count());
        Assert.Equal(20, p1.HitNames().Count);
        Assert.Equal(15, p2.HitNames().Count);
        Assert.Equal(35, p1.HitNames().Concat(p2.HitNames()).Distinct().Count());
        Assert.Null(p1.Document.QuerySelector("[data-testid=premium-pitch]"));
    }

    [Fact]
    public async Task Add_as_contact_from_a_result_sends_a_request_and_the_result_then_shows_it()
    {
        var place = NewPlace();
        var id = await app.AddMemberAsync("Neu", "Kontakt", p => p.City = place);
        var (me, client) = await app.SearcherAsync();
        var url = Url("Kontakt", place);

        var page = await client.OpenAsync(url);
        var after = await page.SubmitAsync(client, $"/contacts/request/{id}", new Dictionary<string, string> { ["message"] = "Hallo" });

        Assert.Equal(url, after.Path);
        Assert.Contains("Request sent", after.Text);
        Assert.True(await app.WithDbAsync(db => Task.FromResult(db.ContactRequests.Any(r => r.FromUserId == me && r.ToUserId == id))));
        Assert.Null(after.Document.QuerySelector($"form[action='/contacts/request/{id}']"));
    }

    [Fact]
    public async Task Results_offer_the_next_step_only_removing_and_blocking_stay_on_the_profile()
    {
        var place = NewPlace();
        var stranger = await app.AddMemberAsync("Listen", "Fremd", p => p.City = place);
        var contact = await app.AddMemberAsync("Listen", "Kontakt", p => p.City = place);
        var (me, client) = await app.SearcherAsync();
        await app.ConnectAsync(me, contact);

        var page = await client.OpenAsync(Url("Listen", place));

        Assert.NotNull(page.Document.QuerySelector($"form[action='/contacts/request/{stranger}']"));
        Assert.Null(page.Document.QuerySelector($"form[action='/contacts/{stranger}/block']"));
        Assert.Null(page.Document.QuerySelector($"form[action='/contacts/{contact}/remove']"));
        Assert.Null(page.Document.QuerySelector($"form[action='/contacts/{contact}/block']"));
        Assert.Equal("1st", page.Document.QuerySelector($"[data-user='{contact}'] .np-degree")?.TextContent.Trim());
    }
}
