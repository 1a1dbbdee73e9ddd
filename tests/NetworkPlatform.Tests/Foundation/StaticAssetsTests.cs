using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Foundation;

/// <summary>
/// wwwroot through MapStaticAssets. The tests run against the build's manifest, for which ASP.NET Core adds a
/// development handler (everything "no-cache", edited files re-read and re-compressed uncompressed);
/// <c>ReloadStaticAssetsAtRuntime=false</c> turns it off, so these tests see what the published app sends.
/// </summary>
public class StaticAssetsTests(StaticAssetsTests.PublishedCachingApp app)
    : IClassFixture<StaticAssetsTests.PublishedCachingApp>
{
    public class PublishedCachingApp : AppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["ReloadStaticAssetsAtRuntime"] = "false",
        };
    }

    private async Task<List<string>> LinkedAssetsAsync()
    {
        var page = await app.NewClient().OpenAsync("/account/login");
        return page.Document.QuerySelectorAll("link[rel=stylesheet][href]").Select(l => l.GetAttribute("href")!)
            .Concat(page.Document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .ToList();
    }

    [Fact]
    public async Task The_layout_links_fingerprinted_files_that_are_cached_for_a_year_as_immutable()
    {
        var assets = await LinkedAssetsAsync();

        Assert.Contains(assets, a => Regex.IsMatch(a, @"^/css/site\.[a-z0-9]{10}\.css$"));
        Assert.Contains(assets, a => Regex.IsMatch(a, @"^/js/site\.[a-z0-9]{10}\.js$"));
        Assert.Contains(assets, a => Regex.IsMatch(a, @"^/lib/bootstrap/css/bootstrap\.min\.[a-z0-9]{10}\.css$"));
        foreach (var asset in assets)
        {
            var response = await app.NewClient().GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cache = response.Headers.CacheControl;
            Assert.NotNull(cache);
            Assert.Contains(cache.Extensions, e => e.Name == "immutable");
            Assert.True(cache.MaxAge >= TimeSpan.FromDays(365), $"{asset}: {cache}");
        }
    }

    [Fact]
    public async Task A_file_under_its_plain_name_is_revalidated_by_its_etag()
    {
        var client = app.NewClient();
        var response = await client.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache, response.Headers.CacheControl?.ToString());
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        var again = new HttpRequestMessage(HttpMethod.Get, "/css/site.css");
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_client_that_accepts_gzip_gets_the_compressed_copy()
    {
        var plain = await app.NewClient().GetByteArrayAsync("/lib/bootstrap/css/bootstrap.min.css");
        var request = new HttpRequestMessage(HttpMethod.Get, "/lib/bootstrap/css/bootstrap.min.css");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var response = await app.NewClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plain.Length / 3, $"{compressed.Length} of {plain.Length} bytes");
        using var unzipped = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
            await gzip.CopyToAsync(unzipped);
        Assert.Equal(plain, unzipped.ToArray());
    }

    [Fact]
    public async Task Assets_carry_the_security_headers()
    {
        var response = await app.NewClient().GetAsync("/js/site.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task An_unknown_file_gets_the_not_found_page()
    {
        var response = await app.NewClient().GetAsync("/css/no-such-file.css");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
