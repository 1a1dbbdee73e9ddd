using NetworkPlatform.Domain.ContactImports;

namespace NetworkPlatform.Tests.ContactImport;

/// <summary>The parsers against files written from the published layouts (no database, no HTTP).</summary>
public class ContactFileTests
{
    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "ContactImport", "Fixtures", name));

    private static ParsedContact Person(ContactFileResult r, string email) =>
        r.Contacts.Single(c => c.Emails.Contains(email));

    [Fact]
    public void A_LinkedIn_export_with_BOM_and_preamble_is_read_with_real_line_numbers()
    {
        var r = ContactFile.Read(Fixture("linkedin-connections.csv"));
        Assert.Equal(ContactFileFormat.LinkedIn, r.Format);
        Assert.Equal(4, r.Read);
        Assert.Equal(2, r.Contacts.Count);
        var anna = Person(r, "anna.schmidt@example.com");
        Assert.Equal("Anna Schmidt", anna.Name);
        Assert.Equal(5, anna.Line);
        // Mixed case in the file, matched case-insensitively later.
        Assert.Equal("Claire O'Neill", Person(r, "claire.oneill@example.org").Name);
        Assert.Contains(r.Skipped, s => s is { Line: 6, Reason: "NoEmail" });
        Assert.Contains(r.Skipped, s => s is { Line: 8, Reason: "InvalidEmail", Detail: "ben.weiss(at)example.com" });
    }

    [Fact]
    public void An_old_LinkedIn_export_without_the_URL_column_is_read()
    {
        var r = ContactFile.Read(Fixture("linkedin-connections-old.csv"));
        Assert.Equal(ContactFileFormat.LinkedIn, r.Format);
        Assert.Equal("Petra Klein", Person(r, "petra.klein@example.net").Name);
        Assert.Equal(2, Person(r, "petra.klein@example.net").Line);
        Assert.Contains(r.Skipped, s => s is { Line: 3, Reason: "NoEmail" });
    }

    [Fact]
    public void A_vCard_2_1_file_decodes_quoted_printable_umlauts_in_UTF8_and_Latin1_and_skips_the_photo()
    {
        var r = ContactFile.Read(Fixture("vcard21-quoted-printable.vcf"));
        Assert.Equal(ContactFileFormat.VCard, r.Format);
        Assert.Equal(2, r.Read);
        Assert.Equal("Jürgen Müller", Person(r, "juergen.mueller@example.de").Name);
        Assert.Equal("Björn Größer", Person(r, "bjoern.groesser@example.de").Name);
        Assert.Equal(1, Person(r, "juergen.mueller@example.de").Line);
        Assert.Empty(r.Skipped);
    }

    [Fact]
    public void A_vCard_3_0_file_with_several_cards_unfolds_lines_and_keeps_every_address()
    {
        var r = ContactFile.Read(Fixture("vcard30-multiple.vcf"));
        Assert.Equal(3, r.Read);
        var lena = Person(r, "lena.schneider@klinik.example.org");
        Assert.Equal("Dr. Lena Marie Schneider", lena.Name);
        Assert.Equal(["lena.schneider@klinik.example.org", "lena.private@example.net"], lena.Emails);
        // FN and the grouped EMAIL are folded across lines.
        Assert.Equal("MinhNguyen", Person(r, "minh.nguyen@example.com").Name!.Replace(" ", ""));
        var skipped = Assert.Single(r.Skipped);
        Assert.Equal("NoEmail", skipped.Reason);
    }

    [Fact]
    public void A_vCard_4_0_card_is_read_with_lower_cased_addresses()
    {
        var r = ContactFile.Read(Fixture("vcard40.vcf"));
        var sofia = Assert.Single(r.Contacts);
        Assert.Equal("Sofia Rossi", sofia.Name);
        Assert.Equal(["sofia.rossi@example.it", "sofia@example.org"], sofia.Emails);
    }

    [Fact]
    public void A_current_Google_export_is_read_with_middle_names_and_several_addresses()
    {
        var r = ContactFile.Read(Fixture("google-current.csv"));
        Assert.Equal(ContactFileFormat.Google, r.Format);
        Assert.Equal(3, r.Read);
        Assert.Equal("Maria Luisa Fernández", Person(r, "maria.fernandez@example.es").Name);
        Assert.Contains("maria@example.com", Person(r, "maria.fernandez@example.es").Emails);
        Assert.Contains("y.tanaka@example.com", Person(r, "yuki.tanaka@example.jp").Emails);
        // Karl's note spans two lines of the file; the next contact's line number accounts for it.
        Assert.Contains(r.Skipped, s => s is { Line: 3, Reason: "NoEmail" });
        Assert.Equal(5, Person(r, "yuki.tanaka@example.jp").Line);
    }

    [Fact]
    public void A_legacy_Google_export_is_read()
    {
        var r = ContactFile.Read(Fixture("google-legacy.csv"));
        Assert.Equal(ContactFileFormat.Google, r.Format);
        Assert.Equal("Hans Peter Wagner", Person(r, "hp.wagner@example.at").Name);
        Assert.Equal("Eva Lang", Person(r, "eva.lang@example.ch").Name);
        Assert.Contains(r.Skipped, s => s is { Line: 4, Reason: "NoEmail" });
    }

    [Fact]
    public void A_plain_semicolon_CSV_guesses_the_email_column_and_can_be_mapped_otherwise()
    {
        var r = ContactFile.Read(Fixture("plain-semicolon.csv"));
        Assert.Equal(ContactFileFormat.PlainCsv, r.Format);
        Assert.Equal(["Nachname", "Vorname", "Kontakt", "Firma"], r.Columns);
        Assert.Equal(2, r.Mapping!.EmailColumn);
        Assert.Equal(2, r.Contacts.Count);
        Assert.Contains(r.Skipped, s => s is { Line: 4, Reason: "InvalidEmail" });

        var mapped = ContactFile.Read(Fixture("plain-semicolon.csv"), new ColumnMapping(1, 2));
        Assert.Equal("Sabine", Person(mapped, "sabine.hoffmann@example.de").Name);
    }

    [Fact]
    public void A_plain_CSV_without_any_address_asks_for_the_mapping()
    {
        var r = ContactFile.Read("Wer,Was\nAnna,Vertrieb\n"u8.ToArray());
        Assert.Equal(ContactFileFormat.PlainCsv, r.Format);
        Assert.Null(r.Mapping);
        Assert.Empty(r.Contacts);
    }

    [Fact]
    public void The_same_address_twice_is_skipped_as_a_duplicate()
    {
        var r = ContactFile.Read("Name,Email\nA,a@example.com\nB,A@Example.com\n"u8.ToArray());
        Assert.Single(r.Contacts);
        Assert.Contains(r.Skipped, s => s is { Line: 3, Reason: "Duplicate", Detail: "2" });
    }

    [Theory]
    [InlineData("binary-junk.csv", "ContactImport.NotText")]
    [InlineData("unbalanced-quotes.csv", "ContactImport.UnbalancedQuotes")]
    [InlineData("missing-columns.csv", "ContactImport.MissingColumn")]
    public void Malformed_files_are_refused_with_a_reason(string fixture, string key)
    {
        var e = Assert.Throws<ContactFileException>(() => ContactFile.Read(Fixture(fixture)));
        Assert.Equal(key, e.MessageKey);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_at_the_line_where_it_opens()
    {
        var e = Assert.Throws<ContactFileException>(() => ContactFile.Read(Fixture("unbalanced-quotes.csv")));
        Assert.Equal(3L, Convert.ToInt64(e.Args[0]));
    }

    [Fact]
    public void More_than_10000_contacts_are_refused_and_10000_are_fine()
    {
        Assert.Equal(10_000, ContactFile.Read(ContactFiles.LinkedIn(10_000)).Read);
        var e = Assert.Throws<ContactFileException>(() => ContactFile.Read(ContactFiles.LinkedIn(10_001)));
        Assert.Equal("ContactImport.TooMany", e.MessageKey);
        var cards = Assert.Throws<ContactFileException>(() => ContactFile.Read(ContactFiles.VCards(10_001)));
        Assert.Equal("ContactImport.TooMany", cards.MessageKey);
    }

    [Fact]
    public void Empty_and_oversized_files_are_refused()
    {
        Assert.Equal("ContactImport.Empty", Assert.Throws<ContactFileException>(() => ContactFile.Read([])).MessageKey);
        Assert.Equal("ContactImport.Empty",
            Assert.Throws<ContactFileException>(() => ContactFile.Read("  \r\n "u8.ToArray())).MessageKey);
        Assert.Equal("ContactImport.TooLarge",
            Assert.Throws<ContactFileException>(() => ContactFile.Read(new byte[6 * 1024 * 1024])).MessageKey);
        Assert.Equal("ContactImport.NotRecognised",
            Assert.Throws<ContactFileException>(() => ContactFile.Read("just one column\nanother\n"u8.ToArray())).MessageKey);
    }
}

/// <summary>Contact files made in code, with addresses unique to a test.</summary>
public static class ContactFiles
{
    public static byte[] LinkedIn(int count, Func<int, string>? email = null)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append('\uFEFF');
        sb.Append("Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n");
        sb.Append("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
        for (var i = 0; i < count; i++)
            sb.Append($"First{i},Last{i},https://www.linkedin.com/in/p{i},{(email ?? (n => $"person{n}@example.com"))(i)},Company {i},Role,15 Jan 2023\n");
        return System.Text.Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] LinkedIn(params (string First, string Last, string Email)[] people)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append('\uFEFF');
        sb.Append("Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n");
        sb.Append("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
        foreach (var (first, last, email) in people)
            sb.Append($"{first},{last},https://www.linkedin.com/in/{first.ToLowerInvariant()},{email},Some GmbH,Role,15 Jan 2023\n");
        return System.Text.Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] VCards(int count)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
            sb.Append($"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@example.com\r\nEND:VCARD\r\n");
        return System.Text.Encoding.UTF8.GetBytes(sb.ToString());
    }
}
