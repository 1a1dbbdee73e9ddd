using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace NetworkPlatform.Web.Infrastructure.Markdown;

/// <summary>
/// Markdown that members write (profile summaries, later job descriptions) and the operator's legal pages, rendered so
/// that it cannot run anything. Safe by construction, in two independent layers:
/// <list type="number">
/// <item>Our own renderers for every kind of link Markdig makes (inline, reference, autolink, bare URL, image): each
/// writes an <c>href</c> only for an address <see cref="SafeUrl"/> accepts, decided on the parsed and normalised
/// address at the moment it is written, never on the syntax tree beforehand (issue 15: a tree rewritten before
/// rendering let <c>&lt;javascript:…&gt; [x](javascript:0)</c> through). Images become links (they would load from
/// third parties, and our CSP blocks them anyway); raw HTML is shown as text.</item>
/// <item>The rendered HTML then goes through HtmlSanitizer with a short list of tags and attributes and the schemes
/// http, https and mailto, so that even a renderer we forgot cannot put out a script, a handler or another scheme.</item>
/// </list>
/// Every link gets rel="nofollow ugc noopener"; headings move below the page's own.
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

    // Sanitize is thread-safe once configured; the configuration is never changed after this.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>
    /// Rendered texts by (text, heading level): the output depends on nothing else, and parsing plus sanitizing cost
    /// a profile page about 5 % of its CPU on every view (issue 17's trace). Bounded by characters kept (about 8 MB).
    /// </summary>
    private static readonly MemoryCache Rendered = new(new MemoryCacheOptions { SizeLimit = 4_000_000 });

    /// <param name="topHeadingLevel">What a "# Heading" in the text becomes (3: an h3 under the section's h2).</param>
    public static IHtmlContent ToHtml(string? markdown, int topHeadingLevel = 3)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return HtmlString.Empty;
        var key = (markdown, topHeadingLevel);
        if (Rendered.TryGetValue(key, out HtmlString? cached))
            return cached!;
        var html = new HtmlString(Render(markdown, topHeadingLevel));
        Rendered.Set(key, html, new MemoryCacheEntryOptions
        {
            Size = markdown.Length + html.Value!.Length,
            SlidingExpiration = TimeSpan.FromMinutes(30),
        });
        return html;
    }

    private static string Render(string markdown, int topHeadingLevel)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
            heading.Level = Math.Min(6, heading.Level + topHeadingLevel - 1);

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<LinkInlineRenderer>(new SafeLinkRenderer());
        renderer.ObjectRenderers.ReplaceOrAdd<AutolinkInlineRenderer>(new SafeAutolinkRenderer());
        renderer.Render(document);
        writer.Flush();
        return Sanitizer.Sanitize(writer.ToString());
    }

    /// <summary>
    /// The address as the browser would read it, if it is an absolute http/https address with a host or a mailto:
    /// address; null for anything else (relative, javascript:, data:, vbscript:, unknown schemes). Browsers drop tabs
    /// and line breaks anywhere in an address and control characters and spaces around it, so they are dropped here
    /// before the scheme is read; the address written is the one checked.
    /// </summary>
    public static string? SafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return null;
        var cleaned = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        if (!Uri.TryCreate(cleaned, UriKind.Absolute, out var uri))
            return null;
        var ok = uri.Scheme == Uri.UriSchemeMailto ||
                 ((uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host));
        return ok ? uri.AbsoluteUri : null;
    }

    public static bool IsSafeUrl(string? url) => SafeUrl(url) is not null;

    private static void WriteLinkOpen(HtmlRenderer renderer, string url, string? title)
    {
        renderer.Write("<a href=\"").WriteEscapeUrl(url).Write('"');
        if (!string.IsNullOrEmpty(title))
            renderer.Write(" title=\"").WriteEscape(title).Write('"');
        renderer.Write(" rel=\"" + LinkRel + "\">");
    }

    /// <summary>Inline and reference links, bare addresses (UseAutoLinks) and images, which become links.</summary>
    private sealed class SafeLinkRenderer : HtmlObjectRenderer<LinkInline>
    {
        protected override void Write(HtmlRenderer renderer, LinkInline link)
        {
            var url = SafeUrl(link.GetDynamicUrl?.Invoke() ?? link.Url);
            if (url is null)
            {
                // The text without the link; an image without words shows nothing.
                renderer.WriteChildren(link);
                return;
            }
            WriteLinkOpen(renderer, url, link.Title);
            if (link.FirstChild is null)
                renderer.WriteEscape(link.Url);
            else
                renderer.WriteChildren(link);
            renderer.Write("</a>");
        }
    }

    /// <summary>&lt;https://…&gt; and &lt;name@example.org&gt;.</summary>
    private sealed class SafeAutolinkRenderer : HtmlObjectRenderer<AutolinkInline>
    {
        protected override void Write(HtmlRenderer renderer, AutolinkInline link)
        {
            var url = SafeUrl(link.IsEmail ? "mailto:" + link.Url : link.Url);
            if (url is null)
            {
                renderer.WriteEscape(link.Url);
                return;
            }
            WriteLinkOpen(renderer, url, null);
            renderer.WriteEscape(link.Url);
            renderer.Write("</a>");
        }
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "hr", "a",
                "h2", "h3", "h4", "h5", "h6", "del",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "rel", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        return new HtmlSanitizer(options);
    }
}
