using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Privacy;

public class AdminDeletionsTests(PrivacyFactory app) : IClassFixture<PrivacyFactory>
{
    private async Task<HttpClient> AdminAsync()
    {
        var adminEmail = TestData.UniqueEmail("admin");
        await app.CreateMemberAsync(adminEmail, first: "Ada", extraRoles: [Roles.Admin]);
        var admin = app.NewClient();
        await admin.LoginAsync(adminEmail);
        await admin.EnableTwoFactorAsync();
        return admin;
    }

    [Fact]
    public async Task The_back_office_counts_deletions_with_their_dates_and_nothing_about_who()
    {
        var admin = await AdminAsync();
        var empty = await admin.OpenAsync("/admin/deletions");
        Assert.Equal("0", empty.Document.QuerySelector("[data-testid=deletions-total]")?.TextContent.Trim());
        Assert.Contains("No account has been deleted yet.", empty.Text);

        var email = TestData.UniqueEmail("leaving");
        await app.CreateMemberAsync(email, first: "Lena", last: "Leaving");
        var member = app.NewClient();
        await member.LoginAsync(email);
        await member.SubmitAsync("/settings/delete-account", "/settings/delete-account",
            new Dictionary<string, string> { ["Password"] = TestData.Password });
        var pending = await admin.OpenAsync("/admin/deletions");
        Assert.Equal("1", pending.Document.QuerySelector("[data-testid=deletions-pending]")?.TextContent.Trim());

        app.Clock.Advance(TimeSpan.FromDays(15));
        await app.RunJobsAsync();
        // Fifteen days later the first admin's session has run out; another admin looks.
        var page = await (await AdminAsync()).OpenAsync("/admin/deletions");
        Assert.Equal("1", page.Document.QuerySelector("[data-testid=deletions-total]")?.TextContent.Trim());
        Assert.Single(page.Document.QuerySelectorAll("tbody tr"));
        Assert.DoesNotContain("Lena", page.Text);
        Assert.DoesNotContain(email, page.Text);
    }

    [Fact]
    public async Task An_admin_cannot_delete_their_account_from_the_settings()
    {
        var adminEmail = TestData.UniqueEmail("admin");
        var user = await app.CreateMemberAsync(adminEmail, first: "Ada", extraRoles: [Roles.Admin]);
        var admin = app.NewClient();
        await admin.LoginAsync(adminEmail);
        var page = await admin.OpenAsync("/settings/delete-account");
        Assert.Contains("Admin accounts cannot be deleted here", page.Text);
        Assert.DoesNotContain(page.Document.Forms, f => f.GetAttribute("action") == "/settings/delete-account");
        Assert.Null(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.Users.Where(u => u.Id == user.Id).Select(u => u.DeletionRequestedAt))));
    }
}
