using System.Net;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Foundation;

public class ErrorPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("de", "Seite nicht gefunden")]
    public async Task An_unknown_address_shows_our_not_found_page_in_the_visitors_language(string language, string title)
    {
        var page = await app.NewClient(language: language).OpenAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("/no/such/page", page.Path);
        Assert.Equal(title, page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(language, page.Document.DocumentElement.GetAttribute("lang"));
        // Inside the site's layout, with a way back.
        Assert.NotNull(page.Document.QuerySelector("header nav"));
        Assert.NotNull(page.Document.QuerySelector("main a[href='/']"));
    }

    [Fact]
    public async Task A_member_with_a_german_setting_gets_the_not_found_page_in_german()
    {
        var email = TestData.UniqueEmail("de");
        await app.CreateMemberAsync(email, culture: "de");
        var client = app.NewClient();
        await client.LoginAsync(email);

        var page = await client.OpenAsync("/nirgendwo");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Seite nicht gefunden", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_server_error_page_shows_a_reference_to_give_the_operator()
    {
        var page = await app.NewClient().OpenAsync("/error/500");

        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.Equal("Sorry, something went wrong on our side", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Reference:", page.Text);
        var reference = page.Document.QuerySelector("main code")?.TextContent.Trim();
        Assert.False(string.IsNullOrWhiteSpace(reference));
    }

    [Fact]
    public async Task The_not_found_page_shows_no_reference()
    {
        var page = await app.NewClient().OpenAsync("/no-such-page");
        Assert.DoesNotContain("Reference:", page.Text);
    }

    [Fact]
    public async Task A_form_posted_without_its_token_gets_a_400_page_that_explains()
    {
        var response = await app.NewClient().PostWithoutTokenAsync("/account/login",
            new Dictionary<string, string> { ["Email"] = "a@b.test", ["Password"] = "whatever it is" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The request could not be processed", await response.Content.ReadAsStringAsync());
    }
}
