using System.Net;
using AngleSharp.Dom;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.ContactExport;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>One owner, one other member and one anonymous browser, made once for the whole matrix.</summary>
public class ProfileVisibilityFixture : AppFactory
{
    private readonly Lazy<Task<(ProfileViewTestData.Member Owner, ProfileViewTestData.Member Other, ProfileViewTestData.Member Contact, HttpClient Anonymous)>> _setup;

    public ProfileVisibilityFixture() => _setup = new(CreateAsync);

    public Task<(ProfileViewTestData.Member Owner, ProfileViewTestData.Member Other, ProfileViewTestData.Member Contact, HttpClient Anonymous)> SetupAsync() =>
        _setup.Value;

    private async Task<(ProfileViewTestData.Member, ProfileViewTestData.Member, ProfileViewTestData.Member, HttpClient)> CreateAsync()
    {
        var owner = await this.MemberWithProfileAsync(p =>
        {
            p.Audience = ProfileAudience.Public;
            p.Headline = "Consultant for logistics";
            foreach (var (field, value) in ProfileVisibilityTests.Values)
                ProfileVisibilityTests.Set(p, field, value);
        }, login: true);
        foreach (var level in Enum.GetValues<FieldVisibility>())
            await this.AddDocumentAsync(owner.Id, $"Document visible to {level}", level);
        var other = await this.MemberWithProfileAsync(first: "Max", last: "Beispiel", login: true);
        var contact = await this.MemberWithProfileAsync(first: "Konrad", last: "Kontakt", login: true);
        await this.ConnectAsync(owner.Id, contact.Id);
        return (owner, other, contact, NewClient());
    }
}

public class ProfileVisibilityTests(ProfileVisibilityFixture app) : IClassFixture<ProfileVisibilityFixture>
{
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>
    {
        ["Phone"] = "+49 30 1234567",
        ["Mobile"] = "+49 170 7654321",
        ["BusinessEmail"] = "erika.business@firma.example",
        ["Address"] = "Hauptstrasse 1, 10115 Berlin",
        ["Birthday"] = "1980-04-23",
    };

    /// <summary>How each value looks on the English page and in the vCard.</summary>
    private static string OnPage(string field) => field == "Birthday" ? "23 Apr 1980" : Values[field];

    private static (string Name, string? Parameter, string Value) InVCard(string field) => field switch
    {
        "Phone" => ("TEL", "TYPE=work", Values[field]),
        "Mobile" => ("TEL", "TYPE=cell", Values[field]),
        "BusinessEmail" => ("EMAIL", null, Values[field]),
        "Address" => ("ADR", null, ";;" + Values[field].Replace(",", "\\,") + ";;;;"),
        _ => ("BDAY", null, "19800423"),
    };

    internal static void Set(MemberProfile p, string field, string value)
    {
        var property = typeof(MemberProfile).GetProperty(field)!;
        property.SetValue(p, field == "Birthday" ? DateOnly.Parse(value) : value);
    }

    public static TheoryData<string, string, FieldVisibility> Matrix()
    {
        var data = new TheoryData<string, string, FieldVisibility>();
        foreach (var viewer in new[] { "anonymous", "member", "contact", "owner" })
            foreach (var field in Values.Keys)
                foreach (var level in Enum.GetValues<FieldVisibility>())
                    data.Add(viewer, field, level);
        return data;
    }

    /// <summary>The rule written out by hand.</summary>
    private static bool MaySee(string viewer, FieldVisibility level) => (viewer, level) switch
    {
        ("owner", _) => true,
        (_, FieldVisibility.Everyone) => true,
        ("member" or "contact", FieldVisibility.Members) => true,
        ("contact", FieldVisibility.Contacts) => true,
        _ => false,
    };

