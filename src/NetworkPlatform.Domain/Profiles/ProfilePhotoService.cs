using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Files;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>What the photo page shows: whose photo, and the current one if any.</summary>
public record PhotoOwner(Guid UserId, string Name, Guid? PhotoFileId);

/// <summary>A stored photo as it is served; <see cref="PhotoFileId"/> is the version the avatar links carry.</summary>
public record PhotoFile(string ContentType, byte[] Content, Guid PhotoFileId);

/// <summary>
/// The member's profile photo: JPEG, PNG or WebP up to 5 MB, recognised by content. With libvips (NetVips) it is
/// stored as two square JPEGs (400 and 96 px) without metadata; without it, as uploaded (both sizes point to the same
/// file).
/// </summary>
public class ProfilePhotoService(AppDbContext db, TimeProvider time, IFileStore files, IImageResizer resizer,
    ProfileService profiles)
{
    public const long MaxBytes = SquareImages.MaxBytes;
    public const int LargeSize = 400;
    public const int SmallSize = 96;

    public static readonly IReadOnlyList<FileType> Types = SquareImages.Types;

    public Task<PhotoOwner?> ForEditAsync(Guid userId, CancellationToken ct = default) =>
        (from u in db.Users.AsNoTracking()
         where u.Id == userId
         from p in db.Profiles.Where(p => p.UserId == u.Id).DefaultIfEmpty()
         select new PhotoOwner(u.Id, u.FirstName + " " + u.LastName, p == null ? null : p.PhotoFileId))
        .SingleOrDefaultAsync(ct);

    /// <summary>Checks, resizes and stores a new photo, then deletes the one it replaces.</summary>
    /// <exception cref="FileRefusedException">
    /// too large (bytes or pixels), empty, not a JPEG/PNG/WebP, or not readable as one
    /// </exception>
    public async Task UploadAsync(Guid userId, Stream content, CancellationToken ct = default)
    {
        var images = await SquareImages.ReadAsync(content, resizer, "ProfilePhoto", LargeSize, SmallSize, ct);
        await ChangeAsync(userId, profile => (profile.PhotoFileId, profile.PhotoSmallFileId) = images.AddTo(files), ct);
    }

    /// <summary>Removes the photo (others see the initials again); false if there was none.</summary>
    public async Task<bool> RemoveAsync(Guid userId, CancellationToken ct = default)
    {
        var had = false;
        await ChangeAsync(userId, profile =>
        {
            had = profile.PhotoFileId is not null;
            profile.PhotoFileId = null;
            profile.PhotoSmallFileId = null;
        }, ct);
        return had;
    }

    /// <summary>
    /// The photo as <paramref name="viewerId"/> may get it: only if they may open the profile, decided as for the
    /// page (<see cref="ProfileAccess"/>: anonymous visitors and members in a block with the owner, either way, only
    /// for public profiles; nobody but the owner while a deletion is pending; the owner always); null otherwise, and
    /// when there is no photo. Two queries: the profile's row, then the file.
    /// </summary>
    public async Task<PhotoFile?> ForViewerAsync(Guid ownerId, bool small, Guid? viewerId, CancellationToken ct = default)
    {
        var row = await db.Profiles.AsNoTracking()
            .Where(p => p.UserId == ownerId && p.PhotoFileId != null)
            // A member whose deletion is pending is gone for everyone else (MemberVisibility).
            .Where(p => p.User.DeletionRequestedAt == null || p.UserId == viewerId)
            .Select(p => new
            {
                p.Audience,
                Large = p.PhotoFileId!.Value,
                p.PhotoSmallFileId,
                Blocked = viewerId != null && db.MemberBlocks.Any(b =>
                    (b.BlockerId == p.UserId && b.BlockedId == viewerId) || (b.BlockerId == viewerId && b.BlockedId == p.UserId)),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
            return null;
        // Opening a profile does not depend on being a contact, so that is not asked.
        var relation = ProfileAccess.RelationOf(ownerId, viewerId, isContact: false, row.Blocked);
        if (!ProfileAccess.CanOpen(row.Audience, relation))
            return null;
        var file = await files.GetAsync(small ? row.PhotoSmallFileId ?? row.Large : row.Large, ct);
        return file is null ? null : new PhotoFile(file.ContentType, file.Content, row.Large);
    }

    /// <summary>
    /// Changes the photo ids under a row lock, so that two uploads at once cannot both keep (or both delete) the same
    /// old files, then deletes the files no longer used, in the same transaction.
    /// </summary>
    private async Task ChangeAsync(Guid userId, Action<MemberProfile> change, CancellationToken ct)
    {
        var profile = await profiles.EnsureAsync(userId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"MemberProfiles\" WHERE \"UserId\" = {userId} FOR UPDATE", ct);
        await db.Entry(profile).ReloadAsync(ct);
        Guid?[] old = [profile.PhotoFileId, profile.PhotoSmallFileId];
        change(profile);
        profile.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        foreach (var id in old.OfType<Guid>().Distinct())
            if (id != profile.PhotoFileId && id != profile.PhotoSmallFileId)
                await files.DeleteAsync(id, ct);
        await tx.CommitAsync(ct);
    }
}
