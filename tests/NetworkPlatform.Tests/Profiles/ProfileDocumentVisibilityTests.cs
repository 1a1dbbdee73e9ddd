using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>
/// Who may download which document: the owner, another member and an anonymous visitor × every visibility, for a
/// members-only and a public profile. Refusals are 404, as for a document that does not exist. Contacts do not
/// exist yet, so "My contacts" means the owner only.
/// </summary>
public class ProfileDocumentVisibilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Ok = "200";
    private const string Hidden = "404";

    /// <summary>The expected answers, written out rather than computed from the rule under test.</summary>
    private static readonly Dictionary<(ProfileAudience, string Viewer, FieldVisibility), string> Expected = new()
    {
        [(ProfileAudience.Members, "owner", FieldVisibility.Everyone)] = Ok,
        [(ProfileAudience.Members, "owner", FieldVisibility.Members)] = Ok,
        [(ProfileAudience.Members, "owner", FieldVisibility.Contacts)] = Ok,
        [(ProfileAudience.Members, "owner", FieldVisibility.OnlyMe)] = Ok,
        [(ProfileAudience.Members, "member", FieldVisibility.Everyone)] = Ok,
        [(ProfileAudience.Members, "member", FieldVisibility.Members)] = Ok,
        [(ProfileAudience.Members, "member", FieldVisibility.Contacts)] = Hidden,
        [(ProfileAudience.Members, "member", FieldVisibility.OnlyMe)] = Hidden,
        [(ProfileAudience.Members, "anonymous", FieldVisibility.Everyone)] = Hidden,
        [(ProfileAudience.Members, "anonymous", FieldVisibility.Members)] = Hidden,
        [(ProfileAudience.Members, "anonymous", FieldVisibility.Contacts)] = Hidden,
        [(ProfileAudience.Members, "anonymous", FieldVisibility.OnlyMe)] = Hidden,

        [(ProfileAudience.Public, "owner", FieldVisibility.Everyone)] = Ok,
        [(ProfileAudience.Public, "owner", FieldVisibility.Members)] = Ok,
        [(ProfileAudience.Public, "owner", FieldVisibility.Contacts)] = Ok,
        [(ProfileAudience.Public, "owner", FieldVisibility.OnlyMe)] = Ok,
        [(ProfileAudience.Public, "member", FieldVisibility.Everyone)] = Ok,
        [(ProfileAudience.Public, "member", FieldVisibility.Members)] = Ok,
        [(ProfileAudience.Public, "member", FieldVisibility.Contacts)] = Hidden,
        [(ProfileAudience.Public, "member", FieldVisibility.OnlyMe)] = Hidden,
        [(ProfileAudience.Public, "anonymous", FieldVisibility.Everyone)] = Ok,
        [(ProfileAudience.Public, "anonymous", FieldVisibility.Members)] = Hidden,
        [(ProfileAudience.Public, "anonymous", FieldVisibility.Contacts)] = Hidden,
        [(ProfileAudience.Public, "anonymous", FieldVisibility.OnlyMe)] = Hidden,
    };

    /// <summary>An owner (premium, for room) with one document per visibility, uploaded through the form.</summary>
    private async Task<(Guid OwnerId, Dictionary<FieldVisibility, Guid> Documents, Dictionary<string, HttpClient> Viewers)>
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
                new Dictionary<string, string> { ["Title"] = visibility.ToString(), ["Visibility"] = visibility.ToString() },
                "File", $"{visibility}.pdf", SampleFiles.Pdf, "application/pdf");
            Assert.Equal("/profile/edit/documents", page.Path);
        }
        await app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == owner.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Audience, audience)));
        var documents = await app.WithDbAsync(db => db.ProfileDocuments.Where(d => d.UserId == owner.Id)
            .ToDictionaryAsync(d => d.Visibility, d => d.Id));

        var member = await app.CreateMemberAsync(TestData.UniqueEmail("matrix-member"));
        var memberClient = app.NewClient();
        await memberClient.LoginAsync(member.Email!);
        var viewers = new Dictionary<string, HttpClient>
        {
            ["owner"] = ownerClient,
            ["member"] = memberClient,
            ["anonymous"] = app.NewClient(),
        };
        return (owner.Id, documents, viewers);
    }

    [Theory]
    [InlineData(ProfileAudience.Members)]
    [InlineData(ProfileAudience.Public)]
    public async Task Each_viewer_downloads_exactly_the_documents_that_visibility_allows(ProfileAudience audience)
    {
        var (_, documents, viewers) = await SetUpAsync(audience);

        var wrong = new List<string>();
        foreach (var (viewer, client) in viewers)
        {
            foreach (var (visibility, id) in documents)
            {
                var response = await client.GetAsync($"/documents/{id}");
                var actual = ((int)response.StatusCode).ToString();
                var expected = Expected[(audience, viewer, visibility)];
                if (actual != expected)
                    wrong.Add($"{viewer} × {visibility}: {actual}, expected {expected}");
                if (response.StatusCode == HttpStatusCode.OK)
                    Assert.StartsWith("attachment; filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single());
            }
        }
        Assert.True(wrong.Count == 0, $"{audience} profile: " + string.Join("; ", wrong));
    }

    [Fact]
    public async Task The_profile_page_query_lists_only_what_each_relation_may_see()
    {
        var (ownerId, _, _) = await SetUpAsync(ProfileAudience.Public);

        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<ProfileDocumentService>();
        async Task<IReadOnlyList<string>> TitlesFor(ViewerRelation viewer) =>
            (await service.VisibleDocumentsAsync(ownerId, viewer)).Select(d => d.Title).Order().ToList();

        Assert.Equal(["Contacts", "Everyone", "Members", "OnlyMe"], await TitlesFor(ViewerRelation.Owner));
        Assert.Equal(["Contacts", "Everyone", "Members"], await TitlesFor(ViewerRelation.Contact));
        Assert.Equal(["Everyone", "Members"], await TitlesFor(ViewerRelation.Member));
        Assert.Equal(["Everyone"], await TitlesFor(ViewerRelation.Anonymous));
        var item = (await service.VisibleDocumentsAsync(ownerId, ViewerRelation.Anonymous)).Single();
        Assert.Equal(("application/pdf", (long)SampleFiles.Pdf.Length, DocumentKind.Certificate),
            (item.ContentType, item.Size, item.Kind));
    }
}
