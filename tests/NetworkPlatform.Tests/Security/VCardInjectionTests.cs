using System.Text;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;
using static NetworkPlatform.Tests.ContactExport.ContactExportTestData;

namespace NetworkPlatform.Tests.Security;

/// <summary>
/// Issue 15, "vCard injection through a web link": a line break in a stored value must never end a card and start a
/// forged one, whether the value came through today's forms (refused) or sits in an old row (escaped on the way out).
/// </summary>
public class VCardInjectionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Forged = "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Forged\r\nEMAIL:attacker@evil.example\r\n";

    [Fact]
    public async Task A_web_link_with_a_line_break_is_refused_at_the_field()
    {
        var (client, id) = await app.SignedInMemberAsync();

        var page = await client.PostWithTokenOfAsync(await client.OpenAsync("/profile/edit/links"), "/profile/edit/links", new Dictionary<string, string>
        {
            ["Title"] = "Blog",
            ["Url"] = "https://ok.example/" + Forged,
        });

        Assert.Contains("one line", page.FieldError("Url"));
        Assert.False(await app.WithDbAsync(db => db.ProfileLinks.AnyAsync(l => l.UserId == id)));
    }

    [Fact]
    public async Task Old_rows_with_line_breaks_cannot_forge_a_card_in_a_contacts_export()
    {
        var me = await app.MemberWithProfileAsync(first: "Vera", last: "Export", login: true);
        var mallory = await app.MemberWithProfileAsync(p =>
        {
            // Written past today's checks, as rows from before them could be.
            p.Headline = "Consultant" + Forged;
            p.Position = "CEO" + Forged;
            p.Employer = "Evil\rInc\r\nEND:VCARD\r\nBEGIN:VCARD";
            p.Phone = "+49 1\r\nEND:VCARD\r\nBEGIN:VCARD";
            p.PhoneVisibility = FieldVisibility.Contacts;
            p.BusinessEmail = "m@evil.example" + Forged;
            p.BusinessEmailVisibility = FieldVisibility.Contacts;
            p.Links.Add(new ProfileLink { Title = "Blog\r\nEND:VCARD\r\nBEGIN:VCARD", Url = "https://ok.example/" + Forged, Position = 0 });
        }, first: "Mallory", last: "Mal");
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"AspNetUsers\" SET \"FirstName\" = {"Mallory" + Forged} WHERE \"Id\" = {mallory.Id}"));
        await app.ConnectAsync(me.Id, mallory.Id);

        var (_, bytes) = await me.Client!.DownloadAsync("/contacts/export/contacts.vcf");
        var text = Encoding.UTF8.GetString(bytes);

        AssertOneCard(text);
    }

    [Fact]
    public async Task The_profile_vcard_of_an_old_row_stays_one_card()
    {
        var mallory = await app.MemberWithProfileAsync(p =>
        {
            p.Audience = ProfileAudience.Public;
            p.Headline = "Consultant" + Forged;
            p.Links.Add(new ProfileLink { Title = "Blog", Url = "https://ok.example/" + Forged, Position = 0 });
        });

        var (_, bytes) = await app.NewClient().DownloadAsync("/p/" + mallory.Slug + "/vcard");

        AssertOneCard(Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Parameter_values_are_quoted_and_escaped_as_RFC_6868_says()
    {
        var card = new VCardWriter()
            .Text("TEL", "+49 30 1", new VCardParameter("TYPE", "work,voice"))
            .Text("NOTE", "x", new VCardParameter("X-NAME", "a\"b^c\r\nEND:VCARD"))
            .ToString();

        Assert.Contains("TEL;TYPE=\"work,voice\":+49 30 1\r\n", card);
        Assert.Contains("NOTE;X-NAME=\"a^'b^^c^nEND:VCARD\":x\r\n", card);
        Assert.Throws<ArgumentException>(() => new VCardWriter().Text("TEL", "1", new VCardParameter("TYPE\r\nEMAIL", "x")));
    }

    private static void AssertOneCard(string text)
    {
        var cards = Cards(text);
        Assert.Single(cards);
        var lines = text.Split("\r\n");
        Assert.Equal(1, lines.Count(l => l == "BEGIN:VCARD"));
        Assert.Equal(1, lines.Count(l => l == "END:VCARD"));
        Assert.DoesNotContain(lines, l => l.StartsWith("EMAIL:attacker", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("FN:Forged", StringComparison.Ordinal));
        // Every physical line is a property or a folded continuation; no bare CR or LF inside one.
        Assert.DoesNotContain(lines, l => l.Contains('\r') || l.Contains('\n'));
    }
}
