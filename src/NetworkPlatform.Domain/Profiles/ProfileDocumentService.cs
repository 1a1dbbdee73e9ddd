using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Files;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>A document as others see it listed on a profile (only those the viewer may see).</summary>
public record DocumentListItem(Guid Id, string Title, DocumentKind Kind, string DisplayName, string ContentType,
    long Size, FieldVisibility Visibility, DateTimeOffset CreatedAt);

/// <summary>A document as its owner manages it.</summary>
public record OwnDocument(Guid Id, string Title, DocumentKind Kind, FieldVisibility Visibility, string DisplayName,
    string ContentType, long Size, DateTimeOffset CreatedAt);

/// <summary>How many documents the member keeps, and may keep with their tier.</summary>
public record DocumentQuota(int Count, int Limit, bool IsPremium)
{
    public bool IsFull => Count >= Limit;
}

/// <summary>What the uploader says about a new document; the file itself comes as a stream.</summary>
public record NewDocument(string? Title, DocumentKind Kind, FieldVisibility Visibility, string? FileName);

/// <summary>A document file as it is downloaded: the name to save it under, its type and its bytes.</summary>
public record DocumentDownload(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Certificates, references and portfolio pieces on a profile: PDF, JPEG or PNG up to 10 MB, recognised by content,
/// stored under a random id; 3 for free members, 20 for premium; each with its own visibility, checked on every
/// download through <see cref="ProfileAccess"/>.
/// </summary>
public class ProfileDocumentService(AppDbContext db, TimeProvider time, IFileStore files, ProfileService profiles)
{
    public const int TitleMaxLength = 120;

    public static readonly IReadOnlyList<FileType> Types = [FileType.Pdf, FileType.Jpeg, FileType.Png];

    /// <summary>
    /// The documents of <paramref name="ownerId"/> that <paramref name="viewer"/> may see, newest first. Whether the
    /// viewer may open the profile at all is the caller's question (<see cref="ProfileAccess.CanOpen"/>).
    /// </summary>
    public async Task<IReadOnlyList<DocumentListItem>> VisibleDocumentsAsync(Guid ownerId, ViewerRelation viewer,
        CancellationToken ct = default)
    {
        // The allowed levels come from the one rule, so the SQL filter cannot drift from it.
        var allowed = Enum.GetValues<FieldVisibility>().Where(v => ProfileAccess.CanSee(v, viewer)).ToArray();
        return await db.ProfileDocuments.AsNoTracking()
            .Where(d => d.UserId == ownerId && allowed.Contains(d.Visibility))
            .OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => new DocumentListItem(d.Id, d.Title, d.Kind, d.DisplayName, d.ContentType, d.Size, d.Visibility,
                d.CreatedAt))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<OwnDocument>> ListOwnAsync(Guid userId, CancellationToken ct = default) =>
        await Own(db.ProfileDocuments.AsNoTracking().Where(d => d.UserId == userId)
                .OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id))
            .ToListAsync(ct);

    public Task<OwnDocument?> GetOwnAsync(Guid userId, Guid id, CancellationToken ct = default) =>
        Own(db.ProfileDocuments.AsNoTracking().Where(d => d.UserId == userId && d.Id == id)).SingleOrDefaultAsync(ct);

    public async Task<DocumentQuota> QuotaAsync(Guid userId, CancellationToken ct = default)
    {
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { User = u, Count = db.ProfileDocuments.Count(d => d.UserId == u.Id) })
            .SingleAsync(ct);
        var premium = row.User.TierAt(time.GetUtcNow()) == Tier.Premium;
        return new DocumentQuota(row.Count, premium ? ProfileDocument.PremiumLimit : ProfileDocument.FreeLimit, premium);
    }

    /// <summary>Checks and stores a new document; returns its id.</summary>
    /// <exception cref="FileRefusedException">too large, empty, not a PDF/JPEG/PNG, or over the member's limit</exception>
    public async Task<Guid> UploadAsync(Guid userId, NewDocument document, Stream content, CancellationToken ct = default)
    {
        var title = CleanTitle(document.Title);
        CheckChoices(document.Kind, document.Visibility);
        var bytes = await UploadedBytes.ReadAtMostAsync(content, ProfileDocument.MaxBytes, ct)
                    ?? throw new FileRefusedException("ProfileDocuments.TooLarge", UploadedBytes.Megabytes(ProfileDocument.MaxBytes));
        if (bytes.Length == 0)
            throw new FileRefusedException("ProfileDocuments.FileRequired");
        var type = FileSignatures.Detect(bytes);
        if (type is null || !Types.Contains(type))
            throw new FileRefusedException("ProfileDocuments.WrongType");

        await profiles.EnsureAsync(userId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The profile row is the lock: two uploads at once are counted one after the other, never both under the limit.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"MemberProfiles\" WHERE \"UserId\" = {userId} FOR UPDATE", ct);
        var quota = await QuotaAsync(userId, ct);
        if (quota.IsFull)
            throw quota.IsPremium
                ? new FileRefusedException("ProfileDocuments.LimitPremium", quota.Limit)
                : new FileRefusedException("ProfileDocuments.LimitFree", quota.Limit, ProfileDocument.PremiumLimit);

        var doc = new ProfileDocument
        {
            // Random (not time-ordered): the id appears in download links.
            Id = Guid.NewGuid(),
            UserId = userId,
            Title = title,
            Kind = document.Kind,
            Visibility = document.Visibility,
            FileId = files.Add(type.ContentType, bytes),
            DisplayName = FileNames.ForDisplay(document.FileName),
            ContentType = type.ContentType,
            Size = bytes.LongLength,
            CreatedAt = time.GetUtcNow(),
        };
        db.ProfileDocuments.Add(doc);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return doc.Id;
    }

    /// <summary>Changes title, kind and visibility of the member's own document; false if it is not theirs.</summary>
    public async Task<bool> UpdateAsync(Guid userId, Guid id, string? title, DocumentKind kind,
        FieldVisibility visibility, CancellationToken ct = default)
    {
        var clean = CleanTitle(title);
        CheckChoices(kind, visibility);
        var changed = await db.ProfileDocuments
            .Where(d => d.Id == id && d.UserId == userId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Title, clean)
                .SetProperty(d => d.Kind, kind)
                .SetProperty(d => d.Visibility, visibility), ct);
        return changed == 1;
    }

    /// <summary>Deletes the member's own document and its file; false if it is not theirs.</summary>
    public async Task<bool> DeleteAsync(Guid userId, Guid id, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var fileId = await db.ProfileDocuments.Where(d => d.Id == id && d.UserId == userId)
            .Select(d => (Guid?)d.FileId).SingleOrDefaultAsync(ct);
        if (fileId is null)
            return false;
        await db.ProfileDocuments.Where(d => d.Id == id && d.UserId == userId).ExecuteDeleteAsync(ct);
        await files.DeleteAsync(fileId.Value, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The file, if <paramref name="viewerId"/> may open the owner's profile and see this document; null otherwise,
    /// exactly as for a document that does not exist, so that a refusal does not tell that it does.
    /// </summary>
    public async Task<DocumentDownload?> DownloadAsync(Guid id, Guid? viewerId, CancellationToken ct = default)
    {
        var row = await (
                from d in db.ProfileDocuments.AsNoTracking()
                where d.Id == id
                join p in db.Profiles on d.UserId equals p.UserId
                // A member whose deletion is pending is gone for everyone else (MemberVisibility).
                where p.User.DeletionRequestedAt == null || p.UserId == viewerId
                select new
                {
                    d.UserId, p.Audience, d.Visibility, d.DisplayName, d.ContentType, d.FileId,
                    IsContact = viewerId != null && db.Contacts.Any(c => c.UserId == d.UserId && c.ContactUserId == viewerId),
                    Blocked = viewerId != null && db.MemberBlocks.Any(b =>
                        (b.BlockerId == d.UserId && b.BlockedId == viewerId) || (b.BlockerId == viewerId && b.BlockedId == d.UserId)),
                })
            .SingleOrDefaultAsync(ct);
        if (row is null)
            return null;
        var relation = ProfileAccess.RelationOf(row.UserId, viewerId, row.IsContact, row.Blocked);
        if (!ProfileAccess.CanOpen(row.Audience, relation) || !ProfileAccess.CanSee(row.Visibility, relation))
            return null;
        var file = await files.GetAsync(row.FileId, ct);
        if (file is null)
            return null;
        var name = FileNames.ForDownload(row.DisplayName, FileType.FromContentType(row.ContentType));
        return new DocumentDownload(name, row.ContentType, file.Content);
    }

    private static IQueryable<OwnDocument> Own(IQueryable<ProfileDocument> documents) =>
        documents.Select(d => new OwnDocument(d.Id, d.Title, d.Kind, d.Visibility, d.DisplayName, d.ContentType, d.Size,
                d.CreatedAt));

    private static string CleanTitle(string? title)
    {
        var clean = (title ?? "").Trim();
        if (clean.Length == 0)
            throw new DomainException("ProfileDocuments.TitleRequired");
        if (clean.Length > TitleMaxLength)
            throw new DomainException("ProfileDocuments.TitleTooLong");
        return clean;
    }

    private static void CheckChoices(DocumentKind kind, FieldVisibility visibility)
    {
        if (!Enum.IsDefined(kind) || !Enum.IsDefined(visibility))
            throw new DomainException("Validation.Invalid");
    }
}
