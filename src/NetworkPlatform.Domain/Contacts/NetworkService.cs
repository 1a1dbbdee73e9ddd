using Microsoft.EntityFrameworkCore;

namespace NetworkPlatform.Domain.Contacts;

public record PathMember(Guid UserId, string FirstName, string LastName, string? Slug, Guid? PhotoFileId, string? Headline);

public record MemberCard(Guid UserId, string FirstName, string LastName, string? Slug, Guid? PhotoFileId,
    string? Headline, string? Employer, int SharedContacts);

/// <summary>
/// The network around a member: degrees (1st, 2nd, 3rd), shared contacts, the contact path and people you may know.
/// Every method is a fixed number of round trips, whatever the size of the network: contacts are stored in both
/// directions, so each step of a breadth-first search is one index scan with the frontier as an array parameter.
/// </summary>
public class NetworkService(AppDbContext db)
{
    public const int MaxPaths = 3;

    /// <summary>
    /// Degree of each target for the viewer: 1 = contact, 2 = a contact of a contact, 3 = one more step, null = further
    /// or not connected. Two round trips for any number of targets.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, int?>> DegreesAsync(Guid viewer, IReadOnlyCollection<Guid> targets,
        CancellationToken ct = default)
    {
        var result = targets.Distinct().ToDictionary(t => t, _ => (int?)null);
        if (result.Count == 0)
            return result;
        var mine = (await ContactsOfAsync([viewer], ct)).Select(e => e.To).ToHashSet();
        var ids = result.Keys.Where(t => t != viewer).ToArray();
        // For each target: its contacts (hop 1) and their contacts (hop 2), checked against the viewer's contacts in
        // the database, so only booleans come back, not the neighbourhoods.
        var rows = await db.Database.SqlQuery<DegreeRow>($"""
            SELECT t.id AS "Target",
                   EXISTS (SELECT 1 FROM "Contacts" c WHERE c."UserId" = t.id AND c."ContactUserId" = {viewer}) AS "First",
                   EXISTS (SELECT 1 FROM "Contacts" c WHERE c."UserId" = t.id AND c."ContactUserId" = ANY({mine.ToArray()})) AS "Second",
                   EXISTS (SELECT 1 FROM "Contacts" c1 JOIN "Contacts" c2 ON c2."UserId" = c1."ContactUserId"
                           WHERE c1."UserId" = t.id AND c2."ContactUserId" = ANY({mine.ToArray()})) AS "Third"
            FROM unnest({ids}) AS t(id)
            """).ToListAsync(ct);
        foreach (var r in rows)
            result[r.Target] = r.First ? 1 : r.Second ? 2 : r.Third ? 3 : null;
        return result;
    }

    private sealed record DegreeRow(Guid Target, bool First, bool Second, bool Third);

    private sealed record Edge(Guid From, Guid To);

    private async Task<List<Edge>> ContactsOfAsync(Guid[] members, CancellationToken ct) =>
        await db.Contacts.AsNoTracking().Where(c => members.Contains(c.UserId))
            .Select(c => new Edge(c.UserId, c.ContactUserId)).ToListAsync(ct);

    /// <summary>
    /// Up to three shortest paths from <paramref name="from"/> to <paramref name="to"/> of at most three steps
    /// (A → X → B or A → X → Y → B), never through a member blocked by or blocking either end. Bidirectional search:
    /// one query for both ends' contacts, one for the edges between the two frontiers. Empty when further apart.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<PathMember>>> PathsAsync(Guid from, Guid to, CancellationToken ct = default)
    {
        if (from == to)
            return [];
        var edges = await ContactsOfAsync([from, to], ct);
        var blocked = (await db.MemberBlocks.AsNoTracking()
            .Where(b => b.BlockerId == from || b.BlockerId == to || b.BlockedId == from || b.BlockedId == to)
            .Select(b => new { b.BlockerId, b.BlockedId }).ToListAsync(ct))
            .SelectMany(b => new[] { b.BlockerId, b.BlockedId }).ToHashSet();
        var a1 = edges.Where(e => e.From == from && !blocked.Contains(e.To)).Select(e => e.To).ToHashSet();
        var b1 = edges.Where(e => e.From == to && !blocked.Contains(e.To)).Select(e => e.To).ToHashSet();
        if (a1.Contains(to))
            return [];

        List<Guid[]> paths;
        var middle = a1.Intersect(b1).OrderBy(x => x).Take(MaxPaths).ToList();
        if (middle.Count > 0)
        {
            paths = middle.Select(x => new[] { from, x, to }).ToList();
        }
        else
        {
            // Third degree: an edge X → Y with X a contact of A and Y a contact of B. Search from the smaller side.
            var (small, large) = a1.Count <= b1.Count ? (a1, b1) : (b1, a1);
            if (small.Count == 0 || large.Count == 0)
                return [];
            var smallArr = small.ToArray();
            var largeArr = large.ToArray();
            var links = await db.Contacts.AsNoTracking()
                .Where(c => smallArr.Contains(c.UserId) && largeArr.Contains(c.ContactUserId))
                .OrderBy(c => c.UserId).ThenBy(c => c.ContactUserId)
                .Select(c => new Edge(c.UserId, c.ContactUserId))
                .Take(MaxPaths).ToListAsync(ct);
            paths = links.Select(l => small == a1 ? new[] { from, l.From, l.To, to } : new[] { from, l.To, l.From, to })
                .ToList();
        }
        if (paths.Count == 0)
            return [];

        var ids = paths.SelectMany(p => p).Distinct().ToArray();
        var members = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new PathMember(u.Id, u.FirstName, u.LastName,
                db.Profiles.Where(p => p.UserId == u.Id).Select(p => p.Slug).FirstOrDefault(),
                db.Profiles.Where(p => p.UserId == u.Id).Select(p => p.PhotoSmallFileId).FirstOrDefault(),
                db.Profiles.Where(p => p.UserId == u.Id).Select(p => p.Headline).FirstOrDefault()))
            .ToDictionaryAsync(m => m.UserId, ct);
        return paths.Select(p => (IReadOnlyList<PathMember>)p.Select(id => members[id]).ToList()).ToList();
    }

    /// <summary>
    /// Contacts that viewer and owner share: the count and up to <paramref name="take"/> of them. Shared contacts are
    /// the viewer's own contacts too, so they reveal no stranger; they are hidden only when the owner keeps the
    /// contact list to themselves ("only me"), as on XING. (The whole list stays for the owner's contacts.)
    /// </summary>
    public async Task<(int Count, IReadOnlyList<MemberCard> Some)> SharedContactsAsync(Guid viewer, Guid owner,
        int take = 10, CancellationToken ct = default)
    {
        if (viewer == owner)
            return (0, []);
        var shared = db.Contacts.Where(c => c.UserId == owner &&
                                            db.Contacts.Any(m => m.UserId == viewer && m.ContactUserId == c.ContactUserId) &&
                                            !db.Profiles.Any(p => p.UserId == owner &&
                                                                  p.ContactListVisibility == ContactListVisibility.OnlyMe))
            .Select(c => c.ContactUserId);
        var count = await shared.CountAsync(ct);
        var some = count == 0 ? [] : await Cards(shared, viewer).Take(take).ToListAsync(ct);
        return (count, some);
    }

    /// <summary>A member's contacts for someone allowed to see the list (their contacts, or only themselves), a page at a time.</summary>
    public async Task<(int Count, IReadOnlyList<MemberCard> Page)> ContactListOfAsync(Guid viewer, Guid owner, int page,
        int pageSize = 30, CancellationToken ct = default)
    {
        if (!await CanSeeContactListAsync(viewer, owner, ct))
            throw new NotFoundException();
        var ids = db.Contacts.Where(c => c.UserId == owner).Select(c => c.ContactUserId);
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
    /// People you may know: contacts of contacts, most shared contacts first, then the same employer, then the same
    /// industry; never a contact, someone with an open request either way, a block either way, or a dismissed member.
    /// One query. Members without contacts get people from their employer and industry.
    /// </summary>
    public async Task<IReadOnlyList<MemberCard>> SuggestionsAsync(Guid me, int take = 10, CancellationToken ct = default)
    {
        var rows = await db.Database.SqlQuery<SuggestionRow>($"""
            WITH me AS (SELECT "Employer", "IndustryCode" FROM "MemberProfiles" WHERE "UserId" = {me}),
            fof AS (
                SELECT c2."ContactUserId" AS id, count(*) AS shared
                FROM "Contacts" c1 JOIN "Contacts" c2 ON c2."UserId" = c1."ContactUserId"
                WHERE c1."UserId" = {me} AND c2."ContactUserId" <> {me}
                GROUP BY c2."ContactUserId"
            ),
            same AS (
                SELECT p."UserId" AS id, 0::bigint AS shared FROM "MemberProfiles" p, me
                WHERE p."UserId" <> {me} AND ((me."Employer" IS NOT NULL AND p."Employer" = me."Employer")
                   OR (me."IndustryCode" IS NOT NULL AND p."IndustryCode" = me."IndustryCode"))
                LIMIT 200
            ),
            candidates AS (
                SELECT id, max(shared) AS shared FROM (SELECT * FROM fof UNION ALL SELECT * FROM same) x GROUP BY id
            )
            SELECT c.id AS "UserId", c.shared::int AS "Shared",
                   (p."Employer" IS NOT NULL AND p."Employer" = me."Employer") AS "SameEmployer",
                   (p."IndustryCode" IS NOT NULL AND p."IndustryCode" = me."IndustryCode") AS "SameIndustry"
            FROM candidates c
            JOIN "AspNetUsers" u ON u."Id" = c.id AND u."EmailConfirmed"
            LEFT JOIN "MemberProfiles" p ON p."UserId" = c.id
            LEFT JOIN me ON true
            WHERE NOT EXISTS (SELECT 1 FROM "Contacts" x WHERE x."UserId" = {me} AND x."ContactUserId" = c.id)
              AND NOT EXISTS (SELECT 1 FROM "ContactRequests" r WHERE (r."FromUserId" = {me} AND r."ToUserId" = c.id)
                                                                 OR (r."FromUserId" = c.id AND r."ToUserId" = {me}))
              AND NOT EXISTS (SELECT 1 FROM "MemberBlocks" b WHERE (b."BlockerId" = {me} AND b."BlockedId" = c.id)
                                                              OR (b."BlockerId" = c.id AND b."BlockedId" = {me}))
              AND NOT EXISTS (SELECT 1 FROM "DismissedSuggestions" d WHERE d."UserId" = {me} AND d."DismissedUserId" = c.id)
            ORDER BY c.shared DESC, "SameEmployer" DESC, "SameIndustry" DESC, c.id
            LIMIT {take}
            """).ToListAsync(ct);
        if (rows.Count == 0)
            return [];
        var ids = rows.Select(r => r.UserId).ToArray();
        var cards = await Cards(db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.Id), me).ToListAsync(ct);
        var byId = cards.ToDictionary(c => c.UserId);
        return rows.Where(r => byId.ContainsKey(r.UserId)).Select(r => byId[r.UserId] with { SharedContacts = r.Shared })
            .ToList();
    }

    private sealed record SuggestionRow(Guid UserId, int Shared, bool SameEmployer, bool SameIndustry);

    public async Task DismissAsync(Guid me, Guid other, CancellationToken ct = default) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "DismissedSuggestions" ("UserId", "DismissedUserId", "CreatedAt")
            SELECT {me}, u."Id", now() FROM "AspNetUsers" u WHERE u."Id" = {other} AND u."Id" <> {me}
            ON CONFLICT DO NOTHING
            """, ct);

    /// <summary>Name, photo, headline, employer and the count of contacts shared with the viewer, for a set of members.</summary>
    public IQueryable<MemberCard> Cards(IQueryable<Guid> members, Guid viewer) =>
        from u in db.Users.AsNoTracking()
        where members.Contains(u.Id)
        join p in db.Profiles on u.Id equals p.UserId into profiles
        from p in profiles.DefaultIfEmpty()
        orderby u.LastName, u.FirstName
        select new MemberCard(u.Id, u.FirstName, u.LastName, p.Slug, p.PhotoSmallFileId, p.Headline, p.Employer,
            db.Contacts.Count(c => c.UserId == u.Id &&
                                   db.Contacts.Any(m => m.UserId == viewer && m.ContactUserId == c.ContactUserId)));
}
