using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.TwoFactor;

public class TwoFactorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(string Email, HttpClient Client)> SignedInMemberAsync(string who = "member",
        params string[] roles)
    {
        var email = TestData.UniqueEmail(who);
        await app.CreateMemberAsync(email, extraRoles: roles);
        var client = app.NewClient();
        Assert.Equal("/", (await client.LoginAsync(email)).Path);
        return (email, client);
    }

    private Task<bool> TwoFactorStoredAsync(string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync());

    /// <summary>A six-digit code that the authenticator would not show now (nor in the minutes around now).</summary>
    private static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var valid = Enumerable.Range(-4, 9).Select(i => Accounts.Totp(key, now.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }

    [Fact]
    public async Task The_set_up_page_shows_a_QR_code_and_the_key_to_type_in()
    {
        var (_, client) = await SignedInMemberAsync();

        var page = await client.OpenAsync("/settings/two-factor");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var qr = page.Document.QuerySelector("img[src^='data:image/png;base64,']");
        Assert.NotNull(qr);
        Assert.False(string.IsNullOrWhiteSpace(qr!.GetAttribute("alt")));
        var key = page.Document.QuerySelector("[data-testid=shared-key]")!.TextContent.Trim();
        // Grouped in fours, lower case, so it is easy to type.
        Assert.Matches("^[a-z2-7]{4}( [a-z2-7]{1,4})+$", key);
        // The same key on the next visit: the app the member already scanned keeps working.
        var again = await client.OpenAsync("/settings/two-factor");
        Assert.Equal(key, again.Document.QuerySelector("[data-testid=shared-key]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Enabling_two_factor_shows_recovery_codes_then_login_asks_for_the_code()
    {
        var (email, client) = await SignedInMemberAsync();

        var setup = await client.EnableTwoFactorAsync();

        Assert.Equal(10, setup.RecoveryCodes.Count);
        Assert.Equal(10, setup.RecoveryCodes.Distinct().Count());
        Assert.True(await TwoFactorStoredAsync(email));
        var settings = await client.OpenAsync("/settings/two-factor");
        Assert.Contains("Recovery codes left: 10", settings.Text);
        Assert.Null(settings.Document.QuerySelector("[data-testid=shared-key]"));

        var other = app.NewClient();
        var asked = await other.LoginAsync(email);
        Assert.StartsWith("/account/login-2fa", asked.Path);
        Assert.Equal("Two-factor authentication", asked.Document.QuerySelector("h1")!.TextContent.Trim());
        // Not signed in yet: the password alone opens nothing.
        Assert.StartsWith("/account/login", (await other.OpenAsync("/settings")).Path);

        var start = await other.LoginWithTwoFactorAsync(email, setup.Key);
        Assert.Equal("/", start.Path);
        Assert.Contains("Erika", start.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_code_while_setting_up_is_refused_at_the_field_and_two_factor_stays_off()
    {
        var (email, client) = await SignedInMemberAsync();
        var page = await client.OpenAsync("/settings/two-factor");
        var key = page.Document.QuerySelector("[data-testid=shared-key]")!.TextContent.Trim();
        var wrong = WrongCode(key);

        var refused = await page.SubmitAsync(client, "/settings/two-factor/enable",
            new Dictionary<string, string> { ["Code"] = wrong });

        Assert.Equal("/settings/two-factor/enable", refused.Path);
        Assert.Contains("not correct", refused.FieldError("Code"));
        Assert.NotEmpty(refused.ErrorSummary);
        Assert.Equal(wrong, refused.FieldValue("Code"));
        Assert.Equal(key, refused.Document.QuerySelector("[data-testid=shared-key]")!.TextContent.Trim());
        Assert.False(await TwoFactorStoredAsync(email));
        Assert.Equal("/", (await app.NewClient().LoginAsync(email)).Path);
    }

    [Fact]
    public async Task An_empty_code_while_setting_up_asks_for_the_code()
    {
        var (email, client) = await SignedInMemberAsync();

        var refused = await client.SubmitAsync("/settings/two-factor", "/settings/two-factor/enable",
            new Dictionary<string, string> { ["Code"] = "" });

        Assert.Equal("Enter the code", refused.FieldError("Code"));
        Assert.False(await TwoFactorStoredAsync(email));
    }

    [Fact]
    public async Task A_wrong_code_at_login_is_refused_and_the_member_stays_signed_out()
    {
        var (email, client) = await SignedInMemberAsync();
        var setup = await client.EnableTwoFactorAsync();
        var other = app.NewClient();

        var asked = await other.LoginAsync(email);
        var refused = await asked.SubmitAsync(other, "/account/login-2fa",
            new Dictionary<string, string> { ["Code"] = WrongCode(setup.Key) });

        Assert.StartsWith("/account/login-2fa", refused.Path);
        Assert.Contains("not correct", refused.FieldError("Code"));
        Assert.StartsWith("/account/login", (await other.OpenAsync("/settings")).Path);
    }

    [Fact]
    public async Task The_code_page_without_a_password_first_sends_to_login()
    {
        var page = await app.NewClient().OpenAsync("/account/login-2fa");
        Assert.StartsWith("/account/login", page.Path);
        Assert.DoesNotContain("login-2fa", page.Path);
    }

    [Fact]
    public async Task Each_recovery_code_works_once()
    {
        var (email, client) = await SignedInMemberAsync();
        var setup = await client.EnableTwoFactorAsync();
        var code = setup.RecoveryCodes[3];

        var first = app.NewClient();
        var asked = await first.LoginAsync(email);
        var link = asked.Document.QuerySelector("a[href^='/account/login-recovery']")!.GetAttribute("href")!;
        var start = await first.SubmitAsync(link, "/account/login-recovery",
            new Dictionary<string, string> { ["RecoveryCode"] = code });
        Assert.Equal("/", start.Path);
        Assert.Contains("recovery code", start.Flash);
        Assert.Contains("Recovery codes left: 9", (await first.OpenAsync("/settings/two-factor")).Text);

        var second = app.NewClient();
        await second.LoginAsync(email);
        var refused = await second.SubmitAsync("/account/login-recovery", "/account/login-recovery",
            new Dictionary<string, string> { ["RecoveryCode"] = code });
        Assert.Equal("/account/login-recovery", refused.Path);
        Assert.Equal("This recovery code is not valid or has been used", refused.FieldError("RecoveryCode"));
        Assert.StartsWith("/account/login", (await second.OpenAsync("/settings")).Path);

        // Another unused code still works.
        var next = await second.SubmitAsync("/account/login-recovery", "/account/login-recovery",
            new Dictionary<string, string> { ["RecoveryCode"] = setup.RecoveryCodes[4] });
        Assert.Equal("/", next.Path);
    }

    [Fact]
    public async Task Making_new_recovery_codes_replaces_the_old_ones()
    {
        var (email, client) = await SignedInMemberAsync();
        var setup = await client.EnableTwoFactorAsync();

        var fresh = TwoFactorSteps.RecoveryCodesOn(await client.SubmitAsync("/settings/two-factor",
            "/settings/two-factor/recovery-codes", new Dictionary<string, string>()));

        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(setup.RecoveryCodes));
        var other = app.NewClient();
        await other.LoginAsync(email);
        var old = await other.SubmitAsync("/account/login-recovery", "/account/login-recovery",
            new Dictionary<string, string> { ["RecoveryCode"] = setup.RecoveryCodes[0] });
        Assert.NotNull(old.FieldError("RecoveryCode"));
        var ok = await other.SubmitAsync("/account/login-recovery", "/account/login-recovery",
            new Dictionary<string, string> { ["RecoveryCode"] = fresh[0] });
        Assert.Equal("/", ok.Path);
    }

    [Fact]
    public async Task A_remembered_device_is_not_asked_again_after_the_browser_restarts_but_another_device_is()
    {
        var (email, client) = await SignedInMemberAsync();
        var setup = await client.EnableTwoFactorAsync();
        var jar = new CookieContainer();
        var browser = BrowserWith(jar);

        Assert.Equal("/", (await browser.LoginWithTwoFactorAsync(email, setup.Key, rememberDevice: true)).Path);

        // Closing the browser drops the session cookies (the login was not "stay logged in") and keeps the others.
        var restarted = BrowserWith(PersistentCookiesOf(jar));
        Assert.StartsWith("/account/login", (await restarted.OpenAsync("/settings")).Path);
        Assert.Equal("/", (await restarted.LoginAsync(email)).Path);

        Assert.StartsWith("/account/login-2fa", (await app.NewClient().LoginAsync(email)).Path);
    }

    [Fact]
    public async Task A_member_can_turn_two_factor_off_and_then_logs_in_with_the_password_alone()
    {
        var (email, client) = await SignedInMemberAsync();
        await client.EnableTwoFactorAsync();

        var page = await client.SubmitAsync("/settings/two-factor", "/settings/two-factor/disable",
            new Dictionary<string, string>());

        Assert.Equal("/settings/two-factor", page.Path);
        Assert.Equal("Two-factor authentication is off.", page.Flash);
        Assert.NotNull(page.Document.QuerySelector("[data-testid=shared-key]"));
        Assert.False(await TwoFactorStoredAsync(email));
        Assert.Equal("/", (await app.NewClient().LoginAsync(email)).Path);
    }

    [Fact]
    public async Task An_admin_is_offered_no_way_to_turn_two_factor_off_and_a_forced_request_is_refused()
    {
        var (email, client) = await SignedInMemberAsync("admin", Roles.Admin);
        await client.EnableTwoFactorAsync();

        var settings = await client.OpenAsync("/settings/two-factor");
        Assert.Null(settings.Document.QuerySelector("form[action='/settings/two-factor/disable']"));
        Assert.NotNull(settings.Document.QuerySelector("form[action='/settings/two-factor/recovery-codes']"));

        var page = await client.PostWithTokenOfAsync(settings, "/settings/two-factor/disable",
            new Dictionary<string, string>());

        Assert.Equal("/settings/two-factor", page.Path);
        Assert.Equal("Admins cannot turn off two-factor authentication.", page.Flash);
        Assert.True(await TwoFactorStoredAsync(email));
    }

    private HttpClient BrowserWith(CookieContainer jar)
    {
        var client = app.CreateDefaultClient(new Uri("http://localhost"), new RedirectHandler(), new CookieContainerHandler(jar));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    private static CookieContainer PersistentCookiesOf(CookieContainer jar)
    {
        var kept = new CookieContainer();
        foreach (Cookie cookie in jar.GetAllCookies())
            if (cookie.Expires != DateTime.MinValue)
                kept.Add(cookie);
        return kept;
    }
}
