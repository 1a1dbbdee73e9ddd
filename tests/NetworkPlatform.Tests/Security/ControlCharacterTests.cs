using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.Security;

/// <summary>
/// Issue 15: every stored single-line field refuses control characters (at the field, with the rest of the form
/// kept), multi-line fields refuse all but line breaks and tabs, and imports turn them into spaces.
/// </summary>
public class ControlCharacterTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static readonly string[] Controls = ["\r\n", "\n", "\r", "\t", "\u0007", "\u001b", "\u007f", "\u0085", "\u2028"];

    /// <summary>Each form, each of its single-line fields, with valid values for the others.</summary>
    public static readonly (string Form, string Field, Dictionary<string, string> Valid)[] Fields =
    [
        .. new[] { "AcademicTitle", "FirstName", "LastName", "Headline", "Position", "Employer", "City", "Country" }
            .Select(f => ("/profile/edit/basics", f, new Dictionary<string, string>
            {
                ["AcademicTitle"] = "Dr.", ["FirstName"] = "Erika", ["LastName"] = "Mustermann", ["Headline"] = "Beraterin",
                ["Position"] = "Partnerin", ["Employer"] = "Muster GmbH", ["City"] = "Berlin", ["Country"] = "Deutschland",
            })),
        .. new[] { "Title", "Url" }.Select(f => ("/profile/edit/links", f, new Dictionary<string, string>
            {
                ["Title"] = "Blog", ["Url"] = "https://blog.example/",
            })),
        .. new[] { "Phone", "Mobile", "BusinessEmail" }.Select(f => ("/profile/edit/contact", f, new Dictionary<string, string>
            {
                ["Phone"] = "+49 30 123", ["Mobile"] = "+49 170 123", ["BusinessEmail"] = "erika@business.example",
            })),
        ("/profile/edit/languages", "Name", new Dictionary<string, string> { ["Name"] = "Deutsch", ["Level"] = "C2" }),
        .. new[] { "Title", "Organisation" }.Select(f => ("/profile/edit/experience", f, new Dictionary<string, string>
            {
                ["Title"] = "Beraterin", ["Organisation"] = "Muster GmbH", ["StartMonth"] = "1", ["StartYear"] = "2020",
            })),
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (form, field, _) in Fields)
            foreach (var (control, i) in Controls.Select((c, i) => (c, i)))
                data.Add(form, field, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_control_character_in_a_single_line_field_is_refused_at_the_field(string form, string field, string control)
    {
        var (client, _) = await app.SignedInMemberAsync();
        var fields = new Dictionary<string, string>(Fields.First(f => f.Form == form && f.Field == field).Valid);
        var typed = fields[field].Insert(2, Controls[int.Parse(control, System.Globalization.CultureInfo.InvariantCulture)]);
        fields[field] = typed;

        // Posted as an attacker would: a browser strips line breaks from a text input itself.
        var page = await client.PostWithTokenOfAsync(await client.OpenAsync(form), form, fields);

        Assert.Equal(form, page.Path);
        Assert.Contains("one line", page.FieldError(field));
        // What the member typed in the other fields is kept.
        foreach (var (other, value) in fields.Where(f => f.Key != field && f.Key is not ("Level" or "StartMonth")))
            Assert.Equal(value, page.FieldValue(other));
    }

    [Theory]
    [InlineData("\u001b[2J")]
    [InlineData("\u0085")]
    public async Task A_control_character_in_the_summary_is_refused_but_line_breaks_are_kept(string control)
    {
        var (client, id) = await app.SignedInMemberAsync();

        var refused = await client.PostWithTokenOfAsync(await client.OpenAsync("/profile/edit/summary"), "/profile/edit/summary",
            new Dictionary<string, string> { ["Summary"] = "Erste Zeile" + control + "\nZweite" });
        Assert.Contains("control characters", refused.FieldError("Summary"));

        var saved = await client.SubmitAsync("/profile/edit/summary", "/profile/edit/summary",
            new Dictionary<string, string> { ["Summary"] = "Erste Zeile\r\n\tZweite" });
        Assert.Equal("Your changes are saved.", saved.Flash);
        Assert.Equal("Erste Zeile\n\tZweite", await app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == id).Select(p => p.Summary).SingleAsync()));
    }

    [Theory]
    [InlineData("FirstName")]
    [InlineData("LastName")]
    public async Task A_control_character_in_a_name_at_registration_is_refused_at_the_field(string field)
    {
        var email = TestData.UniqueEmail("ctl");
        var fields = new Dictionary<string, string>
        {
            ["FirstName"] = "Jana", ["LastName"] = "Becker", ["Email"] = email,
            ["Password"] = TestData.Password, ["ConfirmPassword"] = TestData.Password, ["AcceptTerms"] = "true",
        };
        fields[field] = "Ja\r\nBcc: x@evil.example";

        var client = app.NewClient();
        var page = await client.PostWithTokenOfAsync(await client.OpenAsync("/account/register"), "/account/register", fields);

        Assert.Equal("/account/register", page.Path);
        Assert.Contains("one line", page.FieldError(field));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    /// <summary>
    /// A NUL never reaches our validation: ASP.NET Core refuses a form value holding one and antiforgery answers 400.
    /// No browser sends it from a typed field; an attacker who does gets the error page, not a 404 or 500.
    /// </summary>
    [Fact]
    public async Task A_NUL_in_a_form_field_answers_the_400_page_and_stores_nothing()
    {
        var (client, id) = await app.SignedInMemberAsync();
        var fields = new Dictionary<string, string>(Fields[0].Valid) { ["Headline"] = "Bera\u0000terin" };

        var page = await client.PostWithTokenOfAsync(await client.OpenAsync("/profile/edit/basics"), "/profile/edit/basics", fields);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("The form may have been open too long", page.Document.Body!.TextContent);
        Assert.NotEqual("Bera\u0000terin", await app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == id).Select(p => p.Headline).SingleAsync()));
    }

    [Fact]
    public void The_domain_refuses_an_account_whose_name_holds_a_line_break()
    {
        var refused = Assert.Throws<DomainException>(() =>
            NetworkPlatform.Domain.Accounts.AppUser.Create("a@b.example", "Ja\nna", "Becker", "de", DateTimeOffset.UtcNow));
        Assert.Equal(TextRules.ControlCharactersKey, refused.MessageKey);
    }

    [Theory]
    [InlineData("Head\u0000of\r\nSales", "Head of Sales")]
    [InlineData("  \u0007Vertrieb\t ", "Vertrieb")]
    [InlineData("\u2028", null)]
    public void Imported_text_becomes_one_line(string raw, string? expected) =>
        Assert.Equal(expected, TextRules.OneLine(raw));
}
