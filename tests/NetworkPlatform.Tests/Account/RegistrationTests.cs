using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Account;

public class RegistrationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string> Form(string email, string password = TestData.Password,
        string? confirm = null, string first = "Jana", string last = "Becker") => new()
    {
        ["FirstName"] = first,
        ["LastName"] = last,
        ["Email"] = email,
        ["Password"] = password,
        ["ConfirmPassword"] = confirm ?? password, ["AcceptTerms"] = "true",
    };

    [Fact]
    public async Task Registering_sends_a_confirmation_mail_and_the_link_confirms_the_account()
    {
        var client = app.NewClient();
        var email = TestData.UniqueEmail("new");

        var checkMail = await client.SubmitAsync("/account/register", "/account/register", Form(email));
        Assert.Equal("/account/check-email?kind=register", checkMail.Path);

        var mail = await MailCatcher.WaitForAsync(email, "ConfirmEmail");
        Assert.Contains("Jana", mail.Text);
        var confirmed = await client.OpenAsync(mail.FirstLink("/account/confirm"));
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.NotNull(confirmed.Document.QuerySelector("a[href='/account/login']"));

        var start = await client.LoginAsync(email);
        Assert.Equal("/", start.Path);
        Assert.Contains("Jana", start.Document.QuerySelector("h1")!.TextContent);
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.True(stored.EmailConfirmed);
        Assert.Equal("Becker", stored.LastName);
    }

    [Fact]
    public async Task Login_is_refused_until_the_address_is_confirmed_with_a_send_again_link()
    {
        var client = app.NewClient();
        var email = TestData.UniqueEmail("unconfirmed");
        await client.SubmitAsync("/account/register", "/account/register", Form(email));

        var refused = await client.LoginAsync(email);
        Assert.Equal("/account/login", refused.Path);
        Assert.Contains(refused.ErrorSummary, e => e.Contains("confirm", StringComparison.OrdinalIgnoreCase));
        var resend = refused.Document.QuerySelector("a[href^='/account/resend-confirmation']");
        Assert.NotNull(resend);

        await client.SubmitAsync(resend!.GetAttribute("href")!, "/account/resend-confirmation",
            new Dictionary<string, string> { ["Email"] = email });
        // The first mail (registration) and the one asked for again.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (MailCatcher.All(email).Count(m => m.Kind == "ConfirmEmail") < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(2, MailCatcher.All(email).Count(m => m.Kind == "ConfirmEmail"));
    }

    [Fact]
    public async Task Registering_an_existing_address_shows_the_same_page_and_mails_the_owner()
    {
        var email = TestData.UniqueEmail("owner");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();

        var page = await client.SubmitAsync("/account/register", "/account/register", Form(email, "another long passphrase"));

        Assert.Equal("/account/check-email?kind=register", page.Path);
        var mail = await MailCatcher.WaitForAsync(email, "AlreadyRegistered");
        Assert.Contains("/account/forgot-password", mail.Text);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Theory]
    [InlineData("short pw", "Password-error", "between 12 and 128")]
    [InlineData("1qaz2wsx3edc", "Password-error", "most common")]
    [InlineData("Q1W2E3R4T5Y6", "Password-error", "most common")]
    public async Task A_short_or_common_password_is_refused_at_the_field_and_the_other_fields_are_kept(
        string password, string errorId, string message)
    {
        var client = app.NewClient();
        var email = TestData.UniqueEmail("weak");
        var page = await client.SubmitAsync("/account/register", "/account/register",
            Form(email, password, first: "Jürgen", last: "Weiß"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.FieldError(errorId.Replace("-error", "")), StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(page.ErrorSummary);
        Assert.Equal("Jürgen", page.FieldValue("FirstName"));
        Assert.Equal("Weiß", page.FieldValue("LastName"));
        Assert.Equal(email, page.FieldValue("Email"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task A_password_longer_than_128_characters_is_refused()
    {
        var client = app.NewClient();
        var page = await client.SubmitAsync("/account/register", "/account/register",
            Form(TestData.UniqueEmail("long"), new string('x', 129)));
        Assert.Contains("between 12 and 128", page.FieldError("Password"));
    }

    [Fact]
    public async Task Mismatched_confirmation_and_invalid_email_get_messages_next_to_their_fields()
    {
        var client = app.NewClient();
        var page = await client.SubmitAsync("/account/register", "/account/register",
            Form("not-an-address", confirm: "something else entirely", first: "Ana", last: ""));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("do not match", page.FieldError("ConfirmPassword"));
        Assert.Contains("right format", page.FieldError("Email"));
        Assert.Contains("last name", page.FieldError("LastName"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("not-an-address", page.FieldValue("Email"));
        Assert.Equal("Ana", page.FieldValue("FirstName"));
        // The error summary links to each field.
        Assert.NotNull(page.Document.QuerySelector(".np-error-summary a[href='#Email']"));
    }

    [Fact]
    public async Task A_forged_or_garbled_confirmation_link_shows_a_clear_page_not_an_error()
    {
        var email = TestData.UniqueEmail("forged");
        var client = app.NewClient();
        await client.SubmitAsync("/account/register", "/account/register", Form(email));
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));

        var forged = await client.OpenAsync($"/account/confirm?userId={user.Id}&code=Zm9yZ2Vk");
        var garbled = await client.OpenAsync($"/account/confirm?userId={user.Id}&code=%%%");
        var unknown = await client.OpenAsync($"/account/confirm?userId={Guid.NewGuid()}&code=abc");

        foreach (var page in new[] { forged, garbled, unknown })
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.NotNull(page.Document.QuerySelector("a[href='/account/resend-confirmation']"));
        }
    }
}

/// <summary>Links that expire after one second, so the test can watch one expire in real time.</summary>
public class ShortLivedLinksFactory : AppFactory
{
    protected override IDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Accounts:TokenLifespan"] = "00:00:01" };
}

public class ExpiredLinkTests(ShortLivedLinksFactory app) : IClassFixture<ShortLivedLinksFactory>
{
    [Fact]
    public async Task An_expired_confirmation_link_is_refused()
    {
        var client = app.NewClient();
        var email = TestData.UniqueEmail("expired");
        await client.SubmitAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["FirstName"] = "Ole", ["LastName"] = "Berg", ["Email"] = email,
            ["Password"] = TestData.Password, ["ConfirmPassword"] = TestData.Password, ["AcceptTerms"] = "true",
        });
        var mail = await MailCatcher.WaitForAsync(email, "ConfirmEmail");
        await Task.Delay(1500);

        var page = await client.OpenAsync(mail.FirstLink("/account/confirm"));

        Assert.NotNull(page.Document.QuerySelector("a[href='/account/resend-confirmation']"));
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task An_expired_reset_link_is_refused_and_the_password_stays()
    {
        var email = TestData.UniqueEmail("expired-reset");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();
        await client.SubmitAsync("/account/forgot-password", "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = email });
        var mail = await MailCatcher.WaitForAsync(email, "ResetPassword");
        await Task.Delay(1500);

        var page = await client.SubmitAsync(mail.FirstLink("/account/reset-password"), "/account/reset-password",
            new Dictionary<string, string> { ["Password"] = "a brand new passphrase", ["ConfirmPassword"] = "a brand new passphrase" });

        Assert.NotNull(page.Document.QuerySelector("a[href='/account/forgot-password']"));
        Assert.Equal("/", (await app.NewClient().LoginAsync(email)).Path);
    }
}
