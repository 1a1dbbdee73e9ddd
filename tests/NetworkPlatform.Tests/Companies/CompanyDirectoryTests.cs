using System.Net;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;
using NetworkPlatform.Tests.Search;

namespace NetworkPlatform.Tests.Companies;

/// <summary>
/// The company directory: filters and sorts combine, German and English word forms match, every filter is in the
/// URL, and a page costs a fixed number of round trips (issue 18).
/// </summary>
public class CompanyDirectoryTests(QueryCountingAppFactory app) : IClassFixture<QueryCountingAppFactory>
{
    private static IReadOnlyList<string> Names(Page page) =>
        page.Document.QuerySelectorAll("[data-testid=company-name]").Select(a => a.TextContent.Trim()).ToList();

    /// <summary>Four companies sharing a made-up word, in two cities, two industries, two sizes.</summary>
    private async Task<(string Word, string City, CompanyPage[] Companies)> FourAsync()
    {
        var word = SearchTestData.NewWord("Firma");
        var city = SearchTestData.NewPlace();
        var admin = await app.RecruiterAsync();
        var a = await app.CompanyAsync(admin.Id, CompanyTestData.Input($"Alpha {word}", "software", CompanySize.From11To50, $"{city} am Main", "Deutschland",
            description: "Wir entwickeln Maschinensteuerungen."));
        var b = await app.CompanyAsync(admin.Id, CompanyTestData.Input($"Beta {word}", "software", CompanySize.From201To500, "Wien", "Österreich",
            locations: $"{city}, Deutschland", specialities: "Beratung, Cloud"));
        var c = await app.CompanyAsync(admin.Id, CompanyTestData.Input($"Gamma {word}", "logistics", CompanySize.From11To50, $"{city}", "Deutschland",
            tagline: "Developers of routing software"));
        var d = await app.CompanyAsync(admin.Id, CompanyTestData.Input($"Delta {word}", "logistics", CompanySize.From201To500, "Graz", "Österreich"));
        // Followers and employees to sort by: Delta 3 followers, Beta 2, Gamma 1; Gamma 2 employees, Alpha 1.
        foreach (var (company, followers) in new[] { (d, 3), (b, 2), (c, 1) })
            for (var i = 0; i < followers; i++)
            {
                var f = await app.AddMemberAsync("Folger", SearchTestData.NewWord("F"));
                await app.WithServiceAsync<CompanyFollowService>(s => s.FollowAsync(f, company.Id));
            }
        foreach (var (company, employees) in new[] { (c, 2), (a, 1) })
            for (var i = 0; i < employees; i++)
                await app.EmployAsync(await app.AddMemberAsync("Mitarbeiter", SearchTestData.NewWord("M")), company.Id);
        return (word, city, [a, b, c, d]);
    }

