using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Account;

public class ChangeEmailTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Task<Page> ChangeAsync(HttpClient client, string newEmail, string password = TestData.Password) =>
        client.SubmitAsync("/settings/email", "/settings/email", new Dictionary<string, string>
        {
            ["NewEmail"] = newEmail,
            ["CurrentPassword"] = password,
        });

    [Fact]
    public async Task The_new_address_is_confirmed_by_its_link_the_old_one_is_told_and_all_sessions_end()
    {
        var oldEmail = TestData.UniqueEmail("old");
        var newEmail = TestData.UniqueEmail("new");
        await app.CreateMemberAsync(oldEmail);
        var here = app.NewClient();
        var elsewhere = app.NewClient();
        await here.LoginAsync(oldEmail);
        await elsewhere.LoginAsync(oldEmail);

        var asked = await ChangeAsync(here, newEmail);

        Assert.Equal("/settings", asked.Path);
        Assert.Contains(newEmail, asked.Flash);
        // Until the link is followed, the old address stays in use.
        Assert.Equal(oldEmail, await EmailOfAsync(oldEmail));
        var mail = await MailCatcher.WaitForAsync(newEmail, "ChangeEmail");

        var done = await here.OpenAsync(mail.FirstLink("/settings/email/confirm"));

        Assert.Contains(newEmail, done.Text);
        var notice = await MailCatcher.WaitForAsync(oldEmail, "EmailChanged");
        Assert.Contains(newEmail, notice.Text);
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == newEmail));
        Assert.Equal(newEmail, stored.UserName);
        Assert.StartsWith("/account/login", (await here.OpenAsync("/settings")).Path);
        Assert.StartsWith("/account/login", (await elsewhere.OpenAsync("/settings")).Path);
        Assert.Equal("/account/login", (await app.NewClient().LoginAsync(oldEmail)).Path);
        Assert.Equal("/", (await app.NewClient().LoginAsync(newEmail)).Path);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_at_its_field_and_no_mail_is_sent()
    {
        var email = TestData.UniqueEmail("wrong-pw");
        var newEmail = TestData.UniqueEmail("wanted");
        await app.CreateMemberAsync(email);
        var client = app.NewClient();
        await client.LoginAsync(email);

        var page = await ChangeAsync(client, newEmail, "this is not my password");

        Assert.Equal("/settings/email", page.Path);
        Assert.Equal("Your current password is not correct", page.FieldError("CurrentPassword"));
        Assert.Equal(newEmail, page.FieldValue("NewEmail"));
        Assert.Equal(0, await MailCatcher.CountAfterQuietAsync(newEmail, "ChangeEmail"));
    }

    [Fact]
    public async Task An_address_of_another_member_gets_the_same_answer_but_no_mail()
    {
        var email = TestData.UniqueEmail("mover");
        var taken = TestData.UniqueEmail("taken");
        var free = TestData.UniqueEmail("free");
        await app.CreateMemberAsync(email);
        await app.CreateMemberAsync(taken);
        var client = app.NewClient();
        await client.LoginAsync(email);

        var forFree = await ChangeAsync(client, free);
        var forTaken = await ChangeAsync(client, taken);

        Assert.Equal(forFree.Path, forTaken.Path);
        Assert.Equal(forFree.Flash!.Replace(free, "@"), forTaken.Flash!.Replace(taken, "@"));
        await MailCatcher.WaitForAsync(free, "ChangeEmail");
        Assert.Equal(0, await MailCatcher.CountAfterQuietAsync(taken, "ChangeEmail"));
        Assert.Equal(email, await EmailOfAsync(email));
    }

    private Task<string?> EmailOfAsync(string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Email).SingleOrDefaultAsync());
}
