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
    /// How many of a member's contacts (the most recent) "people you may know" looks through. Members with up to this
    /// many contacts (96 % of the members in the benchmark network) get the exact ranking; without a limit a
    /// super-connector with 5,000 contacts makes the query count a million contacts of contacts: 1.5 to 2.5 s at
    /// 100,000 and a million members (bench/results).
    /// </summary>
    public const int SuggestionFanOut = 200;

    /// <summary>
    /// People you may know: contacts of contacts, most shared contacts first, then the same employer, then the same
    /// industry; never a contact, someone with an open request either way, a block either way, or a dismissed member.
    /// One query. Members without contacts get people from their employer and industry. Shared contacts are counted
    /// over the member's <see cref="SuggestionFanOut"/> most recent contacts, as far as <see cref="NetworkVisibility"/>
    /// lets the member see them. The cards come with their degree for <paramref name="me"/> (2, or null for a member
    /// who only shares the employer or industry), so a page needs no second query for the badges.
    /// </summary>
    public async Task<(IReadOnlyList<MemberCard> Cards, IReadOnlyDictionary<Guid, int?> Degrees)> SuggestionsAsync(
        Guid me, int take = 10, CancellationToken ct = default)
    {
        // The exclusions are one small set per member, checked with a hash. Contacts of contacts always rank above
        // members who only share the employer or industry (shared >= 1 > 0), so "same" takes only members who share
        // no counted contact, and no grouping of the two is needed. The candidates come out of the ordered subquery by
        // shared contacts, so the joins for the employer and industry tie-breaks (an incremental sort) run only for
        // the first few of them, not for each of the tens of thousands of contacts of contacts.
        // Only what the viewer may see counts (NetworkVisibility): the contacts looked through are those whose list
        // is open, a contact of theirs is suggested for them only with an open list too; a member who keeps their list
        // to themselves may still come by employer or industry, without shared contacts.
        // The candidate's list is open: p is their profile (left joined; no profile means the default, open).
        var listOpenOfP = $"""p."ContactListVisibility" IS DISTINCT FROM {(int)ContactListVisibility.OnlyMe}""";
        var sql = $"""
            WITH me AS (SELECT "Employer", "IndustryCode" FROM "MemberProfiles" WHERE "UserId" = @me),
            via AS (
                SELECT r.id FROM (SELECT c."ContactUserId" AS id FROM "Contacts" c WHERE c."UserId" = @me
                                  ORDER BY c."CreatedAt" DESC LIMIT {SuggestionFanOut}) r
                WHERE {NetworkVisibility.ShownSql("r.id")}
            ),
            fof AS (
                SELECT c2."ContactUserId" AS id, count(*) AS shared
                FROM via JOIN "Contacts" c2 ON c2."UserId" = via.id
                WHERE c2."ContactUserId" <> @me
                GROUP BY c2."ContactUserId"
            ),
            same AS (
                SELECT p."UserId" AS id, 0::bigint AS shared FROM "MemberProfiles" p, me
                WHERE p."UserId" <> @me AND ((me."Employer" IS NOT NULL AND p."Employer" = me."Employer")
                   OR (me."IndustryCode" IS NOT NULL AND p."IndustryCode" = me."IndustryCode"))
                  -- Not already counted in fof (a contact of a looked-through contact), unless their list is closed,
                  -- and then fof left them out. p is their profile row: its own column, not a subquery per row (a
                  -- subquery under OR became a hashed scan of every closed list).
                  AND (p."ContactListVisibility" = {(int)ContactListVisibility.OnlyMe} OR p."UserId" NOT IN (SELECT id FROM fof))
                LIMIT 200
            ),
            excluded AS (
                SELECT "ContactUserId" AS id FROM "Contacts" WHERE "UserId" = @me
                UNION ALL SELECT "ToUserId" FROM "ContactRequests" WHERE "FromUserId" = @me
                UNION ALL SELECT "FromUserId" FROM "ContactRequests" WHERE "ToUserId" = @me
                UNION ALL SELECT "BlockedId" FROM "MemberBlocks" WHERE "BlockerId" = @me
                UNION ALL SELECT "BlockerId" FROM "MemberBlocks" WHERE "BlockedId" = @me
                UNION ALL SELECT "DismissedUserId" FROM "DismissedSuggestions" WHERE "UserId" = @me
            ),
            candidates AS (
                SELECT id, shared FROM fof UNION ALL SELECT id, shared FROM same
            )
            SELECT c.id AS "UserId", c.shared::int AS "Shared",
                   -- IS TRUE: when my own employer or industry is empty, "=" gives NULL, not false.
                   (p."Employer" = me."Employer") IS TRUE AS "SameEmployer",
                   (p."IndustryCode" = me."IndustryCode") IS TRUE AS "SameIndustry",
                   u."FirstName", u."LastName", p."Slug", p."PhotoSmallFileId", p."Headline", p."Employer",
                   -- The degree as DegreesAsync sees it: shared contacts were counted through open lists only; a member
                   -- who came by employer or industry may still be a contact of any of my shown contacts.
                   c.shared > 0 OR ({listOpenOfP} AND EXISTS (
                       SELECT 1 FROM "Contacts" x WHERE x."UserId" = c.id AND x."ContactUserId" IN (
                           SELECT t."ContactUserId" FROM "Contacts" t
                           WHERE t."UserId" = @me AND {NetworkVisibility.ShownSql("t.\"ContactUserId\"")}))) AS "Second"
            FROM (SELECT * FROM candidates WHERE id NOT IN (SELECT id FROM excluded) ORDER BY shared DESC OFFSET 0) c
            JOIN "AspNetUsers" u ON u."Id" = c.id AND u."EmailConfirmed" AND u."DeletionRequestedAt" IS NULL
            LEFT JOIN "MemberProfiles" p ON p."UserId" = c.id
            LEFT JOIN me ON true
            WHERE c.shared = 0 OR {listOpenOfP}
            ORDER BY c.shared DESC, "SameEmployer" DESC, "SameIndustry" DESC, c.id
            LIMIT @take
            """;
        var rows = await db.Database.SqlQueryRaw<SuggestionRow>(sql, new NpgsqlParameter("me", me),
            new NpgsqlParameter("take", take)).ToListAsync(ct);
        var cards = rows.Select(r => new MemberCard(r.UserId, r.FirstName, r.LastName, r.Slug, r.PhotoSmallFileId,
            r.Headline, r.Employer, r.Shared)).ToList();
        return (cards, rows.ToDictionary(r => r.UserId, r => r.Second ? 2 : (int?)null));
    }

    private sealed record SuggestionRow(Guid UserId, int Shared, bool SameEmployer, bool SameIndustry,
        string FirstName, string LastName, string? Slug, Guid? PhotoSmallFileId, string? Headline, string? Employer,
        bool Second);

    public async Task DismissAsync(Guid me, Guid other, CancellationToken ct = default) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "DismissedSuggestions" ("UserId", "DismissedUserId", "CreatedAt")
            SELECT {me}, u."Id", now() FROM "AspNetUsers" u WHERE u."Id" = {other} AND u."Id" <> {me}
            ON CONFLICT DO NOTHING
            """, ct);

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
