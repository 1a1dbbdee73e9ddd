using System.Net;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Security;

/// <summary>
/// Issue 15, "A request that fails a rule with Referer: http://host//evil.example/x answers 500": a broken rule sends
/// the member back to the page they came from, and LocalRedirect threw on a Referer of this host whose path is no
/// local address.
/// </summary>
public class RefererRedirectTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("http://localhost//evil.example/x", "/")]
    [InlineData("http://localhost/\\evil.example", "/")]
    [InlineData("http://localhost/%2F%2Fevil.example", "/%2F%2Fevil.example")]
    [InlineData("https://evil.example/contacts", "/")]
    [InlineData("http://localhost/contacts?page=2", "/contacts?page=2")]
    public async Task A_request_that_fails_a_rule_with_a_hostile_Referer_goes_back_to_a_local_page_not_500(
        string referer, string expected)
    {
        var email = TestData.UniqueEmail("referer");
        var me = await app.CreateMemberAsync(email);
        var client = app.NewClient(followRedirects: false);
        await client.LoginAsync(email);
        var page = await client.OpenAsync("/settings");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // Asking oneself for contact breaks a rule (a DomainException), which sends the member back to the Referer.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/contacts/request/{me.Id}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        request.Headers.TryAddWithoutValidation("Referer", referer);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }
}
