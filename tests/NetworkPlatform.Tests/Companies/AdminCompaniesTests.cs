using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Privacy;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Companies;

/// <summary>
/// Issue 18 in the back-office: platform admins verify a page (the badge), take it down and restore it, and give a
/// page whose only admin deleted their account a new admin. This class advances its own clock (the deletion's grace
/// period), so it has its app to itself.
/// </summary>
public class AdminCompaniesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<HttpClient> AdminAsync() => app.SignedInAdminAsync();

    [Fact]
    public async Task A_page_whose_only_admin_deleted_their_account_stays_and_a_platform_admin_assigns_a_new_one()
    {
        var recruiter = await app.RecruiterAsync();
        var name = "Verwaist " + Guid.NewGuid().ToString("N")[..6];
        var company = await app.CompanyAsync(recruiter.User.Id, name);
        using (var scope = app.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(recruiter.User.Id.ToString());
            await scope.ServiceProvider.GetRequiredService<AccountDeletionService>().RequestAsync(user!);
        }
        app.Clock.Advance(TimeSpan.FromDays(15));
        using (var scope = app.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<AccountDeletionService>().PurgeDueAsync() >= 1);

        Assert.True(await app.WithDbAsync(db => db.CompanyPages.AnyAsync(c => c.Id == company.Id)));
        Assert.False(await app.WithDbAsync(db => db.CompanyAdmins.AnyAsync(a => a.CompanyId == company.Id)));
        var admin = await AdminAsync();
        var list = await admin.OpenAsync("/admin/companies?q=" + Uri.EscapeDataString(name));
        var row = Assert.Single(list.Document.QuerySelectorAll("[data-testid=admin-company]"));
        Assert.Contains(name, row.TextContent);
        Assert.NotNull(row.QuerySelector("[data-testid=no-admin]"));

        // An address nobody has: said so, nothing changes.
        var url = "/admin/companies?q=" + Uri.EscapeDataString(name);
        var unknown = await admin.SubmitAsync(url, $"/admin/companies/{company.Id}/assign",
            new Dictionary<string, string> { ["email"] = TestData.UniqueEmail("nobody") });
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("There is no member with this e-mail address", unknown.Flash);
        Assert.False(await app.WithDbAsync(db => db.CompanyAdmins.AnyAsync(a => a.CompanyId == company.Id)));

        var heirEmail = TestData.UniqueEmail("heir");
        var heir = await app.CreateMemberAsync(heirEmail, first: "Henrike", last: "Erbin");
        var assigned = await admin.SubmitAsync(url, $"/admin/companies/{company.Id}/assign",
            new Dictionary<string, string> { ["email"] = heirEmail });
        Assert.Contains("Henrike", assigned.Flash);
        Assert.Null(Assert.Single(assigned.Document.QuerySelectorAll("[data-testid=admin-company]")).QuerySelector("[data-testid=no-admin]"));
        var heirClient = app.NewClient();
        await heirClient.LoginAsync(heirEmail);
        var edit = await heirClient.OpenAsync($"/companies/{company.Id}/edit");
        Assert.Equal(HttpStatusCode.OK, edit.Status);
        Assert.Equal(name, edit.Document.QuerySelector("input[name=Name]")?.GetAttribute("value"));
        Assert.True(await app.WithDbAsync(db => db.CompanyAdmins.AnyAsync(a => a.CompanyId == company.Id && a.UserId == heir.Id)));
    }

    [Fact]
    public async Task Verifying_shows_the_badge_and_a_take_down_needs_a_reason_and_can_be_undone()
    {
        var recruiter = await app.RecruiterAsync();
        var name = "Prüfbar " + Guid.NewGuid().ToString("N")[..6];
        var company = await app.CompanyAsync(recruiter.User.Id, name);
        var admin = await AdminAsync();
        var url = "/admin/companies?q=" + Uri.EscapeDataString(name);

        var verified = await admin.SubmitAsync(url, $"/admin/companies/{company.Id}/verify", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.NotNull(await app.WithDbAsync(db => db.CompanyPages.Where(c => c.Id == company.Id).Select(c => c.VerifiedAt).SingleAsync()));
        var shown = await app.NewClient().OpenAsync($"/c/{company.Slug}");
        Assert.Equal("Verified", shown.Document.QuerySelector("[data-testid=verified]")?.TextContent.Trim());

        var unverified = await admin.SubmitAsync(url, $"/admin/companies/{company.Id}/verify", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, unverified.Status);
        Assert.Null(await app.WithDbAsync(db => db.CompanyPages.Where(c => c.Id == company.Id).Select(c => c.VerifiedAt).SingleAsync()));

        var takenDown = await admin.SubmitAsync(url, $"/admin/companies/{company.Id}/take-down",
            new Dictionary<string, string> { ["reason"] = "Impressum fehlt" });
        Assert.Equal(HttpStatusCode.OK, takenDown.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewClient().OpenAsync($"/c/{company.Slug}")).Status);
        Assert.Contains("Impressum fehlt", Assert.Single(takenDown.Document.QuerySelectorAll("[data-testid=admin-company]")).TextContent);

        var restored = await admin.SubmitAsync(url, $"/admin/companies/{company.Id}/restore", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, restored.Status);
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().OpenAsync($"/c/{company.Slug}")).Status);
    }

    [Fact]
    public async Task A_member_or_a_page_admin_posting_to_the_back_office_changes_nothing()
    {
        var recruiter = await app.RecruiterAsync();
        var company = await app.CompanyAsync(recruiter.User.Id, "Eigenlob " + Guid.NewGuid().ToString("N")[..6]);
        var start = await recruiter.Client!.OpenAsync("/");

        foreach (var (action, fields) in new (string, Dictionary<string, string>)[]
                 {
                     ("verify", new() { ["verified"] = "true" }),
                     ("take-down", new() { ["reason"] = "x" }),
                     ("assign", new() { ["email"] = recruiter.User.Email! }),
                 })
        {
            var page = await recruiter.Client!.PostWithTokenOfAsync(start, $"/admin/companies/{company.Id}/{action}", fields);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        }
        var stored = await app.WithDbAsync(db => db.CompanyPages.AsNoTracking().SingleAsync(c => c.Id == company.Id));
        Assert.Null(stored.VerifiedAt);
        Assert.Null(stored.TakenDownAt);
    }
}
