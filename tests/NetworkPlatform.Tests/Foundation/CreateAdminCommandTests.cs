using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Foundation;

/// <summary>
/// The operator's <c>create-admin</c> command, run as the operator runs it: the built app as its own process, on
/// this class's database.
/// </summary>
public partial class CreateAdminCommandTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<AppProcess.Run> CreateAdminAsync(params string[] args) =>
        AppProcess.RunAsync(["create-admin", .. args],
            new Dictionary<string, string> { ["ConnectionStrings__Default"] = app.ConnectionString });

    private Task<List<string>> RolesOfAsync(string email) => app.WithDbAsync(db =>
        (from u in db.Users
         where u.Email == email
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         select r.Name!).ToListAsync());

    [Fact]
    public async Task A_new_admin_gets_a_one_time_password_logs_in_and_is_asked_to_set_up_two_factor()
    {
        var email = TestData.UniqueEmail("cli-admin");

        var run = await CreateAdminAsync("--email", email, "--first-name", "Clara", "--last-name", "Ops");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
        Assert.Contains($"{email} is an admin.", run.Output);
        var password = InitialPassword().Match(run.Output).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(password), run.Output);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.True(user.EmailConfirmed);
        Assert.Equal("Clara", user.FirstName);
        Assert.Equal([Roles.Admin, Roles.Member], (await RolesOfAsync(email)).Order());

        var client = app.NewClient();
        var start = await client.LoginAsync(email, password);
        Assert.Equal("/", start.Path);
        Assert.Equal("Welcome, Clara", start.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("/settings/two-factor?required=True", (await client.OpenAsync("/admin")).Path);
    }

    [Fact]
    public async Task An_existing_member_becomes_an_admin_keeps_the_password_and_is_signed_out_elsewhere()
    {
        var email = TestData.UniqueEmail("cli-member");
        await app.CreateMemberAsync(email);
        var before = app.NewClient();
        await before.LoginAsync(email);

        var run = await CreateAdminAsync("--email", email);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
        Assert.Contains($"{email} is an admin.", run.Output);
        Assert.DoesNotMatch(InitialPassword(), run.Output);
        Assert.Contains(Roles.Admin, await RolesOfAsync(email));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        // The open session ends, so the new role cannot be used without logging in again.
        Assert.StartsWith("/account/login", (await before.OpenAsync("/settings")).Path);
        var again = app.NewClient();
        Assert.Equal("/", (await again.LoginAsync(email)).Path);
        Assert.NotNull((await again.OpenAsync("/")).Document.QuerySelector("header a[href='/admin']"));
    }

    [Fact]
    public async Task Without_an_address_the_command_prints_its_usage_and_fails()
    {
        var run = await CreateAdminAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: create-admin --email ADDRESS", run.Errors);
    }

    [GeneratedRegex(@"Initial password \(shown once[^)]*\): (\S+)")]
    private static partial Regex InitialPassword();
}
