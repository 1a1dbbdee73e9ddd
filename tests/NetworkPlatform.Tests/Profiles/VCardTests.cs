using System.Net;
using System.Text;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Profiles;

public class VCardTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Summary = "Hello";

    // 115 characters, more than 75 octets: the NOTE line must fold, and not inside "ö" or the rocket.
    private static readonly string LongHeadline =
        "Berät Mittelständler zu Förderung, Digitalisierung und Nachfolge; Schwerpunkte: Maschinenbau, Logistik, Nürnberg 🚀";

    private Task<ProfileViewTestData.Member> FullProfileAsync() =>
        app.MemberWithProfileAsync(p =>
        {
            p.Audience = ProfileAudience.Public;
            p.AcademicTitle = "Dr.";
            p.Headline = LongHeadline;
            p.Position = "Head of Sales, DACH; interim";
            p.Employer = "Muster & Söhne GmbH";
            p.Summary = Summary;
            p.Phone = "+49 30 1234567";
            p.Mobile = "+49 170 7654321";
            p.BusinessEmail = "erika@muster.example";
            p.Address = "Hauptstraße 1\n10115 Berlin";
            p.Birthday = new DateOnly(1980, 4, 23);
            p.PhotoFileId = Guid.NewGuid();
            foreach (var field in new[] { "Phone", "Mobile", "BusinessEmail", "Address", "Birthday" })
                typeof(MemberProfile).GetProperty(field + "Visibility")!.SetValue(p, FieldVisibility.Everyone);
            p.Links.Add(new ProfileLink { Title = "Blog", Url = "https://blog.example.org/erika?a=1,2", Position = 0 });
            p.Links.Add(new ProfileLink { Title = "Firma", Url = "https://muster.example", Position = 1 });
        }, first: "Erika", last: "Mustermann");

    [Fact]
    public async Task The_vCard_parses_back_with_every_field_the_viewer_may_see()
    {
        var owner = await FullProfileAsync();

        var response = await app.NewClient().GetAsync(owner.Url + "/vcard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/vcard", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(owner.Slug + ".vcf", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var card = VCardParser.Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));

        Assert.Equal("Dr. Erika Mustermann", card.One("FN")!.Value);
        Assert.Equal(["Mustermann", "Erika", "", "Dr.", ""], card.One("N")!.Components);
        Assert.Equal("Muster & Söhne GmbH", card.One("ORG")!.Value);
        Assert.Equal("Head of Sales, DACH; interim", card.One("TITLE")!.Value);
        Assert.Equal("erika@muster.example", card.One("EMAIL")!.Value);
        Assert.Equal("+49 30 1234567", card.One("TEL", "TYPE=work")!.Value);
        Assert.Equal("+49 170 7654321", card.One("TEL", "TYPE=cell")!.Value);
        Assert.Equal(["", "", "Hauptstraße 1\n10115 Berlin", "", "", "", ""], card.One("ADR")!.Components);
        Assert.Equal("19800423", card.One("BDAY")!.Value);
        Assert.Equal(LongHeadline, card.One("NOTE")!.Value);
        Assert.Equal(
            ["http://localhost/p/" + owner.Slug, "https://blog.example.org/erika?a=1,2", "https://muster.example"],
            card.All("URL").Select(u => u.RawValue));
        Assert.Equal($"http://localhost/photos/{owner.Id}/large", card.One("PHOTO")!.RawValue);
    }

    [Fact]
    public async Task Long_lines_are_folded_at_75_octets_and_unfold_to_the_original()
    {
        var owner = await FullProfileAsync();

        var text = await app.NewClient().GetStringAsync(owner.Url + "/vcard");
        var card = VCardParser.Parse(text);

        Assert.All(card.PhysicalLines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"longer than 75 octets: {line}"));
        Assert.Contains(card.PhysicalLines, line => line.StartsWith(' '));
        Assert.Equal(LongHeadline, card.One("NOTE")!.Value);
    }

    [Fact]
    public void The_writer_escapes_comma_semicolon_backslash_and_line_breaks()
    {
        var text = new VCardWriter()
            .Text("NOTE", "a,b;c\\d\r\ne\nf")
            .Structured("N", ["Last;Name", "First,Name", "", "", ""])
            .ToString();

        Assert.Contains("NOTE:a\\,b\\;c\\\\d\\ne\\nf\r\n", text);
        var card = VCardParser.Parse(text);
        Assert.Equal("a,b;c\\d\ne\nf", card.One("NOTE")!.Value);
        Assert.Equal(["Last;Name", "First,Name", "", "", ""], card.One("N")!.Components);
    }

    [Fact]
    public void The_writer_never_splits_a_character_when_it_folds()
    {
        var value = string.Concat(Enumerable.Repeat("äöü€🚀", 40));

        var text = new VCardWriter().Text("NOTE", value).ToString();

        var card = VCardParser.Parse(text);
        Assert.Equal(value, card.One("NOTE")!.Value);
        foreach (var line in card.PhysicalLines)
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75);
            for (var i = 0; i < line.Length; i++)
            {
                if (char.IsHighSurrogate(line[i]))
                    Assert.True(i + 1 < line.Length && char.IsLowSurrogate(line[++i]), "a surrogate pair was split");
                else
                    Assert.False(char.IsLowSurrogate(line[i]), "a surrogate pair was split");
            }
        }
    }

    [Fact]
    public async Task An_old_address_of_the_vCard_redirects_to_the_current_one()
    {
        var owner = await FullProfileAsync();
        await app.WithDbAsync(async db =>
        {
            db.ProfileSlugRedirects.Add(new ProfileSlugRedirect { Slug = owner.Slug + "-alt", UserId = owner.Id });
            return await db.SaveChangesAsync();
        });

        var response = await app.NewClient(followRedirects: false).GetAsync($"/p/{owner.Slug}-alt/vcard");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/p/{owner.Slug}/vcard", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_members_only_profile_gives_no_vCard_to_someone_not_logged_in()
    {
        var owner = await app.MemberWithProfileAsync(p =>
        {
            p.Headline = "Secret headline";
            p.Phone = "+49 1";
            p.PhoneVisibility = FieldVisibility.Everyone;
        });

        var response = await app.NewClient(followRedirects: false).GetAsync(owner.Url + "/vcard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery());
        Assert.DoesNotContain("Secret", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_profile_has_no_vCard()
    {
        var response = await app.NewClient().GetAsync("/p/nobody-here/vcard");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
