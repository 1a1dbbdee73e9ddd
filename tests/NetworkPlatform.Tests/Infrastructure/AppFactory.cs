using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Tests.Infrastructure;

/// <summary>
/// The real app (middleware, Identity, MVC, outbox dispatcher) on its own PostgreSQL database, sending mail to the
/// SMTP catcher. One per test class (IClassFixture), so classes cannot see each other's data.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; protected set; } = "";
    public TestClock Clock { get; } = new();

    /// <summary>Override to tighten a setting for one test class (e.g. the rate limit).</summary>
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync();

    public new Task DisposeAsync() => base.DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = ConnectionString,
            ["App:BaseUrl"] = "http://localhost",
            ["Email:Smtp:Host"] = TestEnvironment.SmtpHost,
            ["Email:Smtp:Port"] = TestEnvironment.SmtpPort.ToString(),
            ["Email:PollInterval"] = "00:00:00.100",
            ["Jobs:PollInterval"] = "00:00:00.100",
            ["RateLimits:AuthPerMinute"] = "10000",
            ["Demo:Seed"] = "false",
            // Readable test output: warnings and errors only (a test that reads the log raises what it needs).
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (k, v) in ExtraSettings)
            settings[k] = v;
        // UseSetting, not ConfigureAppConfiguration: Program reads these while it registers services.
        foreach (var (k, v) in settings)
            builder.UseSetting(k, v);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A browser of its own (cookie jar), asking for English pages unless told otherwise.</summary>
    public HttpClient NewClient(bool followRedirects = true, string language = "en")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = followRedirects,
            HandleCookies = true,
            BaseAddress = new Uri("http://localhost"),
        });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>A confirmed member made directly, for tests whose subject is not registration itself.</summary>
    public async Task<AppUser> CreateMemberAsync(string email, string password = TestData.Password,
        string first = "Erika", string last = "Mustermann", string culture = "en", params string[] extraRoles)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = AppUser.Create(email, first, last, culture, Clock.GetUtcNow(), emailConfirmed: true);
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        await users.AddToRolesAsync(user, [Roles.Member, .. extraRoles]);
        return user;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        try
        {
            return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }
        finally
        {
            // A test writing to the database directly (ExecuteUpdate, SQL) is like another app instance: the accounts
            // it changed must be read again, not taken from the few seconds' cache (ADR 0012).
            Services.GetRequiredService<NetworkPlatform.Web.Infrastructure.Security.MemberSessions>().ForgetAll();
            // The same for the candidates of people you may know (SuggestionCandidates).
            Services.GetRequiredService<NetworkPlatform.Domain.Contacts.SuggestionCandidates>().ForgetAll();
        }
    }
}

public static class TestData
{
    public const string Password = "correct horse battery staple";

    public static string UniqueEmail(string who = "member") =>
        $"{who}.{Guid.NewGuid().ToString("N")[..10]}@test.networkplatform.test";
}
