using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Account;

/// <summary>
/// A member's cookie is checked against the account without rebuilding it (ADR 0012): a request that follows
/// another costs no SQL for the session and gets no new cookie, and what changes on the account shows at once.
/// </summary>
public class SessionCostTests(QueryCountingAppFactory app) : IClassFixture<QueryCountingAppFactory>
{
    private async Task<(AppUser User, HttpClient Client)> SignedInAsync()
    {
        var user = await app.CreateMemberAsync(TestData.UniqueEmail("session"));
        var client = app.NewClient();
        await client.LoginAsync(user.Email!);
        return (user, client);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string label)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(QueryCounter.Header, label);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_request_with_a_member_s_cookie_costs_no_sql_and_gets_no_new_cookie()
    {
        var (_, client) = await SignedInAsync();
        await client.OpenAsync("/health/live");
        var label = Guid.NewGuid().ToString("N");

        var response = await SendAsync(client, "/health/live", label);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(app.Queries.CommandsFor(label));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_first_request_after_the_cache_was_emptied_reads_the_account_once()
    {
        var (_, client) = await SignedInAsync();
        await app.WithDbAsync(_ => Task.FromResult(0)); // empties the few seconds' cache
        var label = Guid.NewGuid().ToString("N");

        var response = await SendAsync(client, "/health/live", label);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sql = Assert.Single(app.Queries.CommandsFor(label));
        Assert.Contains("\"AspNetUsers\"", sql);
    }

    [Fact]
    public async Task A_role_given_through_the_app_shows_on_the_next_request_without_signing_in_again()
    {
        var (user, client) = await SignedInAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.OpenAsync("/admin/members")).Status);

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(user.Id.ToString()))!, Roles.Admin)).Succeeded);
        }

        // An admin without two-factor authentication is sent to set it up: the new role is seen.
        var admin = await client.OpenAsync("/admin/members");
        Assert.NotEqual(HttpStatusCode.Forbidden, admin.Status);
        Assert.NotNull(admin.Document.QuerySelector("form"));
    }

    [Fact]
    public async Task A_cookie_from_before_a_logout_elsewhere_is_refused_on_its_next_request()
    {
        var (user, client) = await SignedInAsync();
        var other = app.NewClient();
        await other.LoginAsync(user.Email!);
        await client.OpenAsync("/health/live"); // cached

        await other.LogoutAsync();
        var response = await SendAsync(client, "/settings", Guid.NewGuid().ToString("N"));

        // The client follows the redirect: it ends on the login form, no longer signed in.
        Assert.Equal("/account/login", response.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
