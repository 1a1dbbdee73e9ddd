using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.ContactImports;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Domain.Premium;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;
using NetworkPlatform.Web.Infrastructure.Jobs;

namespace NetworkPlatform.Tests.Privacy;

/// <summary>The app without the background job runner: the tests run jobs themselves, after moving the clock.</summary>
public class PrivacyFactory : AppFactory
{
    protected override IDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Jobs:RunInBackground"] = "false" };

    public JobRunner Runner => Services.GetRequiredService<JobRunner>();

    /// <summary>Queues the recurring jobs (as start-up does) and runs everything due now.</summary>
    public async Task<int> RunJobsAsync()
    {
        await Runner.EnsureRecurringAsync(CancellationToken.None);
        return await Runner.RunDueAsync();
    }
}

/// <summary>
/// A member with data in every area that exists, and the other members around them. Each value that may appear
/// in the export, or must not, is a unique marker string, so the test can look for it in the whole archive.
/// </summary>
public sealed record Network(
    ProfileViewTestData.Member Me, ProfileViewTestData.Member Contact, ProfileViewTestData.Member RequestedByMe,
    ProfileViewTestData.Member RequestedMe, ProfileViewTestData.Member Blocked, ProfileViewTestData.Member Dismissed,
    ProfileViewTestData.Member NamedVisitor, ProfileViewTestData.Member AnonymousVisitor,
    ProfileViewTestData.Member Stranger, Guid PhotoFileId, Guid DocumentFileId, string VoucherCode);

public static class PrivacyTestData
{
    public static readonly byte[] Photo = SampleFiles.Jpeg;

