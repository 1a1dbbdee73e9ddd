using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Account;

public class ChangePasswordTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string NewPassword = "copper kettle sings at dawn";

    private static Task<Page> ChangeAsync(HttpClient client, string current, string next, string? confirm = null) =>
        client.SubmitAsync("/settings/password", "/settings/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = next,
            ["ConfirmPassword"] = confirm ?? next,
        });

    [Fact]
    public async Task A_wrong_current_password_is_refused_at_its_field_and_nothing_changes()
    {
        var email = TestData.UniqueEmail("wrong-current");
        await app.CreateMemberAsync(email);
        var hashBefore = await PasswordHashAsync(email);
        var client = app.NewClient();
        await client.LoginAsync(email);

        var page = await ChangeAsync(client, "this is not my password", NewPassword);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/settings/password", page.Path);
        Assert.Equal("Your current password is not correct", page.FieldError("CurrentPassword"));
        Assert.NotNull(page.Document.QuerySelector(".np-error-summary a[href='#CurrentPassword']"));
        Assert.Equal(hashBefore, await PasswordHashAsync(email));
        Assert.Equal("/", (await app.NewClient().LoginAsync(email)).Path);
        Assert.Equal(0, await MailCatcher.CountAfterQuietAsync(email, "PasswordChanged"));
    }

    [Fact]
    public async Task A_different_confirmation_is_refused_at_its_field()
    {
        var email = TestData.UniqueEmail("confirm-differs");
        await app.CreateMemberAsync(email);
        var hashBefore = await PasswordHashAsync(email);
        var client = app.NewClient();
        await client.LoginAsync(email);

        var page = await ChangeAsync(client, TestData.Password, NewPassword, "copper kettle sings at dusk");

        Assert.Contains("do not match", page.FieldError("ConfirmPassword"));
        Assert.Equal(hashBefore, await PasswordHashAsync(email));
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_ends_the_others_and_mails_the_member()
    {
        var email = TestData.UniqueEmail("change-password");
        await app.CreateMemberAsync(email);
        var here = app.NewClient();
        var elsewhere = app.NewClient();
        await here.LoginAsync(email);
        await elsewhere.LoginAsync(email);
        Assert.Equal("/settings", (await elsewhere.OpenAsync("/settings")).Path);

        var page = await ChangeAsync(here, TestData.Password, NewPassword);

        Assert.Equal("/settings", page.Path);
        Assert.Contains("Your password has been changed", page.Flash);
        Assert.Equal("/settings/password", (await here.OpenAsync("/settings/password")).Path);
        Assert.StartsWith("/account/login", (await elsewhere.OpenAsync("/settings")).Path);

        var mail = await MailCatcher.WaitForAsync(email, "PasswordChanged");
        Assert.Contains("/account/forgot-password", mail.Text);
        Assert.Equal("/account/login", (await app.NewClient().LoginAsync(email)).Path);
        Assert.Equal("/", (await app.NewClient().LoginAsync(email, NewPassword)).Path);
    }

    private Task<string?> PasswordHashAsync(string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync());
}
