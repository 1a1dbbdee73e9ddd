using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Security;

/// <summary>
/// Issue 15, "CurrentPassword on the password-change and account-deletion forms can be guessed without limit by
/// anyone holding a session": the forms that ask for the current password count wrong ones like the login does.
/// </summary>
public class CurrentPasswordGuessingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string LockedOut = "Too many wrong passwords: your account is locked for 5 minutes, for logging in too. " +
                                     "Try again after that, or set a new password with “Forgot your password?” on the login page.";

    public static TheoryData<string, string> Forms => new()
    {
        { "/settings/password", "CurrentPassword" },
        { "/settings/email", "CurrentPassword" },
        { "/settings/delete-account", "Password" },
    };

    private static Task<Page> SubmitAsync(HttpClient client, string form, string field, string password) =>
        client.SubmitAsync(form, form, new Dictionary<string, string>
        {
            [field] = password,
            ["NewPassword"] = "copper kettle sings at dawn",
            ["ConfirmPassword"] = "copper kettle sings at dawn",
            ["NewEmail"] = TestData.UniqueEmail("new-address"),
        });

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task CurrentPassword_cannot_be_guessed_without_limit_by_anyone_holding_a_session(string form, string field)
    {
        var email = TestData.UniqueEmail("guessed");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();
        Assert.Equal("/", (await client.LoginAsync(email)).Path);

        for (var i = 1; i < 5; i++)
            Assert.NotEqual(LockedOut, (await SubmitAsync(client, form, field, $"guess number {i}")).FieldError(field));
        var fifth = await SubmitAsync(client, form, field, "guess number 5");
        var right = await SubmitAsync(client, form, field, TestData.Password);

        Assert.Equal(LockedOut, fifth.FieldError(field));
        Assert.Equal(form, right.Path);
        Assert.Equal(LockedOut, right.FieldError(field));
        Assert.Contains(LockedOut, right.ErrorSummary);
        // Nothing happened, and the lock-out is the one the login obeys.
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Null(stored.DeletionRequestedAt);
        Assert.Equal("/account/login", (await app.NewClient().LoginAsync(email)).Path);
    }
}
