using AngleSharp.Html.Parser;

namespace NetworkPlatform.Tests.Infrastructure;

/// <summary>
/// A POST that the page shows no form for (a stale tab, a crafted request), sent with the antiforgery token the
/// page gave this browser, so that what is tested is the app's rule and not the token check.
/// </summary>
public static class HandMadePosts
{
    private static readonly HtmlParser Parser = new();

    public static async Task<Page> PostWithTokenOfAsync(this HttpClient client, Page page, string url,
        IDictionary<string, string> fields)
    {
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? throw new Xunit.Sdk.XunitException($"No antiforgery token on {page.Path}");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        var response = await client.PostAsync(url, new FormUrlEncodedContent(values));
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response, Parser.ParseDocument(html));
    }
}
