using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Demo;
using Serilog.Core;
using Serilog.Events;

namespace NetworkPlatform.Tests.Foundation;

/// <summary>The demo network on an empty database of its own, in an environment that is not Development.</summary>
public class StagingDemoFactory : AppFactory
{
    public LogCapture Log { get; } = new();

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Demo:Seed"] = "true",
        ["Demo:Members"] = "4",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Staging");
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Log));
    }
}

/// <summary>Demo data only when asked for, and outside Development never with the password the README prints.</summary>
public class DemoSeedTests(StagingDemoFactory app) : IClassFixture<StagingDemoFactory>
{
    private async Task<bool> PasswordWorksAsync(string email, string password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        return await users.CheckPasswordAsync(user, password);
    }

    [Fact]
    public async Task Outside_development_each_demo_account_gets_a_random_password_logged_once_as_a_warning()
    {
        app.CreateClient();
        var lines = app.Log.Events.Where(e => e.Level == LogEventLevel.Warning &&
                                              e.MessageTemplate.Text.StartsWith("Demo account", StringComparison.Ordinal)).ToList();
        var passwords = lines.ToDictionary(e => (string)LogCapture.Scalar(e, "Email")!, e => (string)LogCapture.Scalar(e, "Password")!);

        Assert.Equal([DemoSeeder.AdminEmail, DemoSeeder.MemberEmail, DemoSeeder.RecruiterEmail], passwords.Keys.Order());
        Assert.Equal(3, passwords.Values.Distinct().Count());
        foreach (var (email, password) in passwords)
        {
            Assert.True(password.Length >= 20, $"{email}: '{password}' is too short for a random password");
            Assert.True(await PasswordWorksAsync(email, password), email);
            Assert.False(await PasswordWorksAsync(email, DemoOptions.DevelopmentPassword), email);
        }
    }

    [Fact]
    public void Compose_seeds_demo_data_only_when_asked_and_keeps_no_dead_upload_volume()
    {
        var compose = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "docker-compose.yml"));
        Assert.Contains("Demo__Seed: ${DEMO_SEED:-false}", compose);
        Assert.DoesNotContain("Storage__Path", compose);
        Assert.DoesNotContain("uploads:", compose);
    }
}
