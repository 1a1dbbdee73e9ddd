using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>The member's own profile: creating it, and every change the member makes to it.</summary>
public class ProfileService(AppDbContext db, TimeProvider time)
{
    /// <summary>
    /// Adds a profile for a new account to the current unit of work (registration saves it with the account).
    /// </summary>
    public async Task<MemberProfile> AddForNewMemberAsync(AppUser user, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var profile = new MemberProfile
        {
            UserId = user.Id,
            Slug = await FreeSlugAsync(MemberProfile.SlugFrom($"{user.FirstName} {user.LastName}"), ct),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Profiles.Add(profile);
        return profile;
    }

    /// <summary>The member's profile, made on first use for accounts that have none yet (e.g. made by create-admin).</summary>
    public async Task<MemberProfile> EnsureAsync(Guid userId, CancellationToken ct = default)
    {
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is not null)
            return profile;
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        profile = await AddForNewMemberAsync(user, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two requests made it at once: the other one won, use its row.
            db.ChangeTracker.Clear();
            profile = await db.Profiles.SingleAsync(p => p.UserId == userId, ct);
        }
        return profile;
    }

    /// <summary>"erika-mustermann", else "erika-mustermann-2", "-3", ...: one query for all taken candidates.</summary>
    public async Task<string> FreeSlugAsync(string wanted, CancellationToken ct = default)
    {
        var prefix = wanted + "-";
        var taken = await db.Profiles.Where(p => p.Slug == wanted || p.Slug.StartsWith(prefix)).Select(p => p.Slug)
            .Union(db.ProfileSlugRedirects.Where(r => r.Slug == wanted || r.Slug.StartsWith(prefix)).Select(r => r.Slug))
            .ToListAsync(ct);
        if (!taken.Contains(wanted))
            return wanted;
        for (var n = 2; ; n++)
        {
            var candidate = $"{wanted}-{n}";
            if (!taken.Contains(candidate))
                return candidate;
        }
    }
}
