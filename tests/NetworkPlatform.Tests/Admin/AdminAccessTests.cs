using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Admin;

/// <summary>Who gets into the administration: admins only, and only with two-factor authentication.</summary>
public class AdminAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/admin/members")]
    [InlineData("/admin/vouchers")]
    [InlineData("/admin/companies")]
    public async Task A_visitor_who_is_not_logged_in_is_sent_to_login_and_back(string url)
    {
        var page = await app.NewClient().OpenAsync(url);

        Assert.Equal("/account/login?ReturnUrl=" + Uri.EscapeDataString(url), page.Path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("form[action='/account/login']"));
    }

    [Theory]
    [InlineData("/admin/members")]
    [InlineData("/admin/vouchers")]
    [InlineData("/admin/companies")]
    public async Task A_member_gets_a_403_page_that_says_so(string url)
    {
        var email = TestData.UniqueEmail("member");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();
        await client.LoginAsync(email);

        var page = await client.OpenAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal(url, page.Path);
        Assert.Equal("You may not see this page", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.Document.QuerySelector("a[href='/']"));
    }

    [Fact]
    public async Task A_member_sees_no_admin_link_and_an_admin_does()
    {
        var member = TestData.UniqueEmail("member");
        var admin = TestData.UniqueEmail("admin");
        await app.CreateMemberAsync(member);
        await app.CreateMemberAsync(admin, extraRoles: [Roles.Admin]);
        var memberClient = app.NewClient();
        var adminClient = app.NewClient();

        var memberStart = await memberClient.LoginAsync(member);
        var adminStart = await adminClient.LoginAsync(admin);

        Assert.Null(memberStart.Document.QuerySelector("header a[href='/admin']"));
        Assert.NotNull(adminStart.Document.QuerySelector("header a[href='/admin']"));
    }

    [Fact]
    public async Task A_member_posting_to_an_admin_form_is_refused_and_nothing_changes()
    {
        var email = TestData.UniqueEmail("member");
        var member = await app.CreateMemberAsync(email);
        var client = app.NewClient();
        var start = await client.LoginAsync(email);

        var page = await client.PostWithTokenOfAsync(start, $"/admin/members/{member.Id}/premium",
            new Dictionary<string, string> { ["Grant.Days"] = "365" });

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.PremiumUntil).SingleAsync()));
    }

    [Fact]
    public async Task An_admin_without_two_factor_is_sent_to_set_it_up_and_then_gets_in()
    {
        var email = TestData.UniqueEmail("admin");
        await app.CreateMemberAsync(email, first: "Ada", extraRoles: [Roles.Admin]);
        var client = app.NewClient();
        await client.LoginAsync(email);

        var setupPage = await client.OpenAsync("/admin/members");

        Assert.Equal("/settings/two-factor?required=True", setupPage.Path);
        Assert.Contains("Admins must use two-factor authentication",
            setupPage.Document.QuerySelector(".alert-warning")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, setupPage.Status);
        // The vouchers page sends there too.
        Assert.Equal("/settings/two-factor?required=True", (await client.OpenAsync("/admin/vouchers")).Path);

        await client.EnableTwoFactorAsync(setupPage);

        var members = await client.OpenAsync("/admin/members");
        Assert.Equal("/admin/members", members.Path);
        Assert.Equal("Administration", members.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(email, members.Text);
        var vouchers = await client.OpenAsync("/admin/vouchers");
        Assert.Equal("/admin/vouchers", vouchers.Path);
        Assert.NotNull(vouchers.Document.QuerySelector("form[action='/admin/vouchers']"));
    }

    [Fact]
    public async Task A_wrong_code_while_an_admin_sets_up_two_factor_keeps_the_notice_and_the_door_closed()
    {
        var email = TestData.UniqueEmail("admin");
        await app.CreateMemberAsync(email, extraRoles: [Roles.Admin]);
        var client = app.NewClient();
        await client.LoginAsync(email);
        var setupPage = await client.OpenAsync("/admin/members");

        var refused = await setupPage.SubmitAsync(client, "/settings/two-factor/enable",
            new Dictionary<string, string> { ["Code"] = "12" });

        Assert.NotNull(refused.FieldError("Code"));
        Assert.Contains("Admins must use two-factor authentication", refused.Text);
        Assert.Equal("/settings/two-factor?required=True", (await client.OpenAsync("/admin/members")).Path);
    }

    [Fact]
    public async Task An_admin_with_two_factor_logs_in_with_the_code_and_lands_on_the_page_asked_for()
    {
        var email = TestData.UniqueEmail("admin");
        await app.CreateMemberAsync(email, extraRoles: [Roles.Admin]);
        var first = app.NewClient();
        await first.LoginAsync(email);
        var setup = await first.EnableTwoFactorAsync();

        var client = app.NewClient();
        var login = await client.OpenAsync("/admin/vouchers");
        Assert.Equal("/account/login?ReturnUrl=%2Fadmin%2Fvouchers", login.Path);
        var page = await client.LoginWithTwoFactorAsync(email, setup.Key, returnUrl: "/admin/vouchers");

        Assert.Equal("/admin/vouchers", page.Path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }
}
