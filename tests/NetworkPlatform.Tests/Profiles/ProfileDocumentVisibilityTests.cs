using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.ContactExport;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>
/// Who sees which document, from one table: every relation (owner, confirmed contact, other member, a member the owner
/// blocked, anonymous visitor) × every visibility, for a members-only and a public profile. The same table decides the
/// listing on the profile page and the download, so the two cannot disagree (a contact once saw a document listed and
/// got 404 for it). Refused downloads are 404, as for a document that does not exist.
/// </summary>
public class ProfileDocumentVisibilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Relations = ["owner", "contact", "member", "blocked", "anonymous"];

    /// <summary>The expected answers, written out rather than computed from the rule under test.</summary>
    private static readonly Dictionary<(ProfileAudience, string Viewer), FieldVisibility[]> Sees = new()
    {
        [(ProfileAudience.Members, "owner")] = [FieldVisibility.Everyone, FieldVisibility.Members, FieldVisibility.Contacts, FieldVisibility.OnlyMe],
        [(ProfileAudience.Members, "contact")] = [FieldVisibility.Everyone, FieldVisibility.Members, FieldVisibility.Contacts],
        [(ProfileAudience.Members, "member")] = [FieldVisibility.Everyone, FieldVisibility.Members],
        // A block makes the viewer a stranger from the web, and a members-only profile is closed to the web.
        [(ProfileAudience.Members, "blocked")] = [],
        [(ProfileAudience.Members, "anonymous")] = [],

        [(ProfileAudience.Public, "owner")] = [FieldVisibility.Everyone, FieldVisibility.Members, FieldVisibility.Contacts, FieldVisibility.OnlyMe],
        [(ProfileAudience.Public, "contact")] = [FieldVisibility.Everyone, FieldVisibility.Members, FieldVisibility.Contacts],
        [(ProfileAudience.Public, "member")] = [FieldVisibility.Everyone, FieldVisibility.Members],
        [(ProfileAudience.Public, "blocked")] = [FieldVisibility.Everyone],
        [(ProfileAudience.Public, "anonymous")] = [FieldVisibility.Everyone],
    };

    /// <summary>
    /// An owner (premium, for room) with one document per visibility, uploaded through the form, and a browser for
    /// each relation: the contact is confirmed, the blocked member was blocked by the owner.
    /// </summary>
    private async Task<(string Url, Dictionary<FieldVisibility, Guid> Documents, Dictionary<string, HttpClient> Viewers)>
        SetUpAsync(ProfileAudience audience)
    {
        var owner = await app.CreateMemberAsync(TestData.UniqueEmail("matrix-owner"));
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == owner.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PremiumUntil, app.Clock.GetUtcNow().AddDays(30))));
        var ownerClient = app.NewClient();
        await ownerClient.LoginAsync(owner.Email!);
        foreach (var visibility in Enum.GetValues<FieldVisibility>())
        {
            var page = await ownerClient.SubmitFileAsync("/profile/edit/documents", "/profile/edit/documents",
                new Dictionary<string, string> { ["Title"] = $"Document for {visibility}", ["Visibility"] = visibility.ToString() },
                "File", $"{visibility}.pdf", SampleFiles.Pdf, "application/pdf");
            Assert.Equal("/profile/edit/documents", page.Path);
        }
        var slug = await app.EditProfileAsync(owner.Id, p => p.Audience = audience);
        var documents = await app.WithDbAsync(db => db.ProfileDocuments.Where(d => d.UserId == owner.Id)
            .ToDictionaryAsync(d => d.Visibility, d => d.Id));

        var viewers = new Dictionary<string, HttpClient> { ["owner"] = ownerClient, ["anonymous"] = app.NewClient() };
        foreach (var relation in new[] { "contact", "member", "blocked" })
        {
            var viewer = await app.CreateMemberAsync(TestData.UniqueEmail("matrix-" + relation));
            var client = app.NewClient();
            await client.LoginAsync(viewer.Email!);
            viewers[relation] = client;
            if (relation == "contact")
                await app.ConnectAsync(owner.Id, viewer.Id);
            if (relation == "blocked")
                await app.WithDbAsync(db =>
                {
                    db.MemberBlocks.Add(new MemberBlock { BlockerId = owner.Id, BlockedId = viewer.Id, CreatedAt = app.Clock.GetUtcNow() });
                    return db.SaveChangesAsync();
                });
        }
        return ("/p/" + slug, documents, viewers);
    }

    [Theory]
    [InlineData(ProfileAudience.Members)]
    [InlineData(ProfileAudience.Public)]
    public async Task Each_relation_is_listed_and_downloads_exactly_the_documents_their_visibility_allows(
        ProfileAudience audience)
    {
        var (url, documents, viewers) = await SetUpAsync(audience);

        var wrong = new List<string>();
        foreach (var relation in Relations)
        {
            var client = viewers[relation];
            var expected = Sees[(audience, relation)];
            var page = await client.OpenAsync(url);
            var listed = page.Document.QuerySelectorAll("[data-section=documents] a[href^='/documents/']")
                .Select(a => a.TextContent.Trim()).Order().ToList();
            var expectedTitles = expected.Select(v => $"Document for {v}").Order().ToList();
            if (!listed.SequenceEqual(expectedTitles))
                wrong.Add($"{relation} listed [{string.Join(", ", listed)}], expected [{string.Join(", ", expectedTitles)}]");

            foreach (var (visibility, id) in documents)
            {
                var response = await client.GetAsync($"/documents/{id}");
                var allowed = expected.Contains(visibility);
                if ((response.StatusCode == HttpStatusCode.OK) != allowed || (!allowed && response.StatusCode != HttpStatusCode.NotFound))
                    wrong.Add($"{relation} × {visibility}: download {(int)response.StatusCode}, expected {(allowed ? 200 : 404)}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Assert.StartsWith("attachment; filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single());
                    Assert.Equal(SampleFiles.Pdf, await response.Content.ReadAsByteArrayAsync());
                }
            }
        }
        Assert.True(wrong.Count == 0, $"{audience} profile: " + string.Join("; ", wrong));
    }

    [Fact]
    public async Task A_member_whose_deletion_is_pending_has_no_downloadable_documents_for_others()
    {
        var (_, documents, viewers) = await SetUpAsync(ProfileAudience.Public);
        var everyone = documents[FieldVisibility.Everyone];
        await app.WithDbAsync(async db =>
        {
            var ownerId = await db.ProfileDocuments.Where(d => d.Id == everyone).Select(d => d.UserId).SingleAsync();
            return await db.Users.Where(u => u.Id == ownerId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.DeletionRequestedAt, app.Clock.GetUtcNow()));
        });

        Assert.Equal(HttpStatusCode.NotFound, (await viewers["contact"].GetAsync($"/documents/{everyone}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewers["anonymous"].GetAsync($"/documents/{everyone}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewers["owner"].GetAsync($"/documents/{everyone}")).StatusCode);
    }
}
