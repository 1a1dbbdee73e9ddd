using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>Profiles written straight into the database, for tests whose subject is viewing them, not editing.</summary>
public static class ProfileViewTestData
{
    public record Member(AppUser User, string Slug, HttpClient? Client)
    {
        public Guid Id => User.Id;
        public string Email => User.Email!;
        public string Url => "/p/" + Slug;
    }

    /// <summary>A confirmed member with a profile changed by <paramref name="edit"/>; logged in if asked.</summary>
    public static async Task<Member> MemberWithProfileAsync(this AppFactory app, Action<MemberProfile>? edit = null,
        string first = "Erika", string last = "Mustermann", bool login = false, string language = "en")
    {
        var user = await app.CreateMemberAsync(TestData.UniqueEmail(first.ToLowerInvariant()), first: first, last: last,
            culture: language);
        var slug = await app.EditProfileAsync(user.Id, p => edit?.Invoke(p));
        HttpClient? client = null;
        if (login)
        {
            client = app.NewClient(language: language);
            await client.LoginAsync(user.Email!);
        }
        return new Member(user, slug, client);
    }

    /// <summary>Changes the member's profile (made first if missing) and saves it; returns its slug.</summary>
    public static Task<string> EditProfileAsync(this AppFactory app, Guid userId, Action<MemberProfile> edit) =>
        app.WithDbAsync(async db =>
        {
            var profile = await new ProfileService(db, app.Clock).EnsureAsync(userId);
            edit(profile);
            await db.SaveChangesAsync();
            return profile.Slug;
        });

    public static ProfileEntry Entry(Guid userId, EntryKind kind, string title, string organisation, DateOnly start,
        DateOnly? end = null, string? description = null) => new()
    {
        // No Id: EF makes one, so the entry is added even when its profile is already tracked.
        UserId = userId,
        Kind = kind,
        Title = title,
        Organisation = organisation,
        StartMonth = start,
        EndMonth = end,
        IsCurrent = end is null,
        Description = description,
    };

    /// <summary>A document row with a small stored file behind it (the file's bytes do not matter here).</summary>
    public static Task<Guid> AddDocumentAsync(this AppFactory app, Guid userId, string title, FieldVisibility visibility) =>
        app.WithDbAsync(async db =>
        {
            var fileId = new DatabaseFileStore(db, app.Clock).Add("application/pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray());
            var doc = new ProfileDocument
            {
                Id = Guid.NewGuid(),
                UserId = userId,
                Title = title,
                Kind = DocumentKind.Certificate,
                Visibility = visibility,
                FileId = fileId,
                DisplayName = "certificate.pdf",
                ContentType = "application/pdf",
                Size = 15,
                CreatedAt = app.Clock.GetUtcNow(),
            };
            db.ProfileDocuments.Add(doc);
            await db.SaveChangesAsync();
            return doc.Id;
        });

    public static Task SetPremiumAsync(this AppFactory app, Guid userId, int days = 30) =>
        app.WithDbAsync(async db =>
        {
            var until = app.Clock.GetUtcNow().AddDays(days);
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PremiumUntil, until));
            return 0;
        });
}