    private async Task<(ProfileViewTestData.Member Owner, HttpClient Client)> ViewerAsync(string viewer)
    {
        var (owner, other, contact, anonymous) = await app.SetupAsync();
        return (owner, viewer switch
        {
            "owner" => owner.Client!,
            "member" => other.Client!,
            "contact" => contact.Client!,
            _ => anonymous,
        });
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_contact_detail_is_on_the_page_and_in_the_vCard_exactly_when_its_visibility_allows(
        string viewer, string field, FieldVisibility level)
    {
        var (owner, client) = await ViewerAsync(viewer);
        // Only the field under test is opened up; every other one is "only me".
        await app.EditProfileAsync(owner.Id, p =>
        {
            foreach (var f in Values.Keys)
                typeof(MemberProfile).GetProperty(f + "Visibility")!.SetValue(p, f == field ? level : FieldVisibility.OnlyMe);
        });
        var expected = MaySee(viewer, level);

        var page = await client.OpenAsync(owner.Url);
        var card = VCardParser.Parse(await client.GetStringAsync(owner.Url + "/vcard"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var shown = page.Document.QuerySelector($"[data-section=contact] [data-field={field.ToLowerInvariant()}]");
        var html = page.Document.DocumentElement.OuterHtml;
        var (name, parameter, value) = InVCard(field);
        if (expected)
        {
            Assert.NotNull(shown);
            Assert.Contains(OnPage(field), shown.TextContent);
            Assert.Equal(value, card.One(name, parameter)?.RawValue);
        }
        else
        {
            Assert.Null(shown);
            Assert.DoesNotContain(OnPage(field), html);
            Assert.DoesNotContain(Values[field], html);
            Assert.Null(card.One(name, parameter));
        }
        // Nothing else leaks: the other fields are "only me".
        if (viewer != "owner")
            foreach (var other in Values.Keys.Where(f => f != field))
            {
                Assert.DoesNotContain(OnPage(other), html);
                Assert.Null(card.One(InVCard(other).Name, InVCard(other).Parameter));
            }
    }

    public static TheoryData<string> Viewers() => new() { "anonymous", "member", "contact", "owner" };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task Documents_are_listed_only_for_viewers_their_visibility_allows(string viewer)
    {
        var (owner, client) = await ViewerAsync(viewer);

        var page = await client.OpenAsync(owner.Url);

        var listed = page.Document.QuerySelectorAll("[data-section=documents] a").Select(a => a.TextContent.Trim()).ToList();
        var expected = Enum.GetValues<FieldVisibility>().Where(l => MaySee(viewer, l))
            .Select(l => $"Document visible to {l}").ToList();
        Assert.Equal(expected.Order(), listed.Order());
        Assert.All(page.Document.QuerySelectorAll("[data-section=documents] a"),
            a => Assert.Matches("^/documents/[0-9a-f-]{36}$", a.GetAttribute("href")!));
    }

    [Fact]
    public async Task The_owner_sees_who_else_sees_each_contact_detail_and_others_do_not()
    {
        var (owner, other, _, _) = await app.SetupAsync();
        await app.EditProfileAsync(owner.Id, p =>
        {
            p.PhoneVisibility = FieldVisibility.OnlyMe;
            p.MobileVisibility = FieldVisibility.Members;
            p.BusinessEmailVisibility = FieldVisibility.Everyone;
            p.AddressVisibility = FieldVisibility.Contacts;
            p.BirthdayVisibility = FieldVisibility.Members;
        });

        var own = await owner.Client!.OpenAsync(owner.Url);
        var seen = await other.Client!.OpenAsync(owner.Url);

        string? Note(IDocument doc, string field) =>
            doc.QuerySelector($"[data-field={field}] [data-testid=visibility-note]")?.TextContent.Trim();
        Assert.Equal("Visible to: Only me", Note(own.Document, "phone"));
        Assert.Equal("Visible to: All members", Note(own.Document, "mobile"));
        Assert.Equal("Visible to: Everyone, also outside the network", Note(own.Document, "businessemail"));
        Assert.Equal("Visible to: My contacts", Note(own.Document, "address"));
        Assert.NotNull(seen.Document.QuerySelector("[data-field=mobile]"));
        Assert.Empty(seen.Document.QuerySelectorAll("[data-testid=visibility-note]"));
        Assert.DoesNotContain("Visible to", seen.Text);
    }

    [Fact]
    public async Task A_members_only_profile_shows_someone_not_logged_in_only_the_name_and_a_way_to_log_in()
    {
        var owner = await app.MemberWithProfileAsync(p =>
        {
            p.Audience = ProfileAudience.Members;
            p.Headline = "Hidden headline";
            p.Position = "Hidden position";
            p.Summary = "Hidden summary";
            p.Skills = ["Hidden skill"];
            foreach (var (field, value) in Values)
            {
                Set(p, field, value);
                typeof(MemberProfile).GetProperty(field + "Visibility")!.SetValue(p, FieldVisibility.Everyone);
            }
        }, first: "Greta", last: "Geheim");
        await app.AddDocumentAsync(owner.Id, "Hidden document", FieldVisibility.Everyone);

        var page = await app.NewClient().OpenAsync(owner.Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Greta Geheim", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Log in to see this profile.", page.Text);
        Assert.NotNull(page.Document.QuerySelector($"a[href='/account/login?returnUrl=%2Fp%2F{owner.Slug}']"));
        Assert.Equal("noindex", page.Document.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        var html = page.Document.DocumentElement.OuterHtml;
        Assert.DoesNotContain("Hidden", html);
        Assert.DoesNotContain("/vcard", html);
        foreach (var field in Values.Keys)
            Assert.DoesNotContain(OnPage(field), html);
    }

    [Fact]
    public async Task A_members_only_profile_opens_fully_after_logging_in_from_the_prompt()
    {
        var (_, other, _, _) = await app.SetupAsync();
        var owner = await app.MemberWithProfileAsync(p => p.Headline = "Shown to members", first: "Greta", last: "Geheim");
        var client = app.NewClient();
        var prompt = await client.OpenAsync(owner.Url);
        var login = prompt.Document.QuerySelector("[data-testid=login-required] a[href^='/account/login']")!.GetAttribute("href")!;

        var page = await client.LoginAsync(other.Email, returnUrl: Uri.UnescapeDataString(login.Split("returnUrl=")[1]));

        Assert.Equal(owner.Url, page.Path);
        Assert.Contains("Shown to members", page.Text);
    }

    [Theory]
    [InlineData(ProfileAudience.Public, true, "index, follow")]
    [InlineData(ProfileAudience.Public, false, "noindex")]
    [InlineData(ProfileAudience.Members, true, "noindex")]
    public async Task Search_engines_may_index_only_a_public_profile_whose_member_allows_it(
        ProfileAudience audience, bool allow, string robots)
    {
        var (_, other, _, _) = await app.SetupAsync();
        var owner = await app.MemberWithProfileAsync(p =>
        {
            p.Audience = audience;
            p.AllowSearchEngines = allow;
        });

        var page = await (audience == ProfileAudience.Public ? app.NewClient() : other.Client!).OpenAsync(owner.Url);

        Assert.Equal(robots, page.Document.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
    }
}
