using System.Net;
using System.Text;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;
using static NetworkPlatform.Tests.ContactExport.ContactExportTestData;

namespace NetworkPlatform.Tests.ContactExport;

public class ContactExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static void Visible(MemberProfile p, FieldVisibility v)
    {
        foreach (var field in new[] { "Phone", "Mobile", "BusinessEmail", "Address", "Birthday" })
            typeof(MemberProfile).GetProperty(field + "Visibility")!.SetValue(p, v);
    }

    private static void Details(MemberProfile p, string tag)
    {
        p.Phone = "+49 30 " + tag;
        p.Mobile = "+49 170 " + tag;
        p.BusinessEmail = $"{tag}@business.example";
        p.Address = "Street " + tag;
        p.Birthday = new DateOnly(1980, 1, 2);
    }

    [Fact]
    public async Task The_export_holds_each_contact_with_only_what_they_let_the_member_see()
    {
        var me = await app.MemberWithProfileAsync(first: "Max", last: "Exporter", login: true);
        // Shows the e-mail and the phone to contacts, keeps the mobile to herself, the address for members.
        var open = await app.MemberWithProfileAsync(p =>
        {
            Details(p, "111");
            Visible(p, FieldVisibility.Contacts);
            p.MobileVisibility = FieldVisibility.OnlyMe;
            p.AddressVisibility = FieldVisibility.Members;
            p.BirthdayVisibility = FieldVisibility.OnlyMe;
            p.Employer = "Open GmbH";
            p.Position = "Head of Sales";
        }, first: "Olga", last: "Offen");
        // Keeps everything to himself.
        var closed = await app.MemberWithProfileAsync(p =>
        {
            Details(p, "222");
            Visible(p, FieldVisibility.OnlyMe);
            p.Employer = "Closed AG";
        }, first: "Carl", last: "Zu");
        // Not a contact: shows everything to everyone, and still is not in the file.
        var stranger = await app.MemberWithProfileAsync(p =>
        {
            Details(p, "333");
            Visible(p, FieldVisibility.Everyone);
        }, first: "Stefan", last: "Fremd");
        await app.ConnectAsync(me.Id, open.Id);
        await app.ConnectAsync(me.Id, closed.Id);
        await app.ConnectAsync(open.Id, stranger.Id);

        var (response, bytes) = await me.Client!.DownloadAsync("/contacts/export/contacts.vcf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/vcard", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var text = Encoding.UTF8.GetString(bytes);
        var cards = Cards(text);
        Assert.Equal(2, cards.Count);
        Assert.DoesNotContain("333", text);
        Assert.DoesNotContain("Fremd", text);
        Assert.DoesNotContain(stranger.Email, text);

        var olga = cards.Single(c => c.One("FN")!.Value == "Olga Offen");
        Assert.Equal("111@business.example", olga.One("EMAIL")!.Value);
        Assert.Equal("+49 30 111", olga.One("TEL", "TYPE=work")!.Value);
        Assert.Null(olga.One("TEL", "TYPE=cell"));
        Assert.Equal("Street 111", olga.One("ADR")!.Components[2]);
        Assert.Null(olga.One("BDAY"));
        Assert.Equal("Open GmbH", olga.One("ORG")!.Value);
        Assert.Equal("Head of Sales", olga.One("TITLE")!.Value);
        Assert.Equal("http://localhost/p/" + open.Slug, olga.All("URL")[0].RawValue);
        Assert.Equal($"urn:uuid:{open.Id}", olga.One("UID")!.RawValue);

        var carl = cards.Single(c => c.One("FN")!.Value == "Carl Zu");
        Assert.Null(carl.One("EMAIL"));
        Assert.Null(carl.One("TEL"));
        Assert.Null(carl.One("ADR"));
        Assert.Null(carl.One("BDAY"));
        Assert.Equal("Closed AG", carl.One("ORG")!.Value);
        // The account (login) e-mail is never exported.
        Assert.DoesNotContain(closed.Email, text);
        Assert.DoesNotContain(open.Email, text);
    }

    [Fact]
    public async Task The_CSV_has_LinkedIns_header_a_BOM_and_only_visible_e_mails()
    {
        var me = await app.MemberWithProfileAsync(first: "Max", last: "Tabelle", login: true);
        var open = await app.NamedMemberAsync("Jürgen", "Groß", p =>
        {
            p.BusinessEmail = "jürgen@muster.example";
            p.BusinessEmailVisibility = FieldVisibility.Contacts;
            p.Employer = "Müller, Söhne & Co";
            p.Position = "=HYPERLINK(\"http://evil.example\")";
        });
        var closed = await app.MemberWithProfileAsync(p =>
        {
            p.BusinessEmail = "hidden@muster.example";
            p.BusinessEmailVisibility = FieldVisibility.OnlyMe;
        }, first: "Heidi", last: "Verborgen");
        var stranger = await app.MemberWithProfileAsync(first: "Stefan", last: "Fremd");
        await app.ConnectAsync(me.Id, open.Id, new DateTimeOffset(2023, 1, 15, 10, 0, 0, TimeSpan.Zero));
        await app.ConnectAsync(me.Id, closed.Id, new DateTimeOffset(2024, 3, 5, 23, 30, 0, TimeSpan.Zero));

        var (response, bytes) = await me.Client!.DownloadAsync("/contacts/export/contacts.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var text = Utf8WithoutBom(bytes);
        var lines = text.Split("\r\n");
        Assert.Equal("First Name,Last Name,URL,Email Address,Company,Position,Connected On", lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(4, lines.Length);
        Assert.Equal("Jürgen,Groß,http://localhost/p/" + open.Slug +
                     ",jürgen@muster.example,\"Müller, Söhne & Co\",\"'=HYPERLINK(\"\"http://evil.example\"\")\",15 Jan 2023",
            lines.Single(l => l.StartsWith("Jürgen", StringComparison.Ordinal)));
        Assert.Equal("Heidi,Verborgen,http://localhost/p/" + closed.Slug + ",,,,05 Mar 2024",
            lines.Single(l => l.StartsWith("Heidi", StringComparison.Ordinal)));
        Assert.DoesNotContain("hidden@", text);
        Assert.DoesNotContain("Fremd", text);
        Assert.DoesNotContain(stranger.Slug, text);
    }

    [Fact]
    public async Task Names_with_special_characters_are_escaped_in_the_vCard()
    {
        var me = await app.MemberWithProfileAsync(first: "Max", last: "Escaper", login: true);
        var odd = await app.NamedMemberAsync("Ünal", "O'Brien, Jr.", p =>
        {
            p.AcademicTitle = "Dr.";
            p.Employer = "Semi;Colon, Inc.";
            p.Headline = "Line one\nLine two \\ backslash";
        });
        await app.ConnectAsync(me.Id, odd.Id);

        var (_, bytes) = await me.Client!.DownloadAsync("/contacts/export/contacts.vcf");

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("ORG:Semi\\;Colon\\, Inc.\r\n", text);
        Assert.Contains("N:O'Brien\\, Jr.;Ünal;;Dr.;\r\n", text);
        var card = Assert.Single(Cards(text));
        Assert.Equal("Dr. Ünal O'Brien, Jr.", card.One("FN")!.Value);
        Assert.Equal("Line one\nLine two \\ backslash", card.One("NOTE")!.Value);
    }

    [Fact]
    public async Task A_member_without_contacts_gets_an_empty_vCard_file_and_a_CSV_with_only_the_header()
    {
        var me = await app.MemberWithProfileAsync(first: "Nora", last: "Niemand", login: true);

        var (vcf, vcfBytes) = await me.Client!.DownloadAsync("/contacts/export/contacts.vcf");
        var (csv, csvBytes) = await me.Client!.DownloadAsync("/contacts/export/contacts.csv");

        Assert.Equal(HttpStatusCode.OK, vcf.StatusCode);
        Assert.Empty(vcfBytes);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n", Utf8WithoutBom(csvBytes));
    }

    [Fact]
    public async Task The_export_needs_a_login()
    {
        var client = app.NewClient(followRedirects: false);

        foreach (var url in new[] { "/contacts/export", "/contacts/export/contacts.vcf", "/contacts/export/contacts.csv" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.IsAbsoluteUri
                ? response.Headers.Location.PathAndQuery
                : response.Headers.Location.OriginalString);
        }
    }

    [Fact]
    public async Task The_contacts_area_links_to_the_export_page_which_offers_both_downloads()
    {
        var me = await app.MemberWithProfileAsync(first: "Max", last: "Link", login: true);

        var contacts = await me.Client!.OpenAsync("/contacts");
        var link = contacts.Document.QuerySelector("a[href='/contacts/export']");
        Assert.NotNull(link);
        Assert.Equal("Export contacts", link.TextContent.Trim());

        var page = await me.Client!.OpenAsync("/contacts/export");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("a[href='/contacts/export/contacts.vcf']"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/contacts/export/contacts.csv']"));
        Assert.Equal("page", page.Document.QuerySelector("a[href='/contacts/export']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task The_single_profile_vCard_and_the_export_write_the_same_card()
    {
        var me = await app.MemberWithProfileAsync(first: "Max", last: "Gleich", login: true);
        var other = await app.MemberWithProfileAsync(p =>
        {
            Details(p, "444");
            Visible(p, FieldVisibility.Contacts);
            p.Headline = "Same card everywhere";
            p.Links.Add(new ProfileLink { Title = "Blog", Url = "https://blog.example.org", Position = 0 });
        }, first: "Gisela", last: "Gleich");
        await app.ConnectAsync(me.Id, other.Id);

        var single = await me.Client!.GetStringAsync(other.Url + "/vcard");
        var (_, bytes) = await me.Client!.DownloadAsync("/contacts/export/contacts.vcf");

        Assert.Equal(single, Encoding.UTF8.GetString(bytes));
    }
}
