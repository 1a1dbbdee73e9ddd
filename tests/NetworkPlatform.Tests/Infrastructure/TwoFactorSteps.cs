namespace NetworkPlatform.Tests.Infrastructure;

public record TwoFactorSetup(string Key, IReadOnlyList<string> RecoveryCodes);

/// <summary>What a member does with an authenticator app: set it up from the settings page, log in with its code.</summary>
public static class TwoFactorSteps
{
    /// <summary>
    /// Opens the set-up page (or is already on it), types the key into the "app" and submits its current code.
    /// Identity checks authenticator codes against the system clock, so the code is computed for the real time.
    /// </summary>
    public static async Task<TwoFactorSetup> EnableTwoFactorAsync(this HttpClient client, Page? setupPage = null)
    {
        var page = setupPage ?? await client.OpenAsync("/settings/two-factor");
        var key = page.Document.QuerySelector("[data-testid=shared-key]")?.TextContent.Trim()
                  ?? throw new Xunit.Sdk.XunitException($"No authenticator key on {page.Path}");
        var done = await page.SubmitAsync(client, "/settings/two-factor/enable",
            new Dictionary<string, string> { ["Code"] = Accounts.Totp(key, DateTimeOffset.UtcNow) });
        var codes = RecoveryCodesOn(done);
        Assert.NotEmpty(codes);
        return new TwoFactorSetup(key, codes);
    }

    /// <summary>A new platform admin, signed in with two-factor authentication set up, as /admin requires.</summary>
    public static async Task<HttpClient> SignedInAdminAsync(this AppFactory app)
    {
        var email = TestData.UniqueEmail("admin");
        await app.CreateMemberAsync(email, extraRoles: [NetworkPlatform.Domain.Accounts.Roles.Admin]);
        var client = app.NewClient();
        await client.LoginAsync(email);
        await client.EnableTwoFactorAsync();
        return client;
    }

    public static IReadOnlyList<string> RecoveryCodesOn(Page page) =>
        page.Document.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();

    /// <summary>Password first; the app asks for the code, which is typed from the authenticator.</summary>
    public static async Task<Page> LoginWithTwoFactorAsync(this HttpClient client, string email, string key,
        bool rememberDevice = false, string? returnUrl = null)
    {
        var asked = await client.LoginAsync(email, returnUrl: returnUrl);
        Assert.StartsWith("/account/login-2fa", asked.Path);
        return await asked.SubmitAsync(client, "/account/login-2fa", new Dictionary<string, string>
        {
            ["Code"] = Accounts.Totp(key, DateTimeOffset.UtcNow),
            ["RememberDevice"] = rememberDevice ? "true" : "false",
        });
    }
}
