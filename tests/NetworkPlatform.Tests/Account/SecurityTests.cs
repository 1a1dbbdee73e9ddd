using System.Net;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Account;

public class SecurityTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_login_posted_without_the_antiforgery_token_is_refused_with_our_error_page()
    {
        var email = TestData.UniqueEmail("csrf");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();

        var response = await client.PostWithoutTokenAsync("/account/login", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = TestData.Password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("The request could not be processed", body);
        // Not logged in: the next page that needs a login still asks for one.
        Assert.StartsWith("/account/login", (await client.OpenAsync("/settings")).Path);
    }

    [Fact]
    public async Task A_browser_asking_for_German_gets_German_pages()
    {
        var client = app.NewClient(language: "de");

        var login = await client.OpenAsync("/account/login");
        var failed = await client.LoginAsync(TestData.UniqueEmail("niemand"), "falsches passwort hier");

        Assert.Equal("de", login.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Anmelden", login.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("E-Mail-Adresse", login.Document.QuerySelector("label[for='Email']")!.TextContent.Trim());
        Assert.Contains(failed.ErrorSummary, e => e.StartsWith("E-Mail-Adresse oder Passwort sind nicht richtig"));
    }
}

/// <summary>Three attempts a minute, so the test reaches the limit at once.</summary>
public class LowRateLimitFactory : AppFactory
{
    public const int Limit = 3;

    protected override IDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["RateLimits:AuthPerMinute"] = Limit.ToString() };
}

// Its own class and app: the limit counts every POST to the sign-in forms in the app, whichever test sends it.
public class RateLimitTests(LowRateLimitFactory app) : IClassFixture<LowRateLimitFactory>
{
    [Fact]
    public async Task Logging_in_too_often_is_answered_with_429_and_a_message_in_the_browsers_language()
    {
        var client = app.NewClient();
        var email = TestData.UniqueEmail("hammer");
        for (var i = 0; i < LowRateLimitFactory.Limit; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email, $"guess number {i} of many")).Status);

        var refused = await client.LoginAsync(email, "one guess too many");
        var refusedInGerman = await app.NewClient(language: "de").LoginAsync(email, "noch ein versuch zu viel");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("Too many attempts", refused.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Please wait a minute and try again.", refused.Text);
        Assert.NotNull(refused.Response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedInGerman.Status);
        Assert.Equal("Zu viele Versuche", refusedInGerman.Document.QuerySelector("h1")!.TextContent.Trim());
        // Reading pages is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.OpenAsync("/account/login")).Status);
    }
}
