using System.Net;
using System.Text.RegularExpressions;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Foundation;

public class HealthAndHeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_health_endpoints_answer_healthy(string url)
    {
        var response = await app.NewClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/no-such-page")]
    public async Task Every_page_carries_the_security_headers(string url)
    {
        var response = await app.NewClient().GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.DoesNotContain("'unsafe-inline'", directives["script-src"]);
        Assert.DoesNotContain("'unsafe-eval'", csp);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Bootstrap_is_served_from_this_server()
    {
        var response = await app.NewClient().GetAsync("/lib/bootstrap/css/bootstrap.min.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bootstrap", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_page_loads_a_stylesheet_or_script_from_another_host(bool signedIn)
    {
        var client = app.NewClient();
        if (signedIn)
        {
            var email = TestData.UniqueEmail("assets");
            await app.CreateMemberAsync(email);
            await client.LoginAsync(email);
        }

        var page = await client.OpenAsync("/");

        var assets = page.Document.QuerySelectorAll("link[href]").Select(l => l.GetAttribute("href")!)
            .Concat(page.Document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .ToList();
        Assert.Contains(assets, a => Regex.IsMatch(a, @"^/lib/bootstrap/css/bootstrap\.min\.([a-z0-9]+\.)?css$"));
        Assert.Contains(assets, a => Regex.IsMatch(a, @"^/lib/bootstrap/js/bootstrap\.bundle\.min\.([a-z0-9]+\.)?js$"));
        foreach (var asset in assets)
        {
            Assert.StartsWith("/", asset);
            Assert.False(asset.StartsWith("//", StringComparison.Ordinal), asset);
            // And each is really there.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(asset)).StatusCode);
        }
        Assert.Empty(page.Document.QuerySelectorAll("img[src^='http'], iframe, script:not([src])"));
    }
}
