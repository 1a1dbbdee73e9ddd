using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Bench;

/// <summary>
/// /bench/fortunes and /bench/db follow TechEmpower's rules (issue 17), so that the page benchmark's baseline is the
/// test everyone knows: all rows plus one added at request time, sorted in code, escaped, UTF-8, one query.
/// </summary>
public class BenchEndpointsTests(BenchEndpointsTests.BenchApp app) : IClassFixture<BenchEndpointsTests.BenchApp>
{
    public class BenchApp : QueryCountingAppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings =>
            new Dictionary<string, string?> { ["Bench:Enabled"] = "true" };
    }

    private const string Script = "<script>alert(\"This should not be displayed in a browser alert box.\");</script>";
    private const string Japanese = "フレームワークのベンチマーク";
    private const string Added = "Additional fortune added at request time.";

    [Fact]
    public async Task The_fortunes_page_lists_every_fortune_and_the_added_one_sorted_by_message_in_one_query()
    {
        var client = app.NewClient();
        await client.OpenAsync("/bench/fortunes"); // the app's first request may load the key ring

        var (page, queries) = await client.OpenCountingQueriesAsync(app, "/bench/fortunes");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html; charset=utf-8", page.Response.Content.Headers.ContentType!.ToString());
        var rows = page.Document.QuerySelectorAll("table tr")
            .Where(tr => tr.QuerySelectorAll("td").Length == 2)
            .Select(tr => (Id: int.Parse(tr.Children[0].TextContent), Message: tr.Children[1].TextContent))
            .ToList();
        Assert.Equal(13, rows.Count);
        Assert.Equal(rows.Select(r => r.Message).Order(StringComparer.Ordinal), rows.Select(r => r.Message));
        Assert.Contains((0, Added), rows);
        Assert.Contains((11, Script), rows);
        Assert.Contains((12, Japanese), rows);
        Assert.Equal(Enumerable.Range(0, 13), rows.Select(r => r.Id).Order());
        var fortunes = await app.WithDbAsync(db => db.Fortunes.CountAsync());
        Assert.Equal(12, fortunes);
        Assert.Single(queries);
    }

    [Fact]
    public async Task The_fortunes_page_escapes_the_script_row_and_writes_the_japanese_row_as_utf8()
    {
        var client = app.NewClient();

        var response = await client.GetAsync("/bench/fortunes");
        var html = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        Assert.StartsWith("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>", html.TrimStart());
        Assert.Contains("&lt;script&gt;alert(&quot;This should not be displayed in a browser alert box.&quot;);&lt;/script&gt;", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains($"<td>{Japanese}</td>", html);
        Assert.Contains("nice operating system, but I prefer UNIX. — Tom Christaensen", html);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Empty(page.Body!.QuerySelectorAll("script"));
        Assert.Equal("Fortunes", page.Title);
    }

    [Fact]
    public async Task The_db_endpoint_returns_one_world_row_as_json_in_one_query()
    {
        var client = app.NewClient();
        await client.GetAsync("/bench/db");

        var label = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bench/db");
        request.Headers.Add(QueryCounter.Header, label);
        var response = await client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["id", "randomNumber"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var id = json.RootElement.GetProperty("id").GetInt32();
        var number = json.RootElement.GetProperty("randomNumber").GetInt32();
        Assert.InRange(id, 1, 10_000);
        Assert.Equal(await app.WithDbAsync(db => db.Worlds.Where(w => w.Id == id).Select(w => w.RandomNumber).SingleAsync()), number);
        Assert.InRange(number, 1, 10_000);
        Assert.Single(app.Queries.CommandsFor(label));
        Assert.Equal(10_000, await app.WithDbAsync(db => db.Worlds.CountAsync()));
    }
}

/// <summary>Without <c>Bench:Enabled</c> the bench URLs do not exist: 404 as for any unknown URL, not 403.</summary>
public class BenchEndpointsOffTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/bench/fortunes")]
    [InlineData("/bench/db")]
    public async Task Without_the_switch_the_bench_urls_are_not_found(string url)
    {
        var client = app.NewClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Fortunes", await response.Content.ReadAsStringAsync());
    }
}
