using AngleSharp.Dom;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Markdown;
using static NetworkPlatform.Tests.Profiles.ProfileViewTestData;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>Whatever members type is shown as text: no script runs, no handler fires, no javascript: link.</summary>
public class ProfileViewXssTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Script = "<script>alert(1)</script>";
    private const string ImgOnError = "\"><img src=x onerror=alert(1)>";

    private static void AssertInert(IDocument doc)
    {
        // The layout's own scripts are files of ours; nothing else may be a script.
        Assert.All(doc.QuerySelectorAll("script"), s => Assert.Matches("^/(lib|js)/", s.GetAttribute("src") ?? ""));
        Assert.DoesNotContain(doc.QuerySelectorAll("*"),
            e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(doc.QuerySelectorAll("img"), i => i.GetAttribute("src") == "x");
        Assert.DoesNotContain(doc.QuerySelectorAll("[href], [src], [action], [formaction]"), e =>
            e.Attributes.Any(a => a.Name is "href" or "src" or "action" or "formaction" &&
                                  a.Value.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Markup_typed_into_every_text_field_is_shown_as_text()
    {
        var owner = await app.MemberWithProfileAsync(p =>
        {
            p.Audience = ProfileAudience.Public;
            p.AcademicTitle = ImgOnError;
            p.Headline = Script + ImgOnError;
            p.Position = Script;
            p.Employer = ImgOnError;
            p.City = Script;
            p.Country = ImgOnError;
            p.Summary = $"{Script}\n\n{ImgOnError}\n\n[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) ![z](javascript:alert(3)) <javascript:alert(4)>";
            p.Skills = [Script, ImgOnError];
            p.Haves = [Script];
            p.Wants = [ImgOnError];
            p.Interests = [Script];
            p.Phone = ImgOnError;
            p.PhoneVisibility = FieldVisibility.Everyone;
            p.BusinessEmail = Script;
            p.BusinessEmailVisibility = FieldVisibility.Everyone;
            p.Address = Script + "\n" + ImgOnError;
            p.AddressVisibility = FieldVisibility.Everyone;
            p.Entries.Add(Entry(p.UserId, EntryKind.Experience, Script, ImgOnError, new(2020, 1, 1), null, Script + "\n" + ImgOnError));
            p.Entries.Add(Entry(p.UserId, EntryKind.Education, ImgOnError, Script, new(2010, 1, 1), new(2014, 1, 1), ImgOnError));
            p.Languages.Add(new ProfileLanguage { Name = Script, Level = LanguageLevel.B2 });
            // Written past the editor's check: the page must still refuse the address.
            p.Links.Add(new ProfileLink { Title = ImgOnError, Url = "javascript:alert(5)", Position = 0 });
            p.Links.Add(new ProfileLink { Title = Script, Url = "https://example.org/?q=\"><script>", Position = 1 });
        });
        await app.AddDocumentAsync(owner.Id, Script + ImgOnError, FieldVisibility.Everyone);

        var page = await app.NewClient().OpenAsync(owner.Url);

        AssertInert(page.Document);
        Assert.Contains(Script + ImgOnError, page.Document.QuerySelector("[data-field=headline]")!.TextContent);
        Assert.Contains(Script, page.Document.QuerySelector("[data-section=summary]")!.TextContent);
        Assert.Contains(ImgOnError, page.Document.QuerySelector("[data-section=summary]")!.TextContent);
        Assert.Contains(Script, page.Document.QuerySelector("[data-section=skills]")!.TextContent);
        Assert.Contains(ImgOnError, page.Document.QuerySelector("[data-section=experience] p")!.TextContent);
        // The unsafe Markdown links remain as their text, without a link.
        var summary = page.Document.QuerySelector("[data-section=summary]")!;
        Assert.Empty(summary.QuerySelectorAll("a"));
        Assert.Contains("x y z", summary.TextContent);
        Assert.Equal(["https://example.org/?q=\"><script>"],
            page.Document.QuerySelectorAll("[data-section=links] a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task The_owner_sees_the_same_markup_inert_on_their_own_page()
    {
        var owner = await app.MemberWithProfileAsync(p =>
        {
            p.Headline = ImgOnError;
            p.Summary = "[x](javascript:alert(1))";
            p.Skills = [Script];
        }, login: true);

        var page = await owner.Client!.OpenAsync(owner.Url);

        AssertInert(page.Document);
        Assert.Contains(ImgOnError, page.Document.QuerySelector("[data-field=headline]")!.TextContent);
    }

    [Theory]
    [InlineData("[a](https://example.org/x)", "https://example.org/x")]
    [InlineData("[a](mailto:erika@example.org)", "mailto:erika@example.org")]
    [InlineData("<https://example.org/auto>", "https://example.org/auto")]
    [InlineData("see https://example.org/bare", "https://example.org/bare")]
    public void Safe_Markdown_links_stay_links_with_nofollow(string markdown, string href)
    {
        var html = SafeMarkdown.ToHtml(markdown).ToString()!;
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        var a = Assert.Single(doc.QuerySelectorAll("a"));
        Assert.Equal(href, a.GetAttribute("href"));
        Assert.Equal("nofollow ugc noopener", a.GetAttribute("rel"));
    }

    [Theory]
    [InlineData("[a](javascript:alert(1))")]
    [InlineData("[a](&#106;avascript:alert(1))")]
    [InlineData("[a](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[a](vbscript:msgbox)")]
    [InlineData("[a](/relative/path)")]
    [InlineData("[a](//evil.example/x)")]
    [InlineData("![a](https://tracker.example/pixel.gif)")]
    public void Unsafe_Markdown_links_and_images_do_not_become_active(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown).ToString()!;
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        Assert.Empty(doc.QuerySelectorAll("img"));
        Assert.All(doc.QuerySelectorAll("a"), a =>
        {
            Assert.StartsWith("https://", a.GetAttribute("href"));
            Assert.Equal("nofollow ugc noopener", a.GetAttribute("rel"));
        });
        Assert.Contains("a", doc.Body!.TextContent);
    }

    [Fact]
    public void Headings_in_a_summary_sit_below_the_page_headings()
    {
        var html = SafeMarkdown.ToHtml("# Big\n\n## Smaller").ToString()!;

        Assert.Contains("<h3>Big</h3>", html);
        Assert.Contains("<h4>Smaller</h4>", html);
    }
}