    [Fact]
    public async Task Filters_and_sorts_combine_and_every_one_is_in_the_url()
    {
        var (word, city, _) = await FourAsync();
        var client = app.NewClient();
        async Task<IReadOnlyList<string>> Search(string query) => Names(await client.OpenAsync($"/companies?q={word}&{query}"));

        Assert.Equal([$"Alpha {word}", $"Beta {word}", $"Delta {word}", $"Gamma {word}"], await Search("sort=Name"));
        Assert.Equal([$"Delta {word}", $"Beta {word}", $"Gamma {word}", $"Alpha {word}"], await Search("sort=Followers"));
        Assert.Equal([$"Gamma {word}", $"Alpha {word}"], (await Search("sort=Employees")).Take(2).ToList());
        Assert.Equal([$"Delta {word}", $"Gamma {word}", $"Beta {word}", $"Alpha {word}"], await Search("sort=Newest"));
        Assert.Equal([$"Alpha {word}", $"Beta {word}"], await Search("industry=software&sort=Name"));
        Assert.Equal([$"Beta {word}"], await Search("industry=software&size=From201To500"));
        // The location matches the headquarters or a further location, by a part and without case.
        Assert.Equal([$"Alpha {word}", $"Beta {word}", $"Gamma {word}"], await Search($"location={city.ToLowerInvariant()}&sort=Name"));
        Assert.Equal([$"Delta {word}"], await Search("location=graz&industry=logistics"));
        Assert.Equal([$"Beta {word}", $"Delta {word}"], await Search("location=%C3%96sterreich&sort=Name"));

        // The form shows what the URL asked, and the next page keeps every filter.
        var page = await client.OpenAsync($"/companies?q={word}&industry=logistics&sort=Name&location=graz");
        Assert.Equal(word, page.FieldValue("companies-q"));
        Assert.Equal("graz", page.FieldValue("companies-location"));
        Assert.Equal("1 company", page.Document.QuerySelector("[data-testid=companies-count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task German_and_English_word_forms_match_and_an_empty_result_says_what_to_try()
    {
        var (word, _, _) = await FourAsync();
        var client = app.NewClient();
        // The singular finds the plural (German), "developer" finds "Developers" (English), the plural the singular.
        Assert.Equal([$"Alpha {word}"], Names(await client.OpenAsync($"/companies?q={word}+Maschinensteuerung")));
        Assert.Equal([$"Gamma {word}"], Names(await client.OpenAsync($"/companies?q={word}+developer")));
        Assert.Equal([$"Beta {word}"], Names(await client.OpenAsync($"/companies?q={word}+Beratungen")));

        var none = await client.OpenAsync($"/companies?q={word}+Raumfahrt&industry=software");
        Assert.Empty(Names(none));
        var empty = none.Document.QuerySelector("[data-testid=companies-empty]")!;
        Assert.Contains("Search without the filters", empty.TextContent);
    }

    [Fact]
    public async Task Nonsense_in_the_query_string_is_no_filter_and_never_an_error()
    {
        var client = app.NewClient();
        foreach (var url in new[] { "/companies?size=Huge", "/companies?sort=42&page=-3", "/companies?page=999999",
                     "/companies?q=%27%22%3C%3E%5C&location=%25_%5C" , "/companies?q=" + new string('x', 5000) })
            Assert.Equal(HttpStatusCode.OK, (await client.OpenAsync(url)).Status);
        // An industry that is not on the list filters nothing, as the form (showing "Any industry") says.
        var (word, _, _) = await FourAsync();
        var unknownIndustry = await client.OpenAsync($"/companies?q={word}&industry=nichtda");
        Assert.Equal(4, Names(unknownIndustry).Count);
    }

    [Fact]
    public async Task A_directory_page_costs_the_same_round_trips_with_one_or_many_results_and_the_header_search_leads_here()
    {
        var (word, _, _) = await FourAsync();
        var member = await app.MemberWithProfileAsync(login: true);
        var counts = new List<int>();
        foreach (var url in new[] { $"/companies?q={word}", $"/companies?q={word}&industry=software&sort=Employees",
                     "/companies?sort=Followers", "/companies?q=nichtsfindbar" + word })
        {
            var (page, commands) = await member.Client!.OpenCountingQueriesAsync(app, url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            counts.Add(commands.Count);
        }
        // The total and the page, plus the navigation's count: at most the budget of a member page.
        Assert.All(counts, c => Assert.InRange(c, 1, NetworkPlatform.Tests.Performance.PageQueryCountTests.MaxRoundTrips));
        var viaHeader = await member.Client!.OpenAsync($"/search?tab=companies&q={word}");
        Assert.Equal($"/companies?q={word}", viaHeader.Path);
        Assert.Equal(4, Names(viaHeader).Count);
    }

    [Fact]
    public async Task A_company_page_costs_a_fixed_number_of_round_trips_however_many_employees()
    {
        var admin = await app.RecruiterAsync();
        var small = await app.CompanyAsync(admin.Id, "Klein " + SearchTestData.NewWord("K"));
        var large = await app.CompanyAsync(admin.Id, "Gross " + SearchTestData.NewWord("G"));
        await app.EmployAsync(await app.AddMemberAsync("Eine", "Person"), small.Id);
        for (var i = 0; i < 12; i++)
            await app.EmployAsync(await app.AddMemberAsync("Viele", SearchTestData.NewWord("V")), large.Id, confirmed: i % 2 == 0);
        var member = await app.MemberWithProfileAsync(login: true);
        var counts = new List<int>();
        foreach (var url in new[] { "/c/" + small.Slug, "/c/" + large.Slug, $"/c/{large.Slug}/employees", "/companies/mine" })
        {
            var (page, commands) = await member.Client!.OpenCountingQueriesAsync(app, url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            counts.Add(commands.Count);
        }
        Assert.Equal(counts[0], counts[1]);
        Assert.All(counts, c => Assert.InRange(c, 1, NetworkPlatform.Tests.Performance.PageQueryCountTests.MaxRoundTrips));
    }

    [Fact]
    public void The_count_stops_after_500_pages_and_says_more_than()
    {
        var limit = CompanyDirectoryService.CountLimit;
        Assert.Equal(CompanyDirectoryService.PageSize * CompanyDirectoryService.MaxPage, limit);
        Assert.False(new CompanyResults([], limit, 1, CompanyDirectoryService.PageSize).TotalIsAtLeast);
        var capped = new CompanyResults([], limit + 1, 1, CompanyDirectoryService.PageSize);
        Assert.True(capped.TotalIsAtLeast);
        Assert.Equal(CompanyDirectoryService.MaxPage, capped.Pages);
    }

    [Fact]
    public async Task The_page_admin_tools_and_the_employment_step_cost_a_fixed_number_of_round_trips()
    {
        var admin = await app.RecruiterAsync();
        var few = await app.CompanyAsync(admin.Id, "Wenig " + SearchTestData.NewWord("W"));
        var many = await app.CompanyAsync(admin.Id, "Viel " + SearchTestData.NewWord("V"));
        for (var i = 0; i < 6; i++)
        {
            var m = await app.AddMemberAsync("Folgt", SearchTestData.NewWord("F"));
            await app.EmployAsync(m, many.Id);
            await app.WithServiceAsync<CompanyFollowService>(f => f.FollowAsync(m, many.Id));
        }
        var entry = await app.EmployAsync(admin.Id, many.Id);
        // The first request after the login costs one more (the session's first check); not a page's cost.
        await admin.Client!.OpenAsync("/companies/mine");

        foreach (var tool in new[] { "edit", "logo", "admins", "domains", "stats" })
        {
            var counts = new List<int>();
            foreach (var company in new[] { few, many })
            {
                var (page, commands) = await admin.Client!.OpenCountingQueriesAsync(app, $"/companies/{company.Id}/{tool}");
                Assert.Equal(HttpStatusCode.OK, page.Status);
                counts.Add(commands.Count);
            }
            // The same with no followers and employees as with some.
            Assert.True(counts[0] == counts[1], $"{tool}: {counts[0]} and {counts[1]} round trips");
            Assert.True(counts[0] is >= 1 and <= NetworkPlatform.Tests.Performance.PageQueryCountTests.MaxRoundTrips,
                $"{tool}: {counts[0]} round trips");
        }
        foreach (var url in new[] { "/companies/new", $"/profile/edit/experience/{entry}/company?q=Viel" })
        {
            var (page, commands) = await admin.Client!.OpenCountingQueriesAsync(app, url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.True(commands.Count is >= 1 and <= NetworkPlatform.Tests.Performance.PageQueryCountTests.MaxRoundTrips,
                $"{url}: {commands.Count} round trips:\n" + string.Join("\n", commands));
        }
    }

    [Fact]
    public async Task The_back_office_list_of_pages_costs_the_same_round_trips_for_one_page_of_results_as_for_a_search()
    {
        var client = await app.SignedInAdminAsync();
        var recruiter = await app.RecruiterAsync();
        var word = SearchTestData.NewWord("Backoffice");
        for (var i = 0; i < 4; i++)
            await app.CompanyAsync(recruiter.Id, $"{word} {i}");
        await client.OpenAsync("/admin/companies");

        var counts = new List<int>();
        foreach (var url in new[] { "/admin/companies", $"/admin/companies?q={word}", "/admin/companies?q=nothing-matches-this" })
        {
            var (page, commands) = await client.OpenCountingQueriesAsync(app, url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            counts.Add(commands.Count);
            Assert.True(commands.Count is >= 1 and <= NetworkPlatform.Tests.Performance.PageQueryCountTests.MaxRoundTrips,
                $"{url}: {commands.Count} round trips:\n" + string.Join("\n", commands));
        }
        Assert.True(counts.Distinct().Count() == 1, "round trips: " + string.Join(", ", counts));
    }
}
