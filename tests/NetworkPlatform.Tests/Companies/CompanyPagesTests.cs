using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.Companies;

/// <summary>Creating, showing and editing company pages through the real pages (issue 18).</summary>
public class CompanyPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string> Fields(string name, params (string Key, string Value)[] more)
    {
        var fields = new Dictionary<string, string> { ["Name"] = name };
        foreach (var (k, v) in more)
            fields[k] = v;
        return fields;
    }

    [Fact]
    public async Task A_recruiter_creates_a_page_and_becomes_its_admin_and_the_page_carries_organization_json_ld()
    {
        var recruiter = await app.RecruiterAsync();
        var name = "Nordlicht Software " + Guid.NewGuid().ToString("N")[..6];
        var page = await recruiter.Client!.SubmitAsync("/companies/new", "/companies/new", Fields(name,
            ("Tagline", "Software aus Kiel"), ("IndustryCode", "software"), ("Size", nameof(CompanySize.From11To50)),
            ("FoundedYear", "2011"), ("City", "Kiel"), ("Country", "Deutschland"), ("Website", "nordlicht.example"),
            ("Specialities", "Cloud, .NET"), ("Locations", "Hamburg, Deutschland\nLübeck, Deutschland"),
            ("Description", "Wir bauen **Software**.")));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("/c/nordlicht-software-", page.Path);
        Assert.Equal(name, page.Document.GetElementById("company-name")!.TextContent.Trim());
        Assert.NotNull(page.Document.QuerySelector("[data-testid=admin-tools]"));
        Assert.Equal("11-50 employees", page.Document.QuerySelector("[data-field=size]")!.TextContent.Trim());
        Assert.Contains("Lübeck, Deutschland", page.Document.QuerySelector("[data-field=locations]")!.TextContent);
        Assert.Equal("Software", page.Document.QuerySelector("[data-testid=description] strong")!.TextContent);

        var json = JsonDocument.Parse(page.Document.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("Organization", json.GetProperty("@type").GetString());
        Assert.Equal(name, json.GetProperty("name").GetString());
        Assert.Equal("2011", json.GetProperty("foundingDate").GetString());
        Assert.Equal("https://nordlicht.example", json.GetProperty("sameAs")[0].GetString());
        Assert.Equal(11, json.GetProperty("numberOfEmployees").GetProperty("minValue").GetInt32());

        var admins = await app.WithDbAsync(db => db.CompanyPages.Where(c => c.Name == name)
            .SelectMany(c => db.CompanyAdmins.Where(a => a.CompanyId == c.Id).Select(a => a.UserId)).ToListAsync());
        Assert.Equal([recruiter.Id], admins);
    }

    [Fact]
    public async Task A_member_without_the_recruiter_role_may_not_create_a_page_by_default()
    {
        var member = await app.MemberWithProfileAsync(login: true);
        var form = await member.Client!.OpenAsync("/companies/new");
        Assert.NotNull(form.Document.QuerySelector("[data-testid=may-not-create]"));
        var name = "Verboten " + Guid.NewGuid().ToString("N")[..6];
        var posted = await member.Client!.PostWithTokenOfAsync(await member.Client!.OpenAsync("/companies/mine"),
            "/companies/new", new Dictionary<string, string> { ["Name"] = name });
        Assert.NotNull(posted.Document.QuerySelector("[data-testid=may-not-create]"));
        Assert.False(await app.WithDbAsync(db => db.CompanyPages.AnyAsync(c => c.Name == name)));
        var mine = await member.Client!.OpenAsync("/companies/mine");
        Assert.Null(mine.Document.QuerySelector("[data-testid=create-company]"));
    }

    [Fact]
    public async Task A_form_with_mistakes_names_each_field_and_keeps_what_was_typed()
    {
        var recruiter = await app.RecruiterAsync();
        var page = await recruiter.Client!.SubmitAsync("/companies/new", "/companies/new", Fields("",
            ("Tagline", "Behalten Sie mich"), ("Website", "javascript:alert(1)"), ("FoundedYear", "3000"),
            ("Size", "99")));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Enter the company's name.", page.FieldError("Name"));
        Assert.NotNull(page.FieldError("Website"));
        Assert.NotNull(page.FieldError("FoundedYear"));
        Assert.Equal("Behalten Sie mich", page.FieldValue("Tagline"));
    }

    [Fact]
    public async Task A_new_address_keeps_the_old_one_as_a_permanent_redirect()
    {
        var recruiter = await app.RecruiterAsync();
        var company = await app.CompanyAsync(recruiter.Id, "Umzug GmbH " + Guid.NewGuid().ToString("N")[..6]);
        var slug = "umzug-" + Guid.NewGuid().ToString("N")[..8];
        var saved = await recruiter.Client!.SubmitAsync($"/companies/{company.Id}/edit", $"/companies/{company.Id}/edit",
            new Dictionary<string, string> { ["Slug"] = slug });
        Assert.Equal("/c/" + slug, saved.Path);

        var noRedirects = app.NewClient(followRedirects: false);
        var old = await noRedirects.GetAsync("/c/" + company.Slug + "/employees");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/c/{slug}/employees", old.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Extra_form_fields_cannot_verify_a_page_change_its_counts_or_its_admins()
    {
        var recruiter = await app.RecruiterAsync();
        var other = await app.MemberWithProfileAsync();
        var company = await app.CompanyAsync(recruiter.Id, "Masse GmbH " + Guid.NewGuid().ToString("N")[..6]);
        await recruiter.Client!.SubmitAsync($"/companies/{company.Id}/edit", $"/companies/{company.Id}/edit",
            new Dictionary<string, string>
            {
                ["Tagline"] = "neu", ["VerifiedAt"] = "2026-01-01", ["FollowerCount"] = "999", ["EmployeeCount"] = "999",
                ["EmailDomains"] = "evil.example", ["TakenDownAt"] = "2026-01-01", ["Admins"] = other.Id.ToString(),
                ["UserId"] = other.Id.ToString(), ["Id"] = Guid.NewGuid().ToString(),
            });
        var after = await app.ReadCompanyAsync(company.Id);
        Assert.Equal("neu", after.Tagline);
        Assert.Null(after.VerifiedAt);
        Assert.Null(after.TakenDownAt);
        Assert.Equal(0, after.FollowerCount);
        Assert.Equal(0, after.EmployeeCount);
        Assert.Empty(after.EmailDomains);
        Assert.False(await app.WithDbAsync(db => db.CompanyAdmins.AnyAsync(a => a.UserId == other.Id)));
    }

    [Fact]
    public async Task Script_in_every_field_is_inert_and_markdown_keeps_no_raw_html_or_javascript_links()
    {
        var recruiter = await app.RecruiterAsync();
        const string evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var company = await app.CompanyAsync(recruiter.Id, CompanyTestData.Input("Evil " + evil, city: evil, country: evil,
            tagline: evil, specialities: evil, locations: evil,
            description: "<b onmouseover=alert(3)>raw</b> [click](javascript:alert(4)) <iframe src=//evil></iframe>"));
        var page = await app.NewClient().OpenAsync("/c/" + company.Slug);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain(page.Document.QuerySelectorAll("script:not([type='application/ld+json'])"),
            s => s.GetAttribute("src") is null);
        Assert.Empty(page.Document.QuerySelectorAll("img[onerror], b[onmouseover], iframe"));
        Assert.DoesNotContain(page.Document.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<script>alert(1)</script>", page.Document.GetElementById("company-name")!.TextContent);
        // The JSON-LD holds the name as data: "</script>" cannot end its script element.
        var ld = page.Document.QuerySelector("script[type='application/ld+json']")!.TextContent;
        Assert.Contains("Evil", JsonDocument.Parse(ld).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Members_follow_and_unfollow_and_the_count_and_their_list_follow()
    {
        var recruiter = await app.RecruiterAsync();
        var company = await app.CompanyAsync(recruiter.Id, "Folge AG " + Guid.NewGuid().ToString("N")[..6]);
        var member = await app.MemberWithProfileAsync(login: true);
        var url = "/c/" + company.Slug;
        var followed = await member.Client!.SubmitAsync(url, $"/companies/{company.Id}/follow", new Dictionary<string, string>());
        Assert.Equal(url, followed.Path);
        Assert.Equal("1", followed.Document.QuerySelector("[data-field=followers]")!.TextContent.Trim());
        Assert.NotNull(followed.Document.QuerySelector("[data-testid=unfollow]"));
        // A second follow (a double click) counts once.
        await member.Client!.PostWithTokenOfAsync(followed, $"/companies/{company.Id}/follow", new Dictionary<string, string>());
        Assert.Equal(1, (await app.ReadCompanyAsync(company.Id)).FollowerCount);

        var mine = await member.Client!.OpenAsync("/companies/mine");
        Assert.Contains(company.Name, mine.Document.QuerySelector("[data-testid=followed]")!.TextContent);

        await member.Client!.SubmitAsync(url, $"/companies/{company.Id}/unfollow", new Dictionary<string, string>());
        Assert.Equal(0, (await app.ReadCompanyAsync(company.Id)).FollowerCount);
        Assert.NotNull((await member.Client!.OpenAsync("/companies/mine")).Document.QuerySelector("[data-testid=followed-empty]"));
    }

    [Fact]
    public async Task Anonymous_visitors_see_public_pages_and_are_asked_to_log_in_to_follow()
    {
        var recruiter = await app.RecruiterAsync();
        var company = await app.CompanyAsync(recruiter.Id, "Offen KG " + Guid.NewGuid().ToString("N")[..6]);
        var anonymous = app.NewClient(followRedirects: false);
        var page = await anonymous.OpenAsync("/c/" + company.Slug);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("[data-testid=follow]"));
        Assert.Contains("/account/login", page.Document.QuerySelector(".np-profile-actions a")!.GetAttribute("href"));
        var follow = await anonymous.PostAsync($"/companies/{company.Id}/follow", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.OK, follow.StatusCode);
        Assert.Equal(0, (await app.ReadCompanyAsync(company.Id)).FollowerCount);
    }

    [Fact]
    public async Task A_taken_down_page_is_gone_for_everyone_but_its_admins_who_see_the_reason()
    {
        var recruiter = await app.RecruiterAsync();
        var company = await app.CompanyAsync(recruiter.Id, "Gesperrt GmbH " + Guid.NewGuid().ToString("N")[..6]);
        await app.WithServiceAsync<CompanyAdminService>(s => s.TakeDownAsync(company.Id, "Gefälschte Angaben"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewClient().OpenAsync("/c/" + company.Slug)).Status);
        var member = await app.MemberWithProfileAsync(login: true);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client!.OpenAsync("/c/" + company.Slug)).Status);
        var directory = await member.Client!.OpenAsync("/companies?q=" + Uri.EscapeDataString(company.Name));
        Assert.DoesNotContain(company.Name, directory.Text);
        var own = await recruiter.Client!.OpenAsync("/c/" + company.Slug);
        Assert.Contains("Gefälschte Angaben", own.Document.QuerySelector("[data-testid=taken-down]")!.TextContent);
    }
}