    public static async Task<Network> NetworkAsync(this AppFactory app, string language = "en")
    {
        var me = await app.MemberWithProfileAsync(p =>
        {
            p.Headline = "ME-HEADLINE";
            p.Skills = ["ME-SKILL"];
            p.Haves = ["ME-OFFER"];
            p.Phone = "ME-PHONE-ONLY-ME";
            p.BusinessEmail = "me-business@example.org";
            p.BusinessEmailVisibility = FieldVisibility.Members;
            p.Entries.Add(ProfileViewTestData.Entry(p.UserId, EntryKind.Experience, "ME-JOB", "ME-EMPLOYER",
                new DateOnly(2020, 1, 1)));
            p.Entries.Add(ProfileViewTestData.Entry(p.UserId, EntryKind.Education, "ME-DEGREE", "ME-SCHOOL",
                new DateOnly(2010, 10, 1), new DateOnly(2014, 9, 1)));
            p.Languages.Add(new ProfileLanguage { UserId = p.UserId, Name = "ME-LANGUAGE", Level = LanguageLevel.C1 });
            p.Links.Add(new ProfileLink { UserId = p.UserId, Title = "ME-LINK", Url = "https://example.org/me" });
        }, "Erika", "Privacy", login: true, language: language);
        var contact = await app.MemberWithProfileAsync(p =>
        {
            p.Headline = "CONTACT-HEADLINE";
            p.Phone = "CONTACT-PHONE-ONLY-ME";
            p.PhoneVisibility = FieldVisibility.OnlyMe;
            p.Mobile = "CONTACT-MOBILE-FOR-CONTACTS";
            p.MobileVisibility = FieldVisibility.Contacts;
            p.Address = "CONTACT-ADDRESS-EVERYONE";
            p.AddressVisibility = FieldVisibility.Everyone;
        }, "Conny", "Contact");
        var requestedByMe = await app.MemberWithProfileAsync(null, "Rita", "Requested");
        var requestedMe = await app.MemberWithProfileAsync(null, "Ralf", "Requester");
        var blocked = await app.MemberWithProfileAsync(null, "Bernd", "Blocked");
        var dismissed = await app.MemberWithProfileAsync(null, "Dora", "Dismissed");
        var named = await app.MemberWithProfileAsync(p => p.ShowMeAsVisitor = true, "Vera", "Visitor");
        var anonymous = await app.MemberWithProfileAsync(p => p.ShowMeAsVisitor = false, "Anton", "Hidden");
        var queued = await app.MemberWithProfileAsync(null, "Quincy", "Queued");
        var stranger = await app.MemberWithProfileAsync(p =>
        {
            p.Headline = "STRANGER-HEADLINE";
            p.Phone = "STRANGER-PHONE-EVERYONE";
            p.PhoneVisibility = FieldVisibility.Everyone;
        }, "Sven", "Stranger");

        var now = app.Clock.GetUtcNow();
        var (photoId, voucher) = await app.WithDbAsync(async db =>
        {
            var files = new DatabaseFileStore(db, app.Clock);
            var photo = files.Add("image/jpeg", Photo);
            var small = files.Add("image/jpeg", Photo);
            var profile = await db.Profiles.FindAsync(me.Id);
            profile!.PhotoFileId = photo;
            profile.PhotoSmallFileId = small;

            void Connect(Guid a, Guid b, List<string> tags, string? note)
            {
                db.Contacts.Add(new Contact { UserId = a, ContactUserId = b, CreatedAt = now, Tags = tags, Note = note });
                db.Contacts.Add(new Contact { UserId = b, ContactUserId = a, CreatedAt = now, Tags = ["THEIR-TAG"], Note = "THEIR-NOTE-ABOUT-ME" });
            }
            Connect(me.Id, contact.Id, [BuiltInTags.Business, "ME-OWN-TAG"], "ME-NOTE-ON-CONTACT");
            // The stranger is a contact of my contact only: nothing of theirs belongs in my export.
            db.Contacts.Add(new Contact { UserId = contact.Id, ContactUserId = stranger.Id, CreatedAt = now });
            db.Contacts.Add(new Contact { UserId = stranger.Id, ContactUserId = contact.Id, CreatedAt = now });

            ContactRequest Request(Guid from, Guid to, string message)
            {
                var (low, high) = ContactRequest.Pair(from, to);
                return new ContactRequest
                {
                    Id = Guid.NewGuid(), FromUserId = from, ToUserId = to, PairLow = low, PairHigh = high,
                    Message = message, CreatedAt = now,
                };
            }
            db.ContactRequests.Add(Request(me.Id, requestedByMe.Id, "ME-REQUEST-MESSAGE"));
            db.ContactRequests.Add(Request(requestedMe.Id, me.Id, "REQUEST-TO-ME-MESSAGE"));
            db.ContactRequests.Add(Request(stranger.Id, contact.Id, "STRANGER-REQUEST-MESSAGE"));
            db.MemberBlocks.Add(new MemberBlock { BlockerId = me.Id, BlockedId = blocked.Id, CreatedAt = now });
            db.DismissedSuggestions.Add(new DismissedSuggestion { UserId = me.Id, DismissedUserId = dismissed.Id, CreatedAt = now });

            var today = DateOnly.FromDateTime(now.UtcDateTime);
            ProfileVisit Visit(Guid profile, Guid visitor, bool anonymousVisit) => new()
            {
                Id = Guid.NewGuid(), ProfileUserId = profile, VisitorUserId = visitor, Day = today, VisitedAt = now,
                Anonymous = anonymousVisit,
            };
            db.ProfileVisits.Add(Visit(me.Id, named.Id, false));
            db.ProfileVisits.Add(Visit(me.Id, anonymous.Id, true));
            db.ProfileVisits.Add(Visit(contact.Id, me.Id, false));
            db.ProfileVisits.Add(Visit(contact.Id, stranger.Id, false));

            // From a contact import: a pending invitation and a request waiting for the daily limit (mine), an
            // invitation of the stranger's (not mine), and an upload still in progress.
            db.ContactInvitations.Add(new ContactInvitation
            {
                Id = Guid.NewGuid(), InviterId = me.Id, Email = "me-invited@example.org", CreatedAt = now, MailedAt = now,
            });
            db.ContactInvitations.Add(new ContactInvitation
            {
                Id = Guid.NewGuid(), InviterId = stranger.Id, Email = "stranger-invited@example.org", CreatedAt = now,
            });
            db.QueuedContactRequests.Add(new QueuedContactRequest
            {
                Id = Guid.NewGuid(), FromUserId = me.Id, ToUserId = queued.Id, CreatedAt = now,
            });
            var upload = new ContactUpload
            {
                Id = Guid.NewGuid(), UserId = me.Id, CreatedAt = now, ExpiresAt = now + ContactUpload.Lifetime,
                State = ContactUploadState.Ready, Format = ContactFileFormat.VCard, FileName = "contacts.vcf",
            };
            db.ContactUploads.Add(upload);
            db.ContactUploadRows.Add(new ContactUploadRow
            {
                UploadId = upload.Id, Line = 1, Name = "Quincy Queued", Emails = ["quincy@example.org"], MatchedUserId = queued.Id,
            });

            var code = VoucherCode.NewCode();
            db.VoucherCodes.Add(new VoucherCode
            {
                Id = Guid.NewGuid(), Code = code, Days = 30, CreatedAt = now, CreatedById = stranger.Id,
                RedeemedById = me.Id, RedeemedAt = now,
            });
            await db.SaveChangesAsync();
            return (photo, code);
        });
        var documentId = await app.AddDocumentAsync(me.Id, "ME-DOCUMENT", FieldVisibility.Contacts);
        var documentFile = await app.WithDbAsync(async db => (await db.ProfileDocuments.FindAsync(documentId))!.FileId);
        return new Network(me, contact, requestedByMe, requestedMe, blocked, dismissed, named, anonymous, stranger,
            photoId, documentFile, voucher);
    }

    /// <summary>Every file of a ZIP, as text (UTF-8) for searching, and as bytes.</summary>
    public static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        });
    }

    public static string Text(this Dictionary<string, byte[]> files, string path) =>
        Encoding.UTF8.GetString(files[path]);

    public static string AllText(this Dictionary<string, byte[]> files) =>
        string.Join("\n", files.Values.Select(Encoding.UTF8.GetString));
}
