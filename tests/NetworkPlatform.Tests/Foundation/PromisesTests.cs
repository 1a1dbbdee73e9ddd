using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetworkPlatform.Tests.ContactExport;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.Foundation;

/// <summary>No page promises what does not exist, and every link says and does what it offers.</summary>
public partial class PromisesTests(PromisesTests.VoucherUrlApp app) : IClassFixture<PromisesTests.VoucherUrlApp>
{
    public class VoucherUrlApp : AppFactory
    {
        public const string VoucherUrl = "https://verband.example/mitgliedschaft/premium";

        protected override IDictionary<string, string?> ExtraSettings =>
            new Dictionary<string, string?> { ["Premium:VoucherUrl"] = VoucherUrl };
    }

    private static readonly string Root = FindRoot();

    [Fact]
    public void No_view_or_text_says_coming_soon()
    {
        var web = Path.Combine(Root, "src", "NetworkPlatform.Web");
        // Views and mail templates, whole; then every value of both .resx files, each named by its key.
        var views = Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(web, "Infrastructure", "Email", "Templates")))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(f => (Where: Path.GetRelativePath(Root, f), Text: File.ReadAllText(f)))
            .ToList();
        var texts = Directory.EnumerateFiles(Path.Combine(web, "Resources"), "*.resx")
            .SelectMany(f => XDocument.Load(f).Root!.Elements("data").Select(d =>
                (Where: $"{Path.GetFileName(f)} {d.Attribute("name")!.Value}", Text: d.Element("value")!.Value)))
            .ToList();
        Assert.True(views.Count > 50, $"found only {views.Count} views and mail templates: is the scan broken?");
        Assert.True(texts.Count > 1000, $"found only {texts.Count} texts: is the scan broken?");

        var found = views.Concat(texts).SelectMany(t => ComingSoon().Matches(t.Text)
            .Select(m => $"{t.Where}: \"{m.Value}\"")).ToList();
        Assert.True(found.Count == 0, string.Join("; ", found));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task The_landing_and_premium_pages_offer_only_what_exists(string language)
    {
        var client = app.NewClient(language: language);

        var landing = await client.OpenAsync("/");
        var premium = await client.OpenAsync("/premium");

        var words = language == "en" ? new[] { "Jobs", "job search", "Messages", "messages" }
            : ["Jobs", "Jobsuche", "Nachrichten", "Stellenanzeigen"];
        foreach (var word in words)
        {
            Assert.DoesNotContain(word, landing.Document.QuerySelector("main")!.TextContent);
            Assert.DoesNotContain(word, premium.Document.QuerySelector("main")!.TextContent);
        }
        // One name per language for the free tier, meaning the same in both.
        Assert.Contains(language == "en" ? "Free" : "Kostenlos",
            premium.Document.QuerySelectorAll("main th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public async Task The_premium_page_says_where_premium_comes_from_and_links_the_operators_voucher_page()
    {
        var page = await app.NewClient().OpenAsync("/premium");

        Assert.Contains("Premium cannot be bought on this site", page.Text);
        var link = page.Document.QuerySelector("[data-testid=voucher-url]");
        Assert.Equal(VoucherUrlApp.VoucherUrl, link?.GetAttribute("href"));
        Assert.Equal("Where to get a voucher code", link!.TextContent.Trim());
    }

    [Fact]
    public async Task Settings_promise_no_notification_choices_and_the_403_page_no_premium()
    {
        var (client, _) = await app.SignedInMemberAsync();

        var settings = await client.OpenAsync("/settings");
        var admin = await client.OpenAsync("/admin/members");

        Assert.DoesNotContain("come with", settings.Text);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, admin.Status);
        Assert.Null(admin.Document.QuerySelector("main a[href='/premium']"));
    }

    [Fact]
    public async Task The_check_your_mail_page_after_a_reset_request_offers_a_new_reset_link_not_a_confirmation()
    {
        var client = app.NewClient();

        var page = await client.SubmitAsync("/account/forgot-password", "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = TestData.UniqueEmail("nobody") });

        Assert.Equal("/account/check-email?kind=reset", page.Path);
        Assert.Null(page.Document.QuerySelector("main a[href='/account/resend-confirmation']"));
        Assert.Equal("ask for a new link to reset your password",
            page.Document.QuerySelector("main a[href='/account/forgot-password']")?.TextContent.Trim());
        var registered = await client.OpenAsync("/account/check-email?kind=register");
        Assert.NotNull(registered.Document.QuerySelector("main a[href='/account/resend-confirmation']"));
    }

    [Fact]
    public async Task A_contacts_profile_has_no_disabled_button_that_looks_like_messaging()
    {
        var owner = await app.MemberWithProfileAsync(first: "Olga", last: "Offen");
        var viewer = await app.MemberWithProfileAsync(first: "Vera", last: "Viewer", login: true);
        await app.ConnectAsync(owner.Id, viewer.Id);

        var page = await viewer.Client!.OpenAsync(owner.Url);

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("1st", page.Document.QuerySelector("#profile-name")!.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("main .btn.disabled, main [aria-disabled=true].btn"));
    }

    /// <summary>Each "add X" link on one's own empty profile opens a form with a field for X.</summary>
    [Fact]
    public async Task Every_add_link_on_ones_own_profile_opens_the_form_that_has_that_field()
    {
        var (client, _) = await app.SignedInMemberAsync();
        var profile = await client.OpenAsync("/profile");

        var links = profile.Document.QuerySelectorAll("main a[href^='/profile/edit']")
            .Where(a => a.QuerySelector(".bi-plus-circle") is not null)
            .Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href")!)).ToList();
        Assert.True(links.Count >= 8, "add links: " + string.Join(", ", links));
        // What each link offers, and the field of the form it must reach.
        var expected = new Dictionary<string, string>
        {
            ["Add a headline"] = "Headline",
            ["Write a few lines about yourself"] = "Summary",
            ["Add skills"] = "Skills",
            ["Say what you offer and what you are looking for"] = "Haves",
            ["Add interests"] = "Interests",
        };
        foreach (var (text, href) in links)
        {
            var target = await client.OpenAsync(href);
            Assert.True(target.Status == System.Net.HttpStatusCode.OK, $"{text}: {href} answered {target.Status}");
            Assert.NotNull(target.Document.QuerySelector("main form[method=post]"));
            var fragment = href.Contains('#') ? href[(href.IndexOf('#') + 1)..] : null;
            if (fragment is not null)
                Assert.True(target.Document.QuerySelector($"main form #{fragment}") is not null, $"{text}: no #{fragment} on {href}");
            if (expected.TryGetValue(text, out var field))
                Assert.True(fragment == field, $"\"{text}\" goes to {href}, expected the field {field}");
        }
        Assert.Contains(links, l => l.Text == "Add a headline");
    }

    [GeneratedRegex(@"coming soon|demnächst|bald verfügbar|in Kürze", RegexOptions.IgnoreCase)]
    private static partial Regex ComingSoon();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetworkPlatform.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found");
    }
}
