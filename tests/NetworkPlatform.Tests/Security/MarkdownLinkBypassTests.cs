using AngleSharp.Dom;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;
using NetworkPlatform.Web.Infrastructure.Markdown;
using static NetworkPlatform.Tests.ProfileImport.LinkedInExportFiles;

namespace NetworkPlatform.Tests.Security;

/// <summary>
/// Issue 15, "Markdown link sanitising can be bypassed": known shapes of unsafe links, each through every way Markdown
/// reaches a page (the summary form, the LinkedIn import, the operator's legal text), must come out without a link
/// that is not http, https or mailto, without handlers, scripts or images.
/// </summary>
public class MarkdownLinkBypassTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>A safe link after each shape proves that the text around it is still rendered as Markdown.</summary>
    private const string Control = " [fine](https://ok.example/fine)";

    public static TheoryData<string> Shapes => new()
    {
        // The finding: an autolink followed by another unsafe link in the same paragraph.
        "Click <javascript:alert(document.domain)> [x](javascript:0)",
        "[a](javascript:alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        "[a]( javascript:alert(1) )",
        "[a](<javascript:alert(1)>)",
        "[a](&#106;avascript:alert(1))",
        "[a](&#x6A;&#x61;&#x76;&#x61;script:alert(1))",
        "[a](javascript&colon;alert(1))",
        "[a](java&#x09;script:alert(1))",
        "[a](java&#10;script:alert(1))",
        "[a](<java\tscript:alert(1)>)",
        "[a](\u0001javascript:alert(1))",
        "[a](%6Aavascript:alert(1))",
        "[a](vbscript:msgbox(1))",
        "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[a](file:///etc/passwd)",
        "[a](//evil.example/x)",
        "[a](/account/logout)",
        "[a][ref]\n\n[ref]: javascript:alert(1)",
        "[ref]\n\n[ref]: JAVASCRIPT:alert(1) \"title\"",
        "[a][]\n\n[a]: <javascript:alert(1)>",
        "![img](javascript:alert(1))",
        "![img](https://tracker.example/pixel.gif)",
        "[![x](javascript:a)](javascript:b)",
        "[[x](javascript:a)](https://ok.example/outer)",
        "[a [b](javascript:c) d](javascript:e)",
        "<vbscript:msgbox(1)>",
        "<JavaScript:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "javascript:alert(1)",
        "www.example.org\"onmouseover=\"alert(1)",
        "[a](https://ok.example/\"onmouseover=\"alert(1))",
        "[a](https://ok.example/ \"t\\\" onmouseover=\\\"alert(1)\")",
        "<a href=\"javascript:alert(1)\">raw</a>",
        "<img src=x onerror=alert(1)>",
        "[a](javascript:alert(1)) <https://ok.example/auto> [b](javascript:alert(2)) <mailto:x@example.org>",
    };

    private static void AssertSafe(IElement rendered, string shape)
    {
        foreach (var element in rendered.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.NotEqual("SCRIPT", element.TagName);
            Assert.NotEqual("IMG", element.TagName);
            Assert.NotEqual("IFRAME", element.TagName);
        }
        foreach (var link in rendered.QuerySelectorAll("[href], [src], [action], [formaction]"))
        {
            var href = link.GetAttribute("href") ?? link.GetAttribute("src") ?? link.GetAttribute("action") ?? "";
            Assert.True(Uri.TryCreate(href, UriKind.Absolute, out var uri), $"{shape}: relative or broken address {href}");
            Assert.Contains(uri.Scheme, new[] { "http", "https", "mailto" });
            Assert.Equal(SafeMarkdown.LinkRel, link.GetAttribute("rel"));
        }
        Assert.Contains(rendered.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://ok.example/fine");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task An_unsafe_link_typed_into_the_summary_is_not_a_link_on_the_profile(string shape)
    {
        var (client, id) = await app.SignedInMemberAsync();

        var saved = await client.PostWithTokenOfAsync(await client.OpenAsync("/profile/edit/summary"), "/profile/edit/summary",
            new Dictionary<string, string> { ["Summary"] = shape + Control });
        if (NetworkPlatform.Domain.TextRules.HasControlCharacters(shape, multiLine: true))
        {
            // Control characters other than line breaks are refused before anything is rendered.
            Assert.Contains("control characters", saved.FieldError("Summary"));
            return;
        }
        Assert.Equal("Your changes are saved.", saved.Flash);

        var page = await client.OpenAsync("/profile");
        AssertSafe(page.Document.QuerySelector("[data-section=summary]")!, shape);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task An_unsafe_link_in_a_LinkedIn_summary_is_not_a_link_on_the_profile(string shape)
    {
        var me = await app.MemberWithProfileAsync(login: true);
        var cell = "\"" + (shape + Control).Replace("\"", "\"\"") + "\"";
        var zip = Zip(("Profile.csv", "First Name,Last Name,Headline,Summary\r\nErika,Mustermann,Beraterin," + cell + "\r\n"));

        var preview = await me.Client!.SubmitFileAsync("/profile/edit/import", "/profile/edit/import",
            new Dictionary<string, string>(), "Archive", "linkedin.zip", zip, "application/zip");
        Assert.DoesNotContain(preview.Document.QuerySelectorAll("main a"),
            a => (a.GetAttribute("href") ?? "").Contains("script", StringComparison.OrdinalIgnoreCase));
        await preview.SubmitAsync(me.Client!, "/profile/edit/import/confirm", new Dictionary<string, string>());

        var page = await me.Client!.OpenAsync("/p/" + me.Slug);
        AssertSafe(page.Document.QuerySelector("[data-section=summary]")!, shape);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void An_unsafe_link_in_the_operators_legal_text_is_not_a_link(string shape)
    {
        var html = SafeMarkdown.ToHtml(shape + Control, topHeadingLevel: 2).ToString()!;
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<div id=r>" + html + "</div>");

        AssertSafe(document.GetElementById("r")!, shape);
    }

    [Fact]
    public void Safe_links_keep_their_address_text_and_rel()
    {
        var html = SafeMarkdown.ToHtml("[Blog](https://blog.example/a?b=1&c=2 \"Mein Blog\") <info@example.org> www.example.org").ToString()!;

        Assert.Contains("<a href=\"https://blog.example/a?b=1&amp;c=2\" title=\"Mein Blog\" rel=\"nofollow ugc noopener\">Blog</a>", html);
        Assert.Contains("<a href=\"mailto:info@example.org\" rel=\"nofollow ugc noopener\">info@example.org</a>", html);
        Assert.Contains("href=\"http://www.example.org/\"", html);
    }
}
