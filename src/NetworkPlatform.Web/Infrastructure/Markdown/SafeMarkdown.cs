using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace NetworkPlatform.Web.Infrastructure.Markdown;

/// <summary>
/// Markdown that members write (profile summaries, later job descriptions) rendered so that it cannot run anything:
/// raw HTML is shown as text, links keep only http, https and mailto addresses (any other link becomes its text),
/// images become links (our CSP would block them anyway, and they would load from third parties), every link gets
/// rel="nofollow ugc noopener", and headings move below the page's own.
/// </summary>
public static class SafeMarkdown
{
    public const string LinkRel = "nofollow ugc noopener";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        // Members type a summary like a letter: a line break they type is a line break they see.
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    /// <param name="topHeadingLevel">What a "# Heading" in the text becomes (3: an h3 under the section's h2).</param>
    public static IHtmlContent ToHtml(string? markdown, int topHeadingLevel = 3)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return HtmlString.Empty;
        var document = Markdig.Markdown.Parse(markdown, Pipeline);

        foreach (var heading in document.Descendants<HeadingBlock>())
            heading.Level = Math.Min(6, heading.Level + topHeadingLevel - 1);

        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            link.IsImage = false;
            if (!IsSafeUrl(link.Url))
            {
                Unwrap(link);
                continue;
            }
            if (link.FirstChild is null)
                link.AppendChild(new LiteralInline(link.Url!));
            link.GetAttributes().AddPropertyIfNotExist("rel", LinkRel);
        }

        foreach (var link in document.Descendants<AutolinkInline>().ToList())
        {
            var url = link.IsEmail ? "mailto:" + link.Url : link.Url;
            if (!IsSafeUrl(url))
                link.ReplaceBy(new LiteralInline(link.Url));
            else
                link.GetAttributes().AddPropertyIfNotExist("rel", LinkRel);
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return new HtmlString(writer.ToString());
    }

    /// <summary>Absolute http/https addresses with a host, or mailto:. Nothing relative, no javascript:, data:, ...</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri))
            return false;
        return uri.Scheme == Uri.UriSchemeMailto ||
               ((uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host));
    }

    /// <summary>Puts the link's text where the link was, without the link.</summary>
    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }
        link.Remove();
    }
}
