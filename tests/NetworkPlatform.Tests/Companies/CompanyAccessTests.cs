using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.Companies;

/// <summary>
/// Every route that takes a company id refuses everyone but the page's admins: the admin of another company, a
/// member, an anonymous visitor. The table is checked against the app's endpoints, so a new route cannot slip by.
/// </summary>
public class CompanyAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Method and route template, as the endpoints declare them, and the form fields a POST sends.</summary>
    private static readonly (string Method, string Template, Dictionary<string, string> Fields)[] AdminRoutes =
    [
        ("GET", "companies/{id:guid}/edit", []),
        ("POST", "companies/{id:guid}/edit", new() { ["Name"] = "Übernommen", ["Slug"] = "uebernommen-" + Guid.NewGuid().ToString("N")[..6] }),
        ("GET", "companies/{id:guid}/logo", []),
        ("POST", "companies/{id:guid}/logo", []),
        ("POST", "companies/{id:guid}/logo/remove", []),
        ("GET", "companies/{id:guid}/admins", []),
        ("POST", "companies/{id:guid}/admins", []),
        ("POST", "companies/{id:guid}/admins/{memberId:guid}/remove", []),
        ("GET", "companies/{id:guid}/domains", []),
        ("POST", "companies/{id:guid}/domains", new() { ["EmailDomains"] = "evil.example" }),
        ("GET", "companies/{id:guid}/stats", []),
    ];

    /// <summary>Routes with a company id that any member may use on any visible page.</summary>
    private static readonly string[] MemberRoutes =
    [
        "companies/{id:guid}/follow", "companies/{id:guid}/unfollow", "companies/{id:guid}/logo/{variant}",
    ];

    [Fact]
    public void The_table_names_every_route_with_a_company_id()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Method: string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]),
                Template: e.RoutePattern.RawText!.TrimStart('/')))
            .Where(e => e.Template.StartsWith("companies/{id", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(endpoints);
        foreach (var e in endpoints)
            Assert.True(AdminRoutes.Any(r => r.Method == e.Method && r.Template == e.Template) || MemberRoutes.Contains(e.Template),
                $"{e.Method} /{e.Template} is not in the access table");
    }

    private static string Url(string template, Guid company, Guid member) =>
        "/" + template.Replace("{id:guid}", company.ToString()).Replace("{memberId:guid}", member.ToString());

    [Fact]
    public async Task Admins_of_another_company_members_and_visitors_are_refused_on_every_admin_route()
    {
        var owner = await app.RecruiterAsync("Olga");
        var company = await app.CompanyAsync(owner.Id, "Zugriff AG " + Guid.NewGuid().ToString("N")[..6]);
        await app.WithServiceAsync<CompanyService>(s => s.SetEmailDomainsAsync(owner.Id, company.Id, "zugriff.example"));
        var otherAdmin = await app.RecruiterAsync("Otto");
        await app.CompanyAsync(otherAdmin.Id, "Andere AG " + Guid.NewGuid().ToString("N")[..6]);
        var member = await app.MemberWithProfileAsync(login: true);
        var anonymous = app.NewClient(followRedirects: false);
        var before = await app.ReadCompanyAsync(company.Id);

        foreach (var (who, client) in new[] { ("other company's admin", otherAdmin.Client!), ("member", member.Client!) })
        {
            var tokenPage = await client.OpenAsync("/companies/mine");
            foreach (var (method, template, fields) in AdminRoutes)
            {
                var url = Url(template, company.Id, owner.Id);
                var status = method == "GET"
                    ? (await client.OpenAsync(url)).Status
                    : (await client.PostWithTokenOfAsync(tokenPage, url, fields)).Status;
                Assert.True(status == HttpStatusCode.NotFound, $"{who}: {method} {url} answered {(int)status}");
            }
        }
        foreach (var (method, template, fields) in AdminRoutes)
        {
            var url = Url(template, company.Id, owner.Id);
            var response = method == "GET"
                ? await anonymous.GetAsync(url)
                : await anonymous.PostAsync(url, new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest,
                $"anonymous: {method} {url} answered {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
                Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
        }

        var after = await app.ReadCompanyAsync(company.Id);
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Slug, after.Slug);
        Assert.Equal(["zugriff.example"], after.EmailDomains);
        var admins = await app.WithDbAsync(db => db.CompanyAdmins.Where(a => a.CompanyId == company.Id).Select(a => a.UserId).ToListAsync());
        Assert.Equal([owner.Id], admins);
    }

    [Fact]
    public async Task The_page_admin_reaches_every_admin_page()
    {
        var owner = await app.RecruiterAsync();
        var company = await app.CompanyAsync(owner.Id, "Eigen AG " + Guid.NewGuid().ToString("N")[..6]);
        foreach (var (_, template, _) in AdminRoutes.Where(r => r.Method == "GET"))
        {
            var page = await owner.Client!.OpenAsync(Url(template, company.Id, owner.Id));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains(company.Name, page.Text);
        }
    }

    [Fact]
    public async Task Admins_add_members_by_name_remove_them_and_the_last_admin_cannot_leave()
    {
        var owner = await app.RecruiterAsync();
        var company = await app.CompanyAsync(owner.Id, "Team GmbH " + Guid.NewGuid().ToString("N")[..6]);
        var last = "Kollegin" + Guid.NewGuid().ToString("N")[..6];
        var colleague = await app.MemberWithProfileAsync(first: "Karla", last: last, login: true);
        var adminsUrl = $"/companies/{company.Id}/admins";

        var leave = await owner.Client!.PostWithTokenOfAsync(await owner.Client!.OpenAsync(adminsUrl),
            $"{adminsUrl}/{owner.Id}/remove", new Dictionary<string, string>());
        Assert.Contains("A page always keeps one admin", leave.Text);
        Assert.NotNull((await owner.Client!.OpenAsync(adminsUrl)).Document.QuerySelector("[data-testid=last-admin]"));

        var found = await owner.Client!.OpenAsync($"{adminsUrl}?q={last}");
        Assert.Contains("Karla " + last, found.Document.QuerySelector("[data-testid=candidates]")!.TextContent);
        var memberId = found.Document.QuerySelector("[data-testid=candidates] input[name=memberId]")!.GetAttribute("value")!;
        var added = await owner.Client!.PostWithTokenOfAsync(found, adminsUrl, new Dictionary<string, string> { ["memberId"] = memberId });
        Assert.Equal(HttpStatusCode.OK, added.Status);
        added = await owner.Client!.OpenAsync(adminsUrl);
        Assert.Equal(2, added.Document.QuerySelectorAll("[data-testid=admin]").Length);
        // The new admin now manages the page.
        Assert.Equal(HttpStatusCode.OK, (await colleague.Client!.OpenAsync($"/companies/{company.Id}/edit")).Status);

        var removed = await owner.Client!.SubmitAsync(adminsUrl, $"{adminsUrl}/{colleague.Id}/remove", new Dictionary<string, string>());
        Assert.Single(removed.Document.QuerySelectorAll("[data-testid=admin]"));
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.Client!.OpenAsync($"/companies/{company.Id}/edit")).Status);
    }

    [Fact]
    public async Task Two_admins_removing_each_other_at_once_leave_one_admin()
    {
        var a = await app.RecruiterAsync("Anna");
        var b = await app.MemberWithProfileAsync(first: "Bernd");
        var company = await app.CompanyAsync(a.Id, "Gleichzeitig AG " + Guid.NewGuid().ToString("N")[..6]);
        await app.WithServiceAsync<CompanyAdminService>(s => s.AddAsync(a.Id, company.Id, b.Id));
        var results = await Task.WhenAll(
            Attempt(() => app.WithServiceAsync<CompanyAdminService>(s => s.RemoveAsync(a.Id, company.Id, b.Id))),
            Attempt(() => app.WithServiceAsync<CompanyAdminService>(s => s.RemoveAsync(b.Id, company.Id, a.Id))));
        Assert.Equal(1, await app.WithDbAsync(db => db.CompanyAdmins.CountAsync(x => x.CompanyId == company.Id)));
        Assert.Contains(results, r => r is null);

        static async Task<Exception?> Attempt(Func<Task> work)
        {
            try { await work(); return null; }
            catch (Exception e) { return e; }
        }
    }
}
