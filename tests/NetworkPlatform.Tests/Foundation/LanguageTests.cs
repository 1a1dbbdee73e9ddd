using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Foundation;

public class LanguageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Task<Page> SwitchLanguageAsync(HttpClient client, string fromPage, string culture) =>
        client.SubmitAsync(fromPage, "/language", new Dictionary<string, string> { ["culture"] = culture });

    private static string Lang(Page page) => page.Document.DocumentElement.GetAttribute("lang")!;

    private static string LoginLinkText(Page page) =>
        page.Document.QuerySelector("header a[href='/account/login']")!.TextContent.Trim();

    [Fact]
    public async Task The_browsers_language_is_used_until_the_visitor_picks_one()
    {
        Assert.Equal("Log in", LoginLinkText(await app.NewClient(language: "en").OpenAsync("/")));
        Assert.Equal("Anmelden", LoginLinkText(await app.NewClient(language: "de-DE").OpenAsync("/")));
        // A language the network does not offer falls back to German, the default.
        Assert.Equal("de", Lang(await app.NewClient(language: "fr").OpenAsync("/")));
    }

    [Fact]
    public async Task A_visitor_switches_the_language_in_the_header_and_stays_on_the_page()
    {
        var client = app.NewClient();
        Assert.Equal("en", Lang(await client.OpenAsync("/account/register")));

        var german = await SwitchLanguageAsync(client, "/account/register", "de");

        Assert.Equal("/account/register", german.Path);
        Assert.Equal("de", Lang(german));
        Assert.Equal("Anmelden", LoginLinkText(german));
        Assert.Equal("true", german.Document.QuerySelector("button[name=culture][value=de]")!.GetAttribute("aria-pressed"));
        // It sticks for the next pages, over the browser's English.
        Assert.Equal("de", Lang(await client.OpenAsync("/premium")));

        var english = await SwitchLanguageAsync(client, "/premium", "en");
        Assert.Equal("/premium", english.Path);
        Assert.Equal("Premium membership", english.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_unsupported_language_falls_back_to_the_default()
    {
        var client = app.NewClient();

        var page = await SwitchLanguageAsync(client, "/", "xx");

        Assert.Equal("/", page.Path);
        Assert.Equal("de", Lang(page));
    }

    [Fact]
    public async Task The_switch_does_not_send_the_visitor_to_another_site()
    {
        var client = app.NewClient(followRedirects: false);
        var landing = await client.OpenAsync("/");

        var response = await client.PostWithTokenOfAsync(landing, "/language",
            new Dictionary<string, string> { ["culture"] = "de", ["returnUrl"] = "//evil.example/" });

        Assert.Equal("/", response.Response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_members_choice_is_saved_and_follows_them_to_another_browser()
    {
        var email = TestData.UniqueEmail("lang");
        await app.CreateMemberAsync(email, first: "Erika", culture: "en");
        var client = app.NewClient();
        await client.LoginAsync(email);

        var page = await SwitchLanguageAsync(client, "/settings", "de");

        Assert.Equal("/settings", page.Path);
        Assert.Equal("Ihre Sprache ist gespeichert.", page.Flash);
        Assert.Equal("de", Lang(page));
        Assert.Equal("de", await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Culture).SingleAsync()));

        var elsewhere = app.NewClient(language: "en");
        var start = await elsewhere.LoginAsync(email);
        Assert.Equal("/", start.Path);
        Assert.Equal("de", Lang(start));
        Assert.Equal("Willkommen, Erika", start.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_member_without_a_language_setting_keeps_the_one_they_first_log_in_with()
    {
        var email = TestData.UniqueEmail("lang-none");
        await app.CreateMemberAsync(email, first: "Erika");
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == email)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, (string?)null)));

        var start = await app.NewClient(language: "de").LoginAsync(email);

        Assert.Equal("Willkommen, Erika", start.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("de", await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Culture).SingleAsync()));
        Assert.Equal("de", Lang(await app.NewClient(language: "en").LoginAsync(email)));
    }

    [Fact]
    public async Task The_settings_page_form_switches_back_to_english()
    {
        var email = TestData.UniqueEmail("lang-back");
        await app.CreateMemberAsync(email, culture: "de");
        var client = app.NewClient();
        var start = await client.LoginAsync(email);
        Assert.Equal("de", Lang(start));

        var settings = await client.OpenAsync("/settings");
        var form = settings.Document.QuerySelectorAll("main form[action='/language']").Single();
        Assert.True(form.QuerySelector("input[value=de]")!.HasAttribute("checked"));
        var page = await SwitchLanguageAsync(client, "/settings", "en");

        Assert.Equal("Your language is saved.", page.Flash);
        Assert.Equal("en", await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Culture).SingleAsync()));
        Assert.Equal("en", Lang(await app.NewClient(language: "de").LoginAsync(email)));
    }

    [Fact]
    public async Task Mails_go_out_in_the_language_the_member_registered_in()
    {
        var german = TestData.UniqueEmail("mail-de");
        var english = TestData.UniqueEmail("mail-en");

        await app.NewClient(language: "de").SubmitAsync("/account/register", "/account/register", Registration(german));
        await app.NewClient(language: "en").SubmitAsync("/account/register", "/account/register", Registration(english));

        var de = await MailCatcher.WaitForAsync(german, "ConfirmEmail");
        Assert.Equal("Bitte bestätigen Sie Ihre E-Mail-Adresse", de.Subject);
        Assert.Contains("Hallo", de.Text);
        var en = await MailCatcher.WaitForAsync(english, "ConfirmEmail");
        Assert.Equal("Please confirm your e-mail address", en.Subject);
        Assert.Equal("de", await app.WithDbAsync(db => db.Users.Where(u => u.Email == german).Select(u => u.Culture).SingleAsync()));
    }

    [Fact]
    public async Task A_mail_follows_the_language_the_member_chose_later()
    {
        var email = TestData.UniqueEmail("mail-switch");
        await app.CreateMemberAsync(email, culture: "en");
        var client = app.NewClient();
        await client.LoginAsync(email);
        await SwitchLanguageAsync(client, "/settings", "de");

        await app.NewClient().SubmitAsync("/account/forgot-password", "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = email });

        var mail = await MailCatcher.WaitForAsync(email, "ResetPassword");
        Assert.Equal("Neues Passwort festlegen", mail.Subject);
    }

    private static Dictionary<string, string> Registration(string email) => new()
    {
        ["FirstName"] = "Jana",
        ["LastName"] = "Becker",
        ["Email"] = email,
        ["Password"] = TestData.Password,
        ["ConfirmPassword"] = TestData.Password, ["AcceptTerms"] = "true",
    };
}
