using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Account;

public class LoginTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Failed =
        "The e-mail address or password is not correct. After 5 failed attempts, logging in is paused for 5 minutes.";

    [Fact]
    public async Task Logging_in_lands_on_the_start_page_greeting_the_member_by_first_name()
    {
        var email = TestData.UniqueEmail("login");
        await app.CreateMemberAsync(email, first: "Henrike");

        var start = await app.NewClient().LoginAsync(email);

        Assert.Equal("/", start.Path);
        Assert.Contains("Henrike", start.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_message_and_keep_the_typed_address()
    {
        var email = TestData.UniqueEmail("known");
        var unknown = TestData.UniqueEmail("unknown");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();

        var wrongPassword = await client.LoginAsync(email, "not the right passphrase");
        var unknownAddress = await client.LoginAsync(unknown);

        Assert.Equal("/account/login", wrongPassword.Path);
        Assert.Equal("/account/login", unknownAddress.Path);
        Assert.Equal([Failed], wrongPassword.ErrorSummary);
        Assert.Equal(wrongPassword.ErrorSummary, unknownAddress.ErrorSummary);
        Assert.Equal(email, wrongPassword.FieldValue("Email"));
        Assert.Equal(unknown, unknownAddress.FieldValue("Email"));
        // The password is never sent back to the browser.
        Assert.Equal("", wrongPassword.FieldValue("Password") ?? "");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_five_minutes_even_against_the_right_one()
    {
        var email = TestData.UniqueEmail("locked");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();

        for (var i = 0; i < 5; i++)
            Assert.Equal([Failed], (await client.LoginAsync(email, $"wrong passphrase number {i}")).ErrorSummary);
        var refused = await client.LoginAsync(email);

        Assert.Equal("/account/login", refused.Path);
        Assert.Equal([Failed], refused.ErrorSummary);
        var lockoutEnd = await app.WithDbAsync(db =>
            db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);
        var expected = app.Clock.GetUtcNow().AddMinutes(5);
        Assert.InRange(lockoutEnd!.Value, expected.AddSeconds(-30), expected.AddSeconds(1));
    }

    [Fact]
    public async Task A_locked_account_that_is_not_confirmed_yet_does_not_tell_whether_the_password_is_right()
    {
        var email = TestData.UniqueEmail("locked-unconfirmed");
        var client = app.NewClient();
        await client.SubmitAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["FirstName"] = "Ines", ["LastName"] = "Vogt", ["Email"] = email,
            ["Password"] = TestData.Password, ["ConfirmPassword"] = TestData.Password, ["AcceptTerms"] = "true",
        });

        for (var i = 0; i < 5; i++)
            Assert.Equal([Failed], (await client.LoginAsync(email, $"wrong passphrase number {i}")).ErrorSummary);
        var refused = await client.LoginAsync(email);

        // "Please confirm your address" here would confirm a guess that the lockout is meant to stop.
        Assert.Equal([Failed], refused.ErrorSummary);
        Assert.Null(refused.Document.QuerySelector("a[href^='/account/resend-confirmation']"));
    }

    [Fact]
    public async Task Remember_me_keeps_the_login_cookie_beyond_the_browser_session_and_without_it_it_does_not()
    {
        var email = TestData.UniqueEmail("remember");
        await app.CreateMemberAsync(email);

        var remembered = await app.NewClient(followRedirects: false).LoginAsync(email, rememberMe: true);
        var notRemembered = await app.NewClient(followRedirects: false).LoginAsync(email, rememberMe: false);

        Assert.Equal(HttpStatusCode.Redirect, remembered.Status);
        Assert.Equal(HttpStatusCode.Redirect, notRemembered.Status);
        Assert.Contains("expires=", AuthCookie(remembered), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", AuthCookie(notRemembered), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("max-age=", AuthCookie(notRemembered), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Logging_out_on_one_device_ends_the_session_on_the_others()
    {
        var email = TestData.UniqueEmail("logout");
        await app.CreateMemberAsync(email);
        var laptop = app.NewClient();
        var phone = app.NewClient();
        Assert.Equal("/", (await laptop.LoginAsync(email)).Path);
        Assert.Equal("/", (await phone.LoginAsync(email)).Path);
        Assert.Equal("/settings", (await phone.OpenAsync("/settings")).Path);

        var loggedOut = await laptop.LogoutAsync();

        Assert.Equal("/", loggedOut.Path);
        Assert.Contains("logged out", loggedOut.Flash);
        Assert.StartsWith("/account/login", (await phone.OpenAsync("/settings")).Path);
        Assert.StartsWith("/account/login", (await laptop.OpenAsync("/settings")).Path);
    }

    [Fact]
    public async Task A_return_address_on_this_site_is_where_the_login_goes_on_to()
    {
        var email = TestData.UniqueEmail("return");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();

        // The way a member gets there: a page that needs a login sends them to the form with the return address.
        var form = await client.OpenAsync("/settings/password");
        Assert.StartsWith("/account/login", form.Path);
        var page = await form.SubmitAsync(client, "/account/login", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = TestData.Password,
        });

        Assert.Equal("/settings/password", page.Path);
    }

    [Theory]
    [InlineData("https://evil.example/x")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    public async Task A_return_address_to_another_site_ends_at_the_start_page(string returnUrl)
    {
        var email = TestData.UniqueEmail("hostile");
        await app.CreateMemberAsync(email);
        var client = app.NewClient(followRedirects: false);

        var page = await client.LoginAsync(email, returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/", page.Response.Headers.Location?.OriginalString);
        // Already logged in, the login page itself redirects the same way.
        var again = await client.OpenAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal("/", again.Response.Headers.Location?.OriginalString);
    }

    private static string AuthCookie(Page page) =>
        page.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("np.auth=", StringComparison.Ordinal));
}
