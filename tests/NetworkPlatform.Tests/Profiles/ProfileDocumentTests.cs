using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>Uploading, listing, editing and deleting documents on /profile/edit/documents, and downloading them.</summary>
public class ProfileDocumentTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string DocumentsPage = "/profile/edit/documents";

    private async Task<(AppUser Member, HttpClient Client)> SignedInMemberAsync(string who = "docs")
    {
        var member = await app.CreateMemberAsync(TestData.UniqueEmail(who));
        var client = app.NewClient();
        await client.LoginAsync(member.Email!);
        return (member, client);
    }

    private static Task<Page> UploadAsync(HttpClient client, string fileName, byte[] bytes,
        string title = "Employer's reference", string contentType = "application/pdf",
        string? visibility = null, string? kind = null)
    {
        var fields = new Dictionary<string, string> { ["Title"] = title };
        if (visibility is not null) fields["Visibility"] = visibility;
        if (kind is not null) fields["Kind"] = kind;
        return client.SubmitFileAsync(DocumentsPage, DocumentsPage, fields, "File", fileName, bytes, contentType);
    }

    private Task<int> StoredFilesAsync() => app.WithDbAsync(db => db.StoredFiles.CountAsync());

    private Task<int> DocumentsOfAsync(Guid userId) =>
        app.WithDbAsync(db => db.ProfileDocuments.CountAsync(d => d.UserId == userId));

    private Task<ProfileDocument> OnlyDocumentOfAsync(Guid userId) =>
        app.WithDbAsync(db => db.ProfileDocuments.AsNoTracking().SingleAsync(d => d.UserId == userId));

    private static IReadOnlyList<string> ListedTitles(Page page) =>
        page.Document.QuerySelectorAll("[data-testid=documents] tbody tr .fw-semibold")
            .Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_upload_form_has_labelled_fields_and_defaults_to_all_members()
    {
        var (_, client) = await SignedInMemberAsync();

        var page = await client.OpenAsync(DocumentsPage);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("You have no documents yet. Add one with the form below.",
            page.Document.QuerySelector(".np-card")!.TextContent.Trim());
        foreach (var (id, label) in new[] { ("File", "File"), ("Title", "Title"), ("Kind", "Kind of document"),
                     ("Visibility", "Who may see and download it") })
            Assert.Equal(label, page.Document.QuerySelector($"label[for={id}]")!.TextContent.Trim());
        Assert.Equal("PDF, JPEG or PNG, up to 10 MB", page.Document.GetElementById("File-hint")!.TextContent.Trim());
        var visibility = page.Document.QuerySelector("#Visibility option[selected]")!;
        Assert.Equal(("Members", "All members"), (visibility.GetAttribute("value"), visibility.TextContent.Trim()));
        Assert.Equal(["Certificate", "Reference", "Portfolio", "Other"],
            page.Document.QuerySelectorAll("#Kind option").Select(o => o.TextContent.Trim()));
    }

    [Fact]
    public async Task The_kinds_and_visibilities_are_in_German_for_a_German_member()
    {
        var member = await app.CreateMemberAsync(TestData.UniqueEmail("docs-de"), culture: "de");
        var client = app.NewClient(language: "de");
        await client.LoginAsync(member.Email!);

        var page = await client.OpenAsync(DocumentsPage);

        Assert.Equal(["Zertifikat", "Referenz", "Portfolio", "Sonstiges"],
            page.Document.QuerySelectorAll("#Kind option").Select(o => o.TextContent.Trim()));
        Assert.Equal("Alle Mitglieder", page.Document.QuerySelector("#Visibility option[selected]")!.TextContent.Trim());
        Assert.Equal("PDF, JPEG oder PNG, bis 10 MB", page.Document.GetElementById("File-hint")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_uploaded_pdf_is_listed_and_its_owner_downloads_it_as_an_attachment()
    {
        var (member, client) = await SignedInMemberAsync();
        var filesBefore = await StoredFilesAsync();

        var page = await UploadAsync(client, "cv.pdf", SampleFiles.Pdf, title: "Master's certificate",
            kind: "Certificate", visibility: "Everyone");

        Assert.Equal(DocumentsPage, page.Path);
        Assert.Equal("\"Master's certificate\" is added to your documents.", page.Flash);
        var row = page.Document.QuerySelector("[data-testid=documents] tbody tr")!;
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.StartsWith("Master's certificate", cells[0]);
        Assert.EndsWith("cv.pdf", cells[0]);
        Assert.Equal("Certificate", cells[1]);
        Assert.Equal("Everyone, also outside the network", cells[2]);
        Assert.Equal("1 KB", cells[3]); // a few hundred bytes, shown as the profile page shows sizes
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en")), cells[4]);
        Assert.Equal("You keep 1 of 3 possible documents.", page.Document.QuerySelector("[data-testid=document-count]")!.TextContent.Trim());

        var stored = await OnlyDocumentOfAsync(member.Id);
        Assert.Equal(filesBefore + 1, await StoredFilesAsync());
        Assert.Equal(("application/pdf", (long)SampleFiles.Pdf.Length), (stored.ContentType, stored.Size));

        var download = await client.GetAsync(row.QuerySelector("a[href^='/documents/']")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment; filename*=UTF-8''cv.pdf", download.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.Equal("private, no-store", download.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(SampleFiles.Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { "a program renamed cv.pdf", "cv.pdf", "application/pdf" },
        { "an HTML page renamed cv.pdf", "cv.pdf", "application/pdf" },
        { "an HTML page renamed scan.jpg", "scan.jpg", "image/jpeg" },
        { "an SVG renamed scan.png", "scan.png", "image/png" },
    };

    private static byte[] BytesOf(string what) => what switch
    {
        var w when w.StartsWith("a program") => SampleFiles.Exe,
        var w when w.StartsWith("an HTML") => SampleFiles.Html,
        _ => SampleFiles.Svg,
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_file_that_is_no_pdf_jpeg_or_png_is_refused_whatever_its_name_says(string what, string fileName,
        string claimedType)
    {
        var (member, client) = await SignedInMemberAsync();
        var filesBefore = await StoredFilesAsync();

        var page = await UploadAsync(client, fileName, BytesOf(what), title: "My reference", contentType: claimedType,
            visibility: "OnlyMe", kind: "Reference");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("The file is not a PDF, JPEG or PNG. Choose a file in one of these formats.", page.FieldError("File"));
        Assert.Single(page.ErrorSummary);
        // What was typed is kept.
        Assert.Equal("My reference", page.FieldValue("Title"));
        Assert.Equal("OnlyMe", page.Document.QuerySelector("#Visibility option[selected]")!.GetAttribute("value"));
        Assert.Equal("Reference", page.Document.QuerySelector("#Kind option[selected]")!.GetAttribute("value"));
        Assert.Equal(filesBefore, await StoredFilesAsync());
        Assert.Equal(0, await DocumentsOfAsync(member.Id));
    }

    [Fact]
    public async Task Jpeg_and_png_documents_are_accepted_by_their_content()
    {
        var (member, client) = await SignedInMemberAsync();

        await UploadAsync(client, "scan", SampleFiles.Jpeg, title: "Scan", contentType: "application/octet-stream");
        await UploadAsync(client, "diagram.pdf", SampleFiles.Png(2, 2), title: "Diagram", contentType: "application/pdf");

        var types = await app.WithDbAsync(db => db.ProfileDocuments.Where(d => d.UserId == member.Id)
            .OrderBy(d => d.Title).Select(d => d.ContentType).ToListAsync());
        Assert.Equal(["image/png", "image/jpeg"], types);
    }

    [Fact]
    public async Task A_document_over_10_MB_is_refused_with_a_message_at_the_field()
    {
        var (member, client) = await SignedInMemberAsync();
        var filesBefore = await StoredFilesAsync();

        var page = await UploadAsync(client, "big.pdf", SampleFiles.Padded(SampleFiles.Pdf, 10 * 1024 * 1024 + 1));

        Assert.Equal("The file must be 10 MB or smaller. Choose a smaller file.", page.FieldError("File"));
        Assert.Equal(filesBefore, await StoredFilesAsync());
        Assert.Equal(0, await DocumentsOfAsync(member.Id));
    }

    [Fact]
    public async Task A_request_far_over_the_limit_gets_the_same_message_and_stores_nothing()
    {
        var (member, client) = await SignedInMemberAsync();
        var filesBefore = await StoredFilesAsync();

        var page = await UploadAsync(client, "huge.pdf", SampleFiles.Padded(SampleFiles.Pdf, 14 * 1024 * 1024),
            title: "Portfolio 2024", visibility: "OnlyMe", kind: "Portfolio");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(DocumentsPage, page.Path);
        Assert.Equal("The file must be 10 MB or smaller. Choose a smaller file.", page.FieldError("File"));
        Assert.Equal("Portfolio 2024", page.FieldValue("Title"));
        Assert.Equal("OnlyMe", page.Document.QuerySelector("#Visibility option[selected]")!.GetAttribute("value"));
        Assert.Equal("Portfolio", page.Document.QuerySelector("#Kind option[selected]")!.GetAttribute("value"));
        Assert.Equal(filesBefore, await StoredFilesAsync());
        Assert.Equal(0, await DocumentsOfAsync(member.Id));
    }

    [Fact]
    public async Task A_title_is_required_and_limited_to_120_characters()
    {
        var (member, client) = await SignedInMemberAsync();

        var empty = await UploadAsync(client, "cv.pdf", SampleFiles.Pdf, title: "  ");
        var tooLong = await UploadAsync(client, "cv.pdf", SampleFiles.Pdf, title: new string('x', 121));

        Assert.Equal("Enter a title for the document", empty.FieldError("Title"));
        Assert.Equal("Title must be 120 characters or fewer", tooLong.FieldError("Title"));
        Assert.Equal(new string('x', 121), tooLong.FieldValue("Title"));
        Assert.Equal(0, await DocumentsOfAsync(member.Id));
    }

    [Fact]
    public async Task A_file_name_with_folder_parts_is_shown_and_downloaded_without_them()
    {
        var (member, client) = await SignedInMemberAsync();

        var page = await UploadAsync(client, "../../etc/passwd", SampleFiles.Pdf, title: "Sneaky");
        await UploadAsync(client, "Zeugnis; Mai 2024.pdf", SampleFiles.Pdf, title: "With a semicolon");

        Assert.Equal(DocumentsPage, page.Path);
        var names = await app.WithDbAsync(db => db.ProfileDocuments.Where(d => d.UserId == member.Id)
            .OrderBy(d => d.Title).Select(d => new { d.Id, d.DisplayName }).ToListAsync());
        Assert.Equal(["passwd", "Zeugnis; Mai 2024.pdf"], names.Select(n => n.DisplayName));

        var download = await client.GetAsync($"/documents/{names[0].Id}");
        Assert.Equal("attachment; filename*=UTF-8''passwd.pdf", download.Content.Headers.GetValues("Content-Disposition").Single());
        var second = await client.GetAsync($"/documents/{names[1].Id}");
        Assert.Equal("attachment; filename*=UTF-8''Zeugnis%3B%20Mai%202024.pdf", second.Content.Headers.GetValues("Content-Disposition").Single());
        // Stored under a random id, never under the name.
        var fileIds = await app.WithDbAsync(db => db.ProfileDocuments.Where(d => d.UserId == member.Id).Select(d => d.FileId).ToListAsync());
        Assert.All(fileIds, id => Assert.NotEqual(Guid.Empty, id));
    }

    [Fact]
    public async Task A_free_member_keeps_3_documents_and_the_4th_is_refused_with_a_link_to_premium()
    {
        var (member, client) = await SignedInMemberAsync();
        for (var i = 1; i <= 3; i++)
            await UploadAsync(client, $"doc{i}.pdf", SampleFiles.Pdf, title: $"Document {i}");
        var filesBefore = await StoredFilesAsync();

        var page = await UploadAsync(client, "doc4.pdf", SampleFiles.Pdf, title: "Document 4");

        Assert.Equal("Free members can keep up to 3 documents. Delete one first, or keep up to 20 with premium.",
            page.FieldError("File"));
        Assert.NotNull(page.Document.QuerySelector("#File-error + p a[href='/premium']"));
        Assert.Equal(3, await DocumentsOfAsync(member.Id));
        Assert.Equal(filesBefore, await StoredFilesAsync());
        Assert.NotNull(page.Document.QuerySelector("[data-testid=limit-reached] a[href='/premium']"));
    }

    [Fact]
    public async Task A_premium_member_may_add_a_4th_document()
    {
        var (member, client) = await SignedInMemberAsync("docs-premium");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PremiumUntil, app.Clock.GetUtcNow().AddDays(30))));
        for (var i = 1; i <= 4; i++)
            await UploadAsync(client, $"doc{i}.pdf", SampleFiles.Pdf, title: $"Document {i}");

        var page = await client.OpenAsync(DocumentsPage);

        Assert.Equal(4, await DocumentsOfAsync(member.Id));
        Assert.Equal("You keep 4 of 20 possible documents.", page.Document.QuerySelector("[data-testid=document-count]")!.TextContent.Trim());
        Assert.Equal(["Document 4", "Document 3", "Document 2", "Document 1"], ListedTitles(page));
    }

    [Fact]
    public async Task When_premium_has_ended_the_free_limit_applies_again()
    {
        var (member, client) = await SignedInMemberAsync("docs-expired");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PremiumUntil, app.Clock.GetUtcNow().AddMinutes(-1))));
        for (var i = 1; i <= 3; i++)
            await UploadAsync(client, $"doc{i}.pdf", SampleFiles.Pdf, title: $"Document {i}");

        var page = await UploadAsync(client, "doc4.pdf", SampleFiles.Pdf, title: "Document 4");

        Assert.StartsWith("Free members can keep up to 3 documents.", page.FieldError("File"));
        Assert.Equal(3, await DocumentsOfAsync(member.Id));
    }

    [Fact]
    public async Task The_owner_changes_title_kind_and_visibility()
    {
        var (member, client) = await SignedInMemberAsync();
        await UploadAsync(client, "cv.pdf", SampleFiles.Pdf, title: "Old title");
        var doc = await OnlyDocumentOfAsync(member.Id);

        var edit = await client.OpenAsync($"{DocumentsPage}/{doc.Id}/edit");
        Assert.Equal("Old title", edit.FieldValue("Title"));
        var invalid = await edit.SubmitAsync(client, $"{DocumentsPage}/{doc.Id}/edit",
            new Dictionary<string, string> { ["Title"] = "", ["Kind"] = "Portfolio", ["Visibility"] = "OnlyMe" });
        Assert.Equal("Enter a title for the document", invalid.FieldError("Title"));
        Assert.Equal("Portfolio", invalid.Document.QuerySelector("#Kind option[selected]")!.GetAttribute("value"));

        var saved = await edit.SubmitAsync(client, $"{DocumentsPage}/{doc.Id}/edit",
            new Dictionary<string, string> { ["Title"] = "New title", ["Kind"] = "Portfolio", ["Visibility"] = "OnlyMe" });

        Assert.Equal(DocumentsPage, saved.Path);
        Assert.Equal("\"New title\" is saved.", saved.Flash);
        var after = await OnlyDocumentOfAsync(member.Id);
        Assert.Equal(("New title", DocumentKind.Portfolio, FieldVisibility.OnlyMe), (after.Title, after.Kind, after.Visibility));
    }

    [Fact]
    public async Task The_owner_deletes_a_document_after_confirming_and_its_file_is_gone()
    {
        var (member, client) = await SignedInMemberAsync();
        await UploadAsync(client, "cv.pdf", SampleFiles.Pdf, title: "To delete");
        var doc = await OnlyDocumentOfAsync(member.Id);
        var filesBefore = await StoredFilesAsync();

        var confirm = await client.OpenAsync($"{DocumentsPage}/{doc.Id}/delete");
        Assert.Equal("Delete \"To delete\"?", confirm.Document.QuerySelector("h1")!.TextContent.Trim());
        var done = await confirm.SubmitAsync(client, $"{DocumentsPage}/{doc.Id}/delete", new Dictionary<string, string>());

        Assert.Equal("\"To delete\" is deleted.", done.Flash);
        Assert.Equal(0, await DocumentsOfAsync(member.Id));
        Assert.Equal(filesBefore - 1, await StoredFilesAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/documents/{doc.Id}")).StatusCode);
    }

    [Fact]
    public async Task Another_member_cannot_edit_or_delete_your_document()
    {
        var (owner, ownerClient) = await SignedInMemberAsync("docs-owner");
        await UploadAsync(ownerClient, "cv.pdf", SampleFiles.Pdf, title: "Mine");
        var doc = await OnlyDocumentOfAsync(owner.Id);
        var (_, other) = await SignedInMemberAsync("docs-intruder");
        var otherPage = await other.OpenAsync(DocumentsPage);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{DocumentsPage}/{doc.Id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{DocumentsPage}/{doc.Id}/delete")).StatusCode);
        var edit = await other.PostWithTokenOfAsync(otherPage, $"{DocumentsPage}/{doc.Id}/edit",
            new Dictionary<string, string> { ["Title"] = "Hijacked", ["Kind"] = "Other", ["Visibility"] = "Everyone" });
        var delete = await other.PostWithTokenOfAsync(otherPage, $"{DocumentsPage}/{doc.Id}/delete", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, edit.Status);
        Assert.Equal(HttpStatusCode.NotFound, delete.Status);
        var after = await OnlyDocumentOfAsync(owner.Id);
        Assert.Equal(("Mine", FieldVisibility.Members), (after.Title, after.Visibility));
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync($"/documents/{doc.Id}")).StatusCode);
    }

    [Fact]
    public async Task Unknown_document_ids_are_not_found()
    {
        var (_, client) = await SignedInMemberAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/documents/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/documents/not-an-id")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{DocumentsPage}/{Guid.NewGuid()}/edit")).StatusCode);
    }
}
