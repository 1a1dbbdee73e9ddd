using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace NetworkPlatform.Tests.Infrastructure;

public record Page(HttpResponseMessage Response, IHtmlDocument Document)
{
    public HttpStatusCode Status => Response.StatusCode;
    public string Path => Response.RequestMessage!.RequestUri!.PathAndQuery;
    public string Text => Document.Body?.TextContent ?? "";

    public string? FieldError(string id) => Document.GetElementById(id + "-error")?.TextContent.Trim();
    public string? FieldValue(string id) => (Document.GetElementById(id) as IHtmlInputElement)?.Value;
    public IReadOnlyList<string> ErrorSummary =>
        Document.QuerySelectorAll(".np-error-summary li").Select(li => li.TextContent.Trim()).ToList();
    public string? Flash => Document.QuerySelector(".alert-success, .alert-danger")?.TextContent.Trim();
}

/// <summary>
/// Drives the app the way a browser without JavaScript does: GET a page, fill in its form (the antiforgery token
/// and other hidden fields come from the page itself), submit it.
/// </summary>
public static class Browser
{
    private static readonly HtmlParser Parser = new();

    public static async Task<Page> OpenAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return await ToPageAsync(response);
    }

    /// <summary>Submits the form whose action is <paramref name="action"/> on <paramref name="pageUrl"/>.</summary>
    public static async Task<Page> SubmitAsync(this HttpClient client, string pageUrl, string action,
        IDictionary<string, string> fields)
    {
        var page = await client.OpenAsync(pageUrl);
        return await page.SubmitAsync(client, action, fields);
    }

    public static async Task<Page> SubmitAsync(this Page page, HttpClient client, string action,
        IDictionary<string, string> fields)
    {
        var form = page.Document.Forms.FirstOrDefault(f =>
                       string.Equals(f.GetAttribute("action")?.Split('?')[0], action, StringComparison.OrdinalIgnoreCase))
                   ?? throw new Xunit.Sdk.XunitException($"No form posting to {action} on {page.Path}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            if (input.Type is "submit" or "button") continue;
            if (input.Type is "checkbox" or "radio" && !input.IsChecked) continue;
            if (fields.ContainsKey(input.Name!)) continue;
            values.Add(new(input.Name!, input.Value));
        }
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
        return await ToPageAsync(response);
    }

    public static async Task<HttpResponseMessage> PostWithoutTokenAsync(this HttpClient client, string url,
        IDictionary<string, string> fields) => await client.PostAsync(url, new FormUrlEncodedContent(fields));

    private static async Task<Page> ToPageAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response, Parser.ParseDocument(html));
    }
}
