using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.Companies;

/// <summary>
/// Positions linked to company pages (search, then pick), the employees a page lists, and employment confirmed by a
/// link mailed to an address at one of the company's domains (issue 18).
/// </summary>
public class EmploymentTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(ProfileViewTestData.Member Member, CompanyPage Company, Guid Entry)> LinkedAsync(string domain)
    {
        var recruiter = await app.RecruiterAsync();
        var company = await app.CompanyAsync(recruiter.Id, "Domain AG " + Guid.NewGuid().ToString("N")[..8]);
        await app.WithServiceAsync<CompanyService>(s => s.SetEmailDomainsAsync(recruiter.Id, company.Id, domain));
        var member = await app.MemberWithProfileAsync(login: true, first: "Jana");
        var entry = await app.WithDbAsync(async db =>
        {
            var e = ProfileViewTestData.Entry(member.Id, EntryKind.Experience, "Entwicklerin", "Domain AG", new DateOnly(2021, 3, 1));
            db.ProfileEntries.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        var url = $"/profile/edit/experience/{entry}/company";
        var found = await member.Client!.OpenAsync($"{url}?q={Uri.EscapeDataString(company.Name)}");
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Contains(company.Name, found.Document.QuerySelector("[data-testid=choices]")!.TextContent);
        var companyId = found.Document.QuerySelector("[data-testid=choices] input[name=companyId]")!.GetAttribute("value")!;
        var linked = await member.Client!.PostWithTokenOfAsync(found, url, new Dictionary<string, string> { ["companyId"] = companyId });
        linked = await member.Client!.OpenAsync(url);
        Assert.Contains(company.Name, linked.Document.QuerySelector("[data-testid=linked-company]")!.TextContent);
        return (member, company, entry);
    }

    [Fact]
    public async Task A_linked_current_position_makes_the_member_an_employee_on_the_page()
    {
        var (member, company, entry) = await LinkedAsync("example.com");
        Assert.Equal(1, (await app.ReadCompanyAsync(company.Id)).EmployeeCount);
        var page = await member.Client!.OpenAsync("/c/" + company.Slug);
        Assert.Contains("Jana", page.Document.QuerySelector("[data-testid=employees]")!.TextContent);
        Assert.Equal("1 employee on the network", page.Document.QuerySelector("[data-testid=employee-count]")!.TextContent.Trim());
        // The entry now carries the page's name, and the profile links the page.
        var profile = await member.Client!.OpenAsync(member.Url);
        Assert.Equal("/c/" + company.Slug, profile.Document.QuerySelector("[data-testid=entry-company]")!.GetAttribute("href"));

        // Unlinking keeps the name as text and leaves the page's count.
        await member.Client!.SubmitAsync($"/profile/edit/experience/{entry}/company",
            $"/profile/edit/experience/{entry}/company/remove", new Dictionary<string, string>());
        Assert.Equal(0, (await app.ReadCompanyAsync(company.Id)).EmployeeCount);
        Assert.Equal(company.Name, await app.WithDbAsync(db => db.ProfileEntries.Where(e => e.Id == entry).Select(e => e.Organisation).SingleAsync()));
    }

    [Fact]
    public async Task Another_members_position_cannot_be_linked_or_confirmed()
    {
        var (_, company, entry) = await LinkedAsync("example.com");
        var intruder = await app.MemberWithProfileAsync(login: true);
        var token = await intruder.Client!.OpenAsync("/profile/edit");
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client!.OpenAsync($"/profile/edit/experience/{entry}/company")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client!.PostWithTokenOfAsync(token,
            $"/profile/edit/experience/{entry}/company/remove", new Dictionary<string, string>())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client!.PostWithTokenOfAsync(token,
            $"/profile/edit/experience/{entry}/confirm", new Dictionary<string, string> { ["WorkEmail"] = "x@example.com" })).Status);
        Assert.Equal(company.Id, await app.WithDbAsync(db => db.ProfileEntries.Where(e => e.Id == entry).Select(e => e.CompanyId).SingleAsync()));
    }

    [Fact]
    public async Task An_address_outside_the_company_domains_is_refused_at_the_field()
    {
        var (member, _, entry) = await LinkedAsync("domain-ag.example");
        var url = $"/profile/edit/experience/{entry}/company";
        var refused = await member.Client!.SubmitAsync(url, $"/profile/edit/experience/{entry}/confirm",
            new Dictionary<string, string> { ["WorkEmail"] = "jana@evil-domain-ag.example" });
        Assert.Contains("domain-ag.example", refused.FieldError("WorkEmail"));
        Assert.Equal("jana@evil-domain-ag.example", refused.FieldValue("WorkEmail"));
        var empty = await member.Client!.SubmitAsync(url, $"/profile/edit/experience/{entry}/confirm",
            new Dictionary<string, string> { ["WorkEmail"] = "" });
        Assert.NotNull(empty.FieldError("WorkEmail"));
    }

    [Fact]
    public async Task The_mailed_link_confirms_and_the_mark_shows_on_the_page_and_the_profile_without_the_address()
    {
        var domain = "conf-" + Guid.NewGuid().ToString("N")[..8] + ".example";
        var (member, company, entry) = await LinkedAsync(domain);
        var workEmail = $"jana@de.{domain}";
        await member.Client!.SubmitAsync($"/profile/edit/experience/{entry}/company",
            $"/profile/edit/experience/{entry}/confirm", new Dictionary<string, string> { ["WorkEmail"] = workEmail });
        var mail = await MailCatcher.WaitForAsync(workEmail, "ConfirmEmployment");
        Assert.Contains(company.Name, mail.Subject);
        var link = mail.FirstLink("/profile/employment/confirm");

        // Opened anywhere (a work computer, not logged in): a page with a button; opening alone confirms nothing.
        var visitor = app.NewClient();
        var confirmPage = await visitor.OpenAsync(link);
        Assert.Null(await app.WithDbAsync(db => db.ProfileEntries.Where(e => e.Id == entry).Select(e => e.EmploymentConfirmedAt).SingleAsync()));
        var done = await confirmPage.SubmitAsync(visitor, "/profile/employment/confirm", new Dictionary<string, string>());
        Assert.Equal("/c/" + company.Slug, done.Path);
        Assert.Equal("Your employment is confirmed.", done.Flash);
        var companyPage = await member.Client!.OpenAsync("/c/" + company.Slug);
        Assert.NotNull(companyPage.Document.QuerySelector("[data-testid=employee] [data-testid=confirmed]"));

        var stored = await app.WithDbAsync(db => db.ProfileEntries.AsNoTracking().SingleAsync(e => e.Id == entry));
        Assert.Equal(domain, stored.ConfirmedDomain);
        Assert.NotNull(stored.EmploymentConfirmedAt);
        var profile = await member.Client!.OpenAsync(member.Url);
        Assert.NotNull(profile.Document.QuerySelector("[data-testid=employment-confirmed]"));
        // Only the domain is kept: the address is in no row of the member's data.
        Assert.False(await app.WithDbAsync(db => db.ProfileEntries.AnyAsync(e => e.ConfirmedDomain!.Contains("jana@"))));
    }

    [Fact]
    public async Task An_expired_or_forged_link_or_one_for_a_changed_position_is_refused()
    {
        var domain = "exp-" + Guid.NewGuid().ToString("N")[..8] + ".example";
        var (member, company, entry) = await LinkedAsync(domain);
        var workEmail = $"jana@{domain}";
        await member.Client!.SubmitAsync($"/profile/edit/experience/{entry}/company",
            $"/profile/edit/experience/{entry}/confirm", new Dictionary<string, string> { ["WorkEmail"] = workEmail });
        var link = (await MailCatcher.WaitForAsync(workEmail, "ConfirmEmployment")).FirstLink("/profile/employment/confirm");
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var visitor = app.NewClient();
        var page = await visitor.OpenAsync(link);

        var forged = await page.SubmitAsync(visitor, "/profile/employment/confirm",
            new Dictionary<string, string> { ["token"] = token[..^4] + (token.EndsWith("AAAA") ? "BBBB" : "AAAA") });
        Assert.NotNull(forged.Document.QuerySelector("[data-testid=confirm-failed]"));

        app.Clock.Advance(EmploymentService.LinkLifetime + TimeSpan.FromMinutes(1));
        try
        {
            var expired = await page.SubmitAsync(visitor, "/profile/employment/confirm", new Dictionary<string, string>());
            Assert.NotNull(expired.Document.QuerySelector("[data-testid=confirm-failed]"));
        }
        finally
        {
            app.Clock.Advance(-(EmploymentService.LinkLifetime + TimeSpan.FromMinutes(1)));
        }
        // Linked to another company since the mail: the old link confirms nothing.
        var recruiter = await app.RecruiterAsync();
        var other = await app.CompanyAsync(recruiter.Id, "Andere " + Guid.NewGuid().ToString("N")[..6]);
        await app.WithServiceAsync<EmploymentService>(s => s.LinkAsync(member.Id, entry, other.Id));
        var stale = await page.SubmitAsync(visitor, "/profile/employment/confirm", new Dictionary<string, string>());
        Assert.NotNull(stale.Document.QuerySelector("[data-testid=confirm-failed]"));
        Assert.Null(await app.WithDbAsync(db => db.ProfileEntries.Where(e => e.Id == entry).Select(e => e.EmploymentConfirmedAt).SingleAsync()));
        Assert.Equal(0, (await app.ReadCompanyAsync(company.Id)).EmployeeCount);
    }

    [Fact]
    public async Task Employees_respect_profile_audience_and_blocks()
    {
        var recruiter = await app.RecruiterAsync();
        var company = await app.CompanyAsync(recruiter.Id, "Sicht AG " + Guid.NewGuid().ToString("N")[..6]);
        var open = await app.MemberWithProfileAsync(p => p.Audience = ProfileAudience.Public, first: "Offene");
        var closed = await app.MemberWithProfileAsync(p => p.Audience = ProfileAudience.Members, first: "Geschlossene");
        await app.EmployAsync(open.Id, company.Id);
        await app.EmployAsync(closed.Id, company.Id, confirmed: true);

        var anonymous = await app.NewClient().OpenAsync($"/c/{company.Slug}/employees");
        var names = anonymous.Document.QuerySelectorAll("[data-testid=employee]").Select(e => e.TextContent).ToList();
        Assert.Single(names);
        Assert.Contains("Offene", names[0]);

        var viewer = await app.MemberWithProfileAsync(login: true);
        var asMember = await viewer.Client!.OpenAsync($"/c/{company.Slug}/employees");
        var list = asMember.Document.QuerySelectorAll("[data-testid=employee]").Select(e => e.TextContent).ToList();
        Assert.Equal(2, list.Count);
        Assert.Contains("Geschlossene", list[0]); // confirmed first

        await NetworkPlatform.Tests.Search.SearchTestData.BlockAsync(app, closed.Id, viewer.Id);
        var blocked = await viewer.Client!.OpenAsync($"/c/{company.Slug}/employees");
        Assert.DoesNotContain("Geschlossene", blocked.Text);
    }
}
