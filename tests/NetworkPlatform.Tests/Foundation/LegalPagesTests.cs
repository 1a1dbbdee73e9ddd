using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.Foundation;

/// <summary>
/// The legal notice, privacy policy and terms of use from the operator's Markdown files (or a placeholder that says
/// what to write), linked from every page and from registration; the help page, favicon and robots.txt.
/// </summary>
public class LegalPagesTests(LegalPagesTests.LegalFolderApp app) : IClassFixture<LegalPagesTests.LegalFolderApp>
{
    /// <summary>An operator who wrote the German and English imprint, only a German privacy policy, and no terms.</summary>
    public class LegalFolderApp : AppFactory
    {
        public static readonly string Folder = Directory.CreateTempSubdirectory("np-legal-").FullName;

        static LegalFolderApp()
        {
            File.WriteAllText(Path.Combine(Folder, "imprint.de.md"), "# Angaben gemäß § 5 DDG\nVerband Beispiel e. V.\nMusterstraße 1, 10115 Berlin");
            File.WriteAllText(Path.Combine(Folder, "imprint.en.md"),
                "# Information under § 5 DDG\nVerband Beispiel e. V.\n[Write to us](javascript:alert(1)) or [visit](https://verband.example/).");
            File.WriteAllText(Path.Combine(Folder, "privacy.de.md"), "# Verantwortlicher\nVerband Beispiel e. V.");
        }

        protected override IDictionary<string, string?> ExtraSettings =>
            new Dictionary<string, string?> { ["Legal:Folder"] = Folder };
    }

