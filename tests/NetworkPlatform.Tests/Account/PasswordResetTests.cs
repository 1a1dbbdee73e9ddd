using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Account;

public class PasswordResetTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string NewPassword = "otter lantern meadow quietly";

    private static Task<Page> AskForLinkAsync(HttpClient client, string email) =>
        client.SubmitAsync("/account/forgot-password", "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = email });

    private static Dictionary<string, string> NewPasswordForm(string password, string? confirm = null) => new()
    {
        ["Password"] = password,
        ["ConfirmPassword"] = confirm ?? password,
    };

    [Fact]
    public async Task The_link_in_the_mail_sets_a_new_password_and_the_old_one_stops_working()
    {
        var email = TestData.UniqueEmail("reset");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();
        // A session that someone else may have: a new password has to end it.
        var elsewhere = app.NewClient();
        await elsewhere.LoginAsync(email);

        var checkEmail = await AskForLinkAsync(client, email);
        Assert.Equal("/account/check-email?kind=reset", checkEmail.Path);
        var mail = await MailCatcher.WaitForAsync(email, "ResetPassword");
        var link = mail.FirstLink("/account/reset-password");

        var done = await client.SubmitAsync(link, "/account/reset-password", NewPasswordForm(NewPassword));

        Assert.Equal("/account/login", done.Path);
        Assert.Contains("new password is saved", done.Flash);
        Assert.Equal("/account/login", (await app.NewClient().LoginAsync(email)).Path);
        Assert.Equal("/", (await app.NewClient().LoginAsync(email, NewPassword)).Path);
        Assert.StartsWith("/account/login", (await elsewhere.OpenAsync("/settings")).Path);

        // The link works once.
        var again = await client.SubmitAsync(link, "/account/reset-password", NewPasswordForm("a third passphrase here"));
        Assert.NotNull(again.Document.QuerySelector("a[href='/account/forgot-password']"));
        Assert.Equal("/", (await app.NewClient().LoginAsync(email, NewPassword)).Path);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_mail()
    {
        var known = TestData.UniqueEmail("known");
        var unknown = TestData.UniqueEmail("nobody");
        await app.CreateMemberAsync(known);
        var client = app.NewClient();

        var forKnown = await AskForLinkAsync(client, known);
        var forUnknown = await AskForLinkAsync(client, unknown);

        Assert.Equal(forKnown.Path, forUnknown.Path);
        Assert.Equal(forKnown.Document.QuerySelector("h1")!.TextContent, forUnknown.Document.QuerySelector("h1")!.TextContent);
        await MailCatcher.WaitForAsync(known, "ResetPassword");
        Assert.Equal(0, await MailCatcher.CountAfterQuietAsync(unknown, "ResetPassword"));
    }

    [Theory]
    [InlineData("Zm9yZ2Vk")] // base64url of "forged": decodes, but is no token
    [InlineData("%%%")] // not base64url at all
    public async Task A_forged_or_garbled_code_shows_a_page_with_a_link_to_ask_again(string code)
    {
        var email = TestData.UniqueEmail("forged");
        var member = await app.CreateMemberAsync(email);
        var client = app.NewClient();

        var page = await client.SubmitAsync(
            $"/account/reset-password?userId={member.Id}&code={Uri.EscapeDataString(code)}",
            "/account/reset-password", NewPasswordForm(NewPassword));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("does not work", page.Document.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.Document.QuerySelector("a[href='/account/forgot-password']"));
        Assert.Equal("/", (await app.NewClient().LoginAsync(email)).Path);
    }

    [Fact]
    public async Task A_link_without_a_code_or_for_an_unknown_member_shows_the_same_page()
    {
        var client = app.NewClient();

        var noCode = await client.OpenAsync("/account/reset-password");
        var unknownMember = await client.SubmitAsync(
            $"/account/reset-password?userId={Guid.NewGuid()}&code=Zm9yZ2Vk", "/account/reset-password",
            NewPasswordForm(NewPassword));

        foreach (var page in new[] { noCode, unknownMember })
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.NotNull(page.Document.QuerySelector("a[href='/account/forgot-password']"));
        }
    }

    [Fact]
    public async Task A_short_password_or_a_different_confirmation_is_shown_at_its_field_and_the_link_still_works()
    {
        var email = TestData.UniqueEmail("reset-errors");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();
        await AskForLinkAsync(client, email);
        var link = (await MailCatcher.WaitForAsync(email, "ResetPassword")).FirstLink("/account/reset-password");

        var tooShort = await client.SubmitAsync(link, "/account/reset-password", NewPasswordForm("short pw"));
        var different = await client.SubmitAsync(link, "/account/reset-password",
            NewPasswordForm(NewPassword, "otter lantern meadow loudly"));

        Assert.Equal(HttpStatusCode.OK, tooShort.Status);
        Assert.Contains("between 12 and 128", tooShort.FieldError("Password"));
        Assert.NotNull(tooShort.Document.QuerySelector(".np-error-summary a[href='#Password']"));
        Assert.Contains("do not match", different.FieldError("ConfirmPassword"));
        // The form keeps the link's code, so a corrected second try goes through.
        var done = await different.SubmitAsync(client, "/account/reset-password", NewPasswordForm(NewPassword));
        Assert.Equal("/account/login", done.Path);
        Assert.Equal("/", (await app.NewClient().LoginAsync(email, NewPassword)).Path);
    }

    [Fact]
    public async Task Resetting_the_password_opens_a_locked_account()
    {
        var email = TestData.UniqueEmail("reset-locked");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();
        for (var i = 0; i < 5; i++)
            await client.LoginAsync(email, $"wrong passphrase number {i}");
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync()));

        await AskForLinkAsync(client, email);
        var mail = await MailCatcher.WaitForAsync(email, "ResetPassword");
        await client.SubmitAsync(mail.FirstLink("/account/reset-password"), "/account/reset-password",
            NewPasswordForm(NewPassword));

        Assert.Equal("/", (await app.NewClient().LoginAsync(email, NewPassword)).Path);
    }
}
