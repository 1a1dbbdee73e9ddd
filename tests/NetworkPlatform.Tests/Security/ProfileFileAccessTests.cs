using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.ContactExport;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.Security;

/// <summary>
/// Issue 15, "Photos and documents answer 200 after their owner blocked the viewer, and after the owner asked for
/// account deletion": the photo and a document seen by everyone (so that only opening the profile decides) answer as
/// the profile page decides (ProfileAccess): a block either way makes the viewer a visitor from the web, a pending
/// deletion hides the owner from everyone but themselves.
/// </summary>
public class ProfileFileAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<ProfileAudience, string, bool, HttpStatusCode> Cases => new()
    {
        { ProfileAudience.Members, "owner", false, HttpStatusCode.OK },
        { ProfileAudience.Members, "contact", false, HttpStatusCode.OK },
        { ProfileAudience.Members, "member", false, HttpStatusCode.OK },
        { ProfileAudience.Members, "anonymous", false, HttpStatusCode.NotFound },
        { ProfileAudience.Members, "blocked by the owner", false, HttpStatusCode.NotFound },
        { ProfileAudience.Members, "blocking the owner", false, HttpStatusCode.NotFound },
        { ProfileAudience.Members, "contact", true, HttpStatusCode.NotFound },
        { ProfileAudience.Members, "member", true, HttpStatusCode.NotFound },
        { ProfileAudience.Members, "owner", true, HttpStatusCode.OK },
        // A public profile shows a blocked member what it shows the web, as the page does.
        { ProfileAudience.Public, "anonymous", false, HttpStatusCode.OK },
        { ProfileAudience.Public, "blocked by the owner", false, HttpStatusCode.OK },
        { ProfileAudience.Public, "blocking the owner", false, HttpStatusCode.OK },
        { ProfileAudience.Public, "anonymous", true, HttpStatusCode.NotFound },
        { ProfileAudience.Public, "blocked by the owner", true, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Photos_and_documents_answer_only_where_the_profile_page_may_be_opened(
        ProfileAudience audience, string viewer, bool deletionPending, HttpStatusCode expected)
    {
        var owner = await app.CreateMemberAsync(TestData.UniqueEmail("files-owner"));
        var ownerClient = app.NewClient();
        await ownerClient.LoginAsync(owner.Email!);
        Assert.Equal("/profile/edit/photo", (await ownerClient.SubmitFileAsync("/profile/edit/photo", "/profile/edit/photo",
            new Dictionary<string, string>(), "Photo", "me.png", SampleFiles.Png(3, 3), "image/png")).Path);
        Assert.Equal("/profile/edit/documents", (await ownerClient.SubmitFileAsync("/profile/edit/documents",
            "/profile/edit/documents",
            new Dictionary<string, string> { ["Title"] = "CV", ["Visibility"] = nameof(FieldVisibility.Everyone) },
            "File", "cv.pdf", SampleFiles.Pdf, "application/pdf")).Path);
        await app.EditProfileAsync(owner.Id, p => p.Audience = audience);
        var document = await app.WithDbAsync(db => db.ProfileDocuments.Where(d => d.UserId == owner.Id).Select(d => d.Id).SingleAsync());

        var client = viewer switch
        {
            "owner" => ownerClient,
            "anonymous" => app.NewClient(),
            _ => await ViewerAsync(owner.Id, viewer),
        };
        if (deletionPending)
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == owner.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.DeletionRequestedAt, app.Clock.GetUtcNow())));

        foreach (var url in new[] { $"/photos/{owner.Id}/small", $"/photos/{owner.Id}/large", $"/documents/{document}" })
            Assert.True(expected == (await client.GetAsync(url)).StatusCode, $"{url} for {viewer}: expected {expected}");
    }

    private async Task<HttpClient> ViewerAsync(Guid ownerId, string relation)
    {
        var viewer = await app.CreateMemberAsync(TestData.UniqueEmail("files-viewer"));
        var client = app.NewClient();
        await client.LoginAsync(viewer.Email!);
        if (relation == "contact")
            await app.ConnectAsync(ownerId, viewer.Id);
        if (relation.StartsWith("block", StringComparison.Ordinal))
            await app.WithDbAsync(db =>
            {
                var byOwner = relation == "blocked by the owner";
                db.MemberBlocks.Add(new MemberBlock
                {
                    BlockerId = byOwner ? ownerId : viewer.Id,
                    BlockedId = byOwner ? viewer.Id : ownerId,
                    CreatedAt = app.Clock.GetUtcNow(),
                });
                return db.SaveChangesAsync();
            });
        return client;
    }
}