    public static TheoryData<string, bool> Pages => new()
    {
        { "/", false }, { "/account/login", false }, { "/account/register", false }, { "/premium", false },
        { "/help", false }, { "/legal/imprint", false }, { "/p/no-such-member", false },
        { "/", true }, { "/profile", true }, { "/contacts", true }, { "/search?q=Becker", true }, { "/settings", true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_links_the_legal_pages_and_help_in_its_footer(string url, bool signedIn)
    {
        var client = signedIn ? (await app.SignedInMemberAsync()).Client : app.NewClient();

        var page = await client.OpenAsync(url);

        var footer = page.Document.QuerySelector("footer [data-testid=footer-links]");
        Assert.NotNull(footer);
        var links = footer.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/legal/imprint", links);
        Assert.Contains("/legal/privacy", links);
        Assert.Contains("/legal/terms", links);
        Assert.Contains("/help", links);
    }

    [Theory]
    [InlineData("en", "Legal notice", "Information under § 5 DDG")]
    [InlineData("de", "Impressum", "Angaben gemäß § 5 DDG")]
    public async Task The_imprint_shows_the_operators_text_in_the_readers_language(string language, string title, string heading)
    {
        var page = await app.NewClient(language: language).OpenAsync("/legal/imprint");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(title, page.Document.QuerySelector("h1")!.TextContent.Trim());
        var text = page.Document.QuerySelector("[data-testid=legal-text]")!;
        Assert.Equal(heading, text.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("Verband Beispiel e. V.", text.TextContent);
        Assert.Null(page.Document.QuerySelector("[data-testid=legal-placeholder]"));
    }

    [Fact]
    public async Task The_operators_text_is_rendered_safely()
    {
        var page = await app.NewClient(language: "en").OpenAsync("/legal/imprint");

        var hrefs = page.Document.QuerySelectorAll("[data-testid=legal-text] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["https://verband.example/"], hrefs);
        Assert.Contains("Write to us", page.Document.QuerySelector("[data-testid=legal-text]")!.TextContent);
    }

    [Fact]
    public async Task A_page_written_only_in_German_is_shown_in_German_to_English_readers()
    {
        var page = await app.NewClient(language: "en").OpenAsync("/legal/privacy");

        Assert.Equal("Privacy policy", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Verantwortlicher", page.Document.QuerySelector("[data-testid=legal-text] h2")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "terms.en.md", "who may become a member")]
    [InlineData("de", "terms.de.md", "wer Mitglied werden darf")]
    public async Task A_page_the_operator_has_not_written_says_what_they_must_fill_in(string language, string file, string expected)
    {
        var page = await app.NewClient(language: language).OpenAsync("/legal/terms");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var placeholder = page.Document.QuerySelector("[data-testid=legal-placeholder]")!;
        Assert.Contains(expected, placeholder.TextContent);
        Assert.Contains(file, placeholder.TextContent);
        Assert.Contains("Legal:Folder", placeholder.TextContent);
        Assert.DoesNotContain(LegalFolderApp.Folder, page.Text);
    }

    [Theory]
    [InlineData("/impressum", "/legal/imprint")]
    [InlineData("/datenschutz", "/legal/privacy")]
    public async Task The_German_addresses_people_type_lead_to_the_pages(string typed, string page)
    {
        var response = await app.NewClient(followRedirects: false).GetAsync(typed);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(page, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Registration_links_the_terms_and_privacy_policy_and_needs_the_terms_accepted()
    {
        var email = TestData.UniqueEmail("terms");
        var form = await app.NewClient().OpenAsync("/account/register");
        var label = form.Document.QuerySelector("label[for=AcceptTerms]")!;
        Assert.Equal(["/legal/terms", "/legal/privacy"], label.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));

        var refused = await app.NewClient().SubmitAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["FirstName"] = "Jana", ["LastName"] = "Becker", ["Email"] = email,
            ["Password"] = TestData.Password, ["ConfirmPassword"] = TestData.Password,
        });

        Assert.Equal("/account/register", refused.Path);
        Assert.Equal("Accept the terms of use to create an account.", refused.FieldError("AcceptTerms"));
        Assert.Equal(email, refused.FieldValue("Email"));
        Assert.Equal("Jana", refused.FieldValue("FirstName"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Registration_stores_when_the_terms_were_accepted()
    {
        var email = TestData.UniqueEmail("accepted");

        var done = await app.NewClient().SubmitAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["FirstName"] = "Jana", ["LastName"] = "Becker", ["Email"] = email,
            ["Password"] = TestData.Password, ["ConfirmPassword"] = TestData.Password, ["AcceptTerms"] = "true",
        });

        Assert.Equal("/account/check-email?kind=register", done.Path);
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.NotNull(user.TermsAcceptedAt);
        Assert.Equal(user.CreatedAt, user.TermsAcceptedAt);
    }

    [Theory]
    [InlineData("en", "Contact requests", "/contacts/import")]
    [InlineData("de", "Kontaktanfragen", "/contacts/export")]
    public async Task The_help_page_explains_visibility_contacts_imports_and_exports(string language, string heading, string link)
    {
        var page = await app.NewClient(language: language).OpenAsync("/help");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var sections = page.Document.QuerySelectorAll("main section[id]").Select(s => s.Id).ToList();
        Assert.Equal(["visibility", "contacts", "imports", "exports"], sections);
        Assert.Contains(heading, page.Document.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));
        Assert.NotNull(page.Document.QuerySelector($"main section a[href='{link}']"));
    }

    [Fact]
    public async Task Every_page_names_the_favicon_and_it_is_served()
    {
        var page = await app.NewClient().OpenAsync("/");
        var href = page.Document.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;

        var icon = await app.NewClient().GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await icon.Content.ReadAsStringAsync());
        var ico = await app.NewClient(followRedirects: false).GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.MovedPermanently, ico.StatusCode);
    }

    [Fact]
    public async Task Robots_txt_lets_crawlers_reach_profiles_and_keeps_them_out_of_members_pages()
    {
        var response = await app.NewClient().GetAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("User-agent: *", lines[0]);
        Assert.Contains("Allow: /p/", lines);
        foreach (var path in new[] { "/settings", "/contacts", "/search", "/admin", "/account/", "/documents/", "/p/*/vcard" })
            Assert.Contains("Disallow: " + path, lines);
        Assert.DoesNotContain("Disallow: /", lines);
    }

    [Fact]
    public async Task Profiles_follow_the_members_search_engine_setting_in_their_robots_tag()
    {
        var indexed = await app.MemberWithProfileAsync(p =>
        {
            p.Audience = NetworkPlatform.Domain.Profiles.ProfileAudience.Public;
            p.AllowSearchEngines = true;
        });
        var hidden = await app.MemberWithProfileAsync(p =>
        {
            p.Audience = NetworkPlatform.Domain.Profiles.ProfileAudience.Public;
            p.AllowSearchEngines = false;
        });

        var anonymous = app.NewClient();
        var open = await anonymous.OpenAsync("/p/" + indexed.Slug);
        var closed = await anonymous.OpenAsync("/p/" + hidden.Slug);

        Assert.Equal("index, follow", open.Document.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Equal("noindex", closed.Document.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }
}
