using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace NetworkPlatform.Domain.Contacts;

public record PathMember(Guid UserId, string FirstName, string LastName, string? Slug, Guid? PhotoFileId, string? Headline);

public record MemberCard(Guid UserId, string FirstName, string LastName, string? Slug, Guid? PhotoFileId,
    string? Headline, string? Employer, int SharedContacts);

/// <summary>
/// The network around a member: degrees (1st, 2nd), shared contacts, the contact path and people you may know, each
/// showing only what <see cref="NetworkVisibility"/> allows the viewer to learn of other members' contacts. Every
/// method is a fixed number of round trips, whatever the size of the network: contacts are stored in both directions,
/// so each step is an index scan with the viewer's contacts as the frontier.
/// </summary>
public class NetworkService(AppDbContext db)
{
    public const int MaxPaths = 3;

    /// <summary>
    /// Degree of each target for the viewer, as far as the viewer may see the network (<see cref="NetworkVisibility"/>):
    /// 1 = contact, 2 = a contact of a contact shown between them, null = anything else (there is no 3rd degree the
    /// viewer may see). One round trip for any number of targets.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, int?>> DegreesAsync(Guid viewer, IReadOnlyCollection<Guid> targets,
        CancellationToken ct = default)
    {
        var result = targets.Distinct().ToDictionary(t => t, _ => (int?)null);
        var ids = result.Keys.Where(t => t != viewer).ToArray();
        if (ids.Length == 0)
            return result;
        // The viewer's contacts through whom others may be shown, then for each target only booleans come back. The
        // SQL holds the rule's fixed fragments; the viewer and the targets are parameters.
        var sql = $"""
            WITH through AS MATERIALIZED (
                SELECT c."ContactUserId" AS id FROM "Contacts" c
                WHERE c."UserId" = @viewer AND {NetworkVisibility.ShownSql("c.\"ContactUserId\"")}
            )
            SELECT t.id AS "Target",
                   EXISTS (SELECT 1 FROM "Contacts" c WHERE c."UserId" = t.id AND c."ContactUserId" = @viewer) AS "First",
                   {NetworkVisibility.ListOpenSql("t.id")}
                   AND EXISTS (SELECT 1 FROM "Contacts" c WHERE c."UserId" = t.id AND c."ContactUserId" IN (SELECT id FROM through)) AS "Second"
            FROM unnest(@targets) AS t(id)
            """;
        var rows = await db.Database.SqlQueryRaw<DegreeRow>(sql, new NpgsqlParameter("viewer", viewer),
            new NpgsqlParameter("targets", ids)).ToListAsync(ct);
        foreach (var r in rows)
            result[r.Target] = r.First ? 1 : r.Second ? 2 : null;
        return result;
    }

    private sealed record DegreeRow(Guid Target, bool First, bool Second);

    /// <summary>
    /// Up to three paths from the viewer <paramref name="from"/> to <paramref name="to"/>, each through one shared
    /// contact the viewer may see (<see cref="NetworkVisibility"/>): both keep their contact lists open to their
    /// contacts, the middle member is not in a block with either end, nor is their account deletion pending. Empty for
    /// contacts and for anyone further away (a longer path would show contacts of members the viewer does not know).
    /// Two round trips: the middle members, and the names.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<PathMember>>> PathsAsync(Guid from, Guid to, CancellationToken ct = default)
    {
        if (from == to)
            return [];
        Guid[] ends = [from, to];
        var closed = NetworkVisibility.ClosedLists(db);
        var shown = NetworkVisibility.Shown(db);
        var middle = await db.Contacts.AsNoTracking()
            .Where(c => c.UserId == to
                        && db.Contacts.Any(m => m.UserId == from && m.ContactUserId == c.ContactUserId)
                        && !db.Contacts.Any(d => d.UserId == from && d.ContactUserId == to)
                        && !closed.Any(p => p.UserId == to)
                        && !closed.Any(p => p.UserId == c.ContactUserId)
                        && shown.Any(u => u.Id == c.ContactUserId)
                        && !db.MemberBlocks.Any(b => (ends.Contains(b.BlockerId) && b.BlockedId == c.ContactUserId)
                                                     || (ends.Contains(b.BlockedId) && b.BlockerId == c.ContactUserId)))
            .OrderBy(c => c.ContactUserId)
            .Select(c => c.ContactUserId)
            .Take(MaxPaths).ToListAsync(ct);
        if (middle.Count == 0)
            return [];

        var ids = middle.Append(from).Append(to).ToArray();
        var members = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new PathMember(u.Id, u.FirstName, u.LastName,
                db.Profiles.Where(p => p.UserId == u.Id).Select(p => p.Slug).FirstOrDefault(),
                db.Profiles.Where(p => p.UserId == u.Id).Select(p => p.PhotoSmallFileId).FirstOrDefault(),
                db.Profiles.Where(p => p.UserId == u.Id).Select(p => p.Headline).FirstOrDefault()))
            .ToDictionaryAsync(m => m.UserId, ct);
        // An account deleted between the two queries has no row: no path through it.
        return middle.Select(m => new[] { from, m, to }).Where(p => p.All(members.ContainsKey))
            .Select(p => (IReadOnlyList<PathMember>)p.Select(id => members[id]).ToList()).ToList();
    }

    /// <summary>
    /// What a profile page shows of the network between viewer and owner, in one round trip: the count of shared
    /// contacts and up to <paramref name="take"/> of them (as <see cref="SharedContactsAsync"/>), and, when
    /// <paramref name="withPaths"/> (they are not contacts), up to <see cref="MaxPaths"/> paths through a shared contact
    /// in a block with neither end (as <see cref="PathsAsync"/>). The viewer's degree follows: a shared contact
    /// shown means the 2nd degree, exactly as <see cref="DegreesAsync"/> decides it.
    /// </summary>
    public async Task<(int SharedCount, IReadOnlyList<MemberCard> Shared, IReadOnlyList<IReadOnlyList<PathMember>> Paths)>
        PanelAsync(Guid viewer, Guid owner, bool withPaths, int take = 10, CancellationToken ct = default)
    {
        if (viewer == owner)
            return (0, [], []);
        var sql = $"""
            WITH shared AS MATERIALIZED (
                SELECT c."ContactUserId" AS id FROM "Contacts" c
                WHERE c."UserId" = @owner AND {NetworkVisibility.ListOpenSql("@owner")}
                  AND EXISTS (SELECT 1 FROM "Contacts" m WHERE m."UserId" = @viewer AND m."ContactUserId" = c."ContactUserId")
                  AND {NetworkVisibility.ShownSql("c.\"ContactUserId\"")}
            ),
            cards AS (
                SELECT s.id, 0 AS kind, row_number() OVER (ORDER BY u."LastName", u."FirstName") AS rank
                FROM shared s JOIN "AspNetUsers" u ON u."Id" = s.id
                ORDER BY rank LIMIT @take
            ),
            middles AS (
                SELECT s.id, 1 AS kind, row_number() OVER (ORDER BY s.id) AS rank FROM shared s
                WHERE @paths AND NOT EXISTS (SELECT 1 FROM "MemberBlocks" b
                    WHERE (b."BlockerId" IN (@viewer, @owner) AND b."BlockedId" = s.id)
                       OR (b."BlockedId" IN (@viewer, @owner) AND b."BlockerId" = s.id))
                ORDER BY s.id LIMIT {MaxPaths}
            ),
            picked AS (
                SELECT id, kind, rank FROM cards
                UNION ALL SELECT id, kind, rank FROM middles
                UNION ALL SELECT @viewer, 2, 0::bigint WHERE EXISTS (SELECT 1 FROM middles)
                UNION ALL SELECT @owner, 2, 1::bigint WHERE EXISTS (SELECT 1 FROM middles)
            )
            SELECT (SELECT count(*) FROM shared)::int AS "Count", x.id AS "UserId", x.kind AS "Kind",
                   u."FirstName", u."LastName", p."Slug", p."PhotoSmallFileId", p."Headline", p."Employer"
            FROM picked x JOIN "AspNetUsers" u ON u."Id" = x.id LEFT JOIN "MemberProfiles" p ON p."UserId" = x.id
            ORDER BY x.kind, x.rank
            """;
        var rows = await db.Database.SqlQueryRaw<PanelRow>(sql, new NpgsqlParameter("viewer", viewer),
            new NpgsqlParameter("owner", owner), new NpgsqlParameter("take", take),
            new NpgsqlParameter("paths", withPaths)).ToListAsync(ct);
        if (rows.Count == 0)
            return (0, [], []);
        var shared = rows.Where(r => r.Kind == 0).Select(r => new MemberCard(r.UserId, r.FirstName, r.LastName, r.Slug,
            r.PhotoSmallFileId, r.Headline, r.Employer, 0)).ToList();
        PathMember Member(PanelRow r) => new(r.UserId, r.FirstName, r.LastName, r.Slug, r.PhotoSmallFileId, r.Headline);
        var ends = rows.Where(r => r.Kind == 2).ToDictionary(r => r.UserId);
        var paths = ends.Count < 2 ? [] : rows.Where(r => r.Kind == 1)
            .Select(m => (IReadOnlyList<PathMember>)[Member(ends[viewer]), Member(m), Member(ends[owner])]).ToList();
        return (rows[0].Count, shared, paths);
    }

    private sealed record PanelRow(int Count, Guid UserId, int Kind, string FirstName, string LastName, string? Slug,
        Guid? PhotoSmallFileId, string? Headline, string? Employer);

    /// <summary>
    /// Contacts that viewer and owner share: the count and up to <paramref name="take"/> of them. A shared contact is
    /// the viewer's own contact, and on the owner's list: shown when both the owner and the shared contact keep their
    /// lists open to their contacts (<see cref="NetworkVisibility"/>), as on XING.
    /// </summary>
    public async Task<(int Count, IReadOnlyList<MemberCard> Some)> SharedContactsAsync(Guid viewer, Guid owner,
        int take = 10, CancellationToken ct = default)
    {
        if (viewer == owner)
            return (0, []);
        var closed = NetworkVisibility.ClosedLists(db);
        var shown = NetworkVisibility.Shown(db);
        var shared = db.Contacts.Where(c => c.UserId == owner &&
                                            db.Contacts.Any(m => m.UserId == viewer && m.ContactUserId == c.ContactUserId) &&
                                            !closed.Any(p => p.UserId == owner) &&
                                            !closed.Any(p => p.UserId == c.ContactUserId) &&
                                            shown.Any(u => u.Id == c.ContactUserId))
            .Select(c => c.ContactUserId);
        var count = await shared.CountAsync(ct);
        var some = count == 0 ? [] : await Cards(shared).Take(take).ToListAsync(ct);
        return (count, some);
    }

    /// <summary>
    /// A member's contacts for someone allowed to see the list (their contacts, or only themselves), a page at a time.
    /// Others do not see the contacts who keep their own list to themselves (<see cref="NetworkVisibility"/>); the
    /// viewer always sees themselves.
    /// </summary>
    public async Task<(int Count, IReadOnlyList<MemberCard> Page)> ContactListOfAsync(Guid viewer, Guid owner, int page,
        int pageSize = 30, CancellationToken ct = default)
    {
        if (!await CanSeeContactListAsync(viewer, owner, ct))
            throw new NotFoundException();
        var contacts = db.Contacts.Where(c => c.UserId == owner);
        if (viewer != owner)
        {
            var closed = NetworkVisibility.ClosedLists(db);
            contacts = contacts.Where(c => c.ContactUserId == viewer || !closed.Any(p => p.UserId == c.ContactUserId));
        }
        var ids = contacts.Select(c => c.ContactUserId);
        var count = await ids.CountAsync(ct);
        var cards = await Cards(ids, viewer).Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return (count, cards);
    }

    public async Task<bool> CanSeeContactListAsync(Guid viewer, Guid owner, CancellationToken ct = default)
    {
        if (viewer == owner)
            return true;
        var row = await db.Profiles.Where(p => p.UserId == owner).Select(p => new
        {
            p.ContactListVisibility,
            IsContact = db.Contacts.Any(c => c.UserId == owner && c.ContactUserId == viewer),
        }).SingleOrDefaultAsync(ct);
        return row is not null && row.ContactListVisibility == ContactListVisibility.Contacts && row.IsContact;
    }

    /// <summary>
    /// Name, photo, headline and employer for a set of members. The count of shared contacts is filled in only where a
    /// list shows it (people you may know), from the query that applies <see cref="NetworkVisibility"/>.
    /// A list that may show members in a block with its <paramref name="viewer"/> (someone else's contacts) passes
    /// the viewer: those members get their initials, since the photo address refuses them (ProfilePhotoService).
    /// </summary>
    public IQueryable<MemberCard> Cards(IQueryable<Guid> members, Guid? viewer = null) =>
        from u in db.Users.AsNoTracking()
        where members.Contains(u.Id) && u.DeletionRequestedAt == null
        join p in db.Profiles on u.Id equals p.UserId into profiles
        from p in profiles.DefaultIfEmpty()
        orderby u.LastName, u.FirstName
        select new MemberCard(u.Id, u.FirstName, u.LastName, p.Slug,
            viewer != null && db.MemberBlocks.Any(b => (b.BlockerId == u.Id && b.BlockedId == viewer) ||
                                                       (b.BlockerId == viewer && b.BlockedId == u.Id))
                ? null
                : p.PhotoSmallFileId,
            p.Headline, p.Employer, 0);
}
