using System.Net;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Account;

/// <summary>
/// Links from mails arrive cut short or mangled by mail programs. Whatever part is broken, the member gets the
/// page that explains it and offers the next step, never an error page.
/// </summary>
public class BrokenLinkTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> BrokenMemberIds => ["0193ab", "not-a-member"];

    [Theory]
    [MemberData(nameof(BrokenMemberIds))]
    public async Task A_confirmation_link_with_a_broken_member_id_shows_the_link_failed_page(string userId)
    {
        var page = await app.NewClient().OpenAsync($"/account/confirm?userId={userId}&code=Zm9yZ2Vk");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("a[href='/account/resend-confirmation']"));
    }

    [Theory]
    [MemberData(nameof(BrokenMemberIds))]
    public async Task A_reset_link_with_a_broken_member_id_shows_the_link_failed_page(string userId)
    {
        var page = await app.NewClient().SubmitAsync($"/account/reset-password?userId={userId}&code=Zm9yZ2Vk",
            "/account/reset-password", new Dictionary<string, string>
            {
                ["Password"] = "otter lantern meadow quietly",
                ["ConfirmPassword"] = "otter lantern meadow quietly",
            });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("a[href='/account/forgot-password']"));
    }

    [Theory]
    [MemberData(nameof(BrokenMemberIds))]
    public async Task An_address_change_link_with_a_broken_member_id_shows_the_link_failed_page(string userId)
    {
        var page = await app.NewClient().OpenAsync(
            $"/settings/email/confirm?userId={userId}&email=new%40test.networkplatform.test&code=Zm9yZ2Vk");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("a[href='/settings/email']"));
    }
}
