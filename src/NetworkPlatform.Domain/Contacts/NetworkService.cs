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
    private const int Candidates = MaxPaths * 4;

    /// <summary>
    /// Up to this many contacts (96 % of the members in the benchmark network), the 3rd-degree badges come from one
    /// pass over the viewer's contacts' contacts; beyond it, each target is searched on its own (see
    /// <see cref="DegreesAsync"/>).
    /// </summary>
    public const int DegreesCircleLimit = 200;

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
        var mine = (await ContactsOfAsync([viewer], ct)).Select(e => e.To).ToArray();
        var ids = result.Keys.Where(t => t != viewer).ToArray();
        // For each target: its contacts (hop 1) and their contacts (hop 2), checked against the viewer's contacts in
        // the database, so only booleans come back, not the neighbourhoods.
        // 3rd degree = an edge between a target's contacts and the viewer's. Searched per target, a target beyond the
        // 3rd degree (half of them at a million members) costs a walk through the viewer's whole 2nd-degree circle,
        // each time: 50 ms for 20 badges. So for most viewers the targets' contacts go into one hash, and one pass
        // over the viewer's contacts' contacts (some thousands of rows) finds all the edges at once. A viewer with
        // hundreds or thousands of contacts has a circle of up to a million; but then nearly every target is within
        // three steps, and the search per target, which stops at the first edge, is the cheaper one.
        var rows = mine.Length <= DegreesCircleLimit
            ? await db.Database.SqlQuery<DegreeRow>($"""
                WITH third AS (
                    SELECT DISTINCT t."UserId" AS target
                    FROM "Contacts" t JOIN "Contacts" c2 ON c2."ContactUserId" = t."ContactUserId"
                    WHERE t."UserId" = ANY({ids}) AND c2."UserId" = ANY({mine})
                )
                SELECT t.id AS "Target",
                       EXISTS (SELECT 1 FROM "Contacts" c WHERE c."UserId" = t.id AND c."ContactUserId" = {viewer}) AS "First",
                       EXISTS (SELECT 1 FROM "Contacts" c WHERE c."UserId" = t.id AND c."ContactUserId" = ANY({mine})) AS "Second",
                       t.id IN (SELECT target FROM third) AS "Third"
                FROM unnest({ids}) AS t(id)
                """).ToListAsync(ct)
            : await db.Database.SqlQuery<DegreeRow>($"""
                SELECT t.id AS "Target",
                       EXISTS (SELECT 1 FROM "Contacts" c WHERE c."UserId" = t.id AND c."ContactUserId" = {viewer}) AS "First",
                       EXISTS (SELECT 1 FROM "Contacts" c WHERE c."UserId" = t.id AND c."ContactUserId" = ANY({mine})) AS "Second",
                       EXISTS (SELECT 1 FROM "Contacts" c1 JOIN "Contacts" c2 ON c2."UserId" = c1."ContactUserId"
                               WHERE c1."UserId" = t.id AND c2."ContactUserId" = ANY({mine})) AS "Third"
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
    /// (A → X → B or A → X → Y → B), never through a member blocked by or blocking either end, nor through one whose
    /// account deletion is pending (hidden from everyone). Bidirectional search:
    /// one query for both ends' contacts, one for the edges between the two frontiers. Empty when further apart.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<PathMember>>> PathsAsync(Guid from, Guid to, CancellationToken ct = default)
    {
        if (from == to)
            return [];
        // Both ends' contacts, without anyone in a block with either end, in one round trip.
        Guid[] ends = [from, to];
        var edges = await db.Contacts.AsNoTracking()
            .Where(c => ends.Contains(c.UserId)
                        && !db.MemberBlocks.Any(b => (ends.Contains(b.BlockerId) && b.BlockedId == c.ContactUserId)
                                                     || (ends.Contains(b.BlockedId) && b.BlockerId == c.ContactUserId)))
            .Select(c => new Edge(c.UserId, c.ContactUserId)).ToListAsync(ct);
        var a1 = edges.Where(e => e.From == from).Select(e => e.To).ToHashSet();
        var b1 = edges.Where(e => e.From == to).Select(e => e.To).ToHashSet();
        if (a1.Contains(to))
            return [];

        List<Guid[]> paths;
        // A few more candidates than needed: ways through a member whose account is being deleted are dropped below,
        // when their names are read anyway (no extra round trip).
        var middle = a1.Intersect(b1).OrderBy(x => x).Take(Candidates).ToList();
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
                .Take(Candidates).ToListAsync(ct);
            paths = links.Select(l => small == a1 ? new[] { from, l.From, l.To, to } : new[] { from, l.To, l.From, to })
                .ToList();
        }
        if (paths.Count == 0)
            return [];

        var ids = paths.SelectMany(p => p).Distinct().ToArray();
        var members = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Where(u => u.Id == from || u.Id == to || u.DeletionRequestedAt == null)
            .Select(u => new PathMember(u.Id, u.FirstName, u.LastName,
                db.Profiles.Where(p => p.UserId == u.Id).Select(p => p.Slug).FirstOrDefault(),
                db.Profiles.Where(p => p.UserId == u.Id).Select(p => p.PhotoSmallFileId).FirstOrDefault(),
                db.Profiles.Where(p => p.UserId == u.Id).Select(p => p.Headline).FirstOrDefault()))
            .ToDictionaryAsync(m => m.UserId, ct);
        return paths.Where(p => p.All(members.ContainsKey)).Take(MaxPaths)
            .Select(p => (IReadOnlyList<PathMember>)p.Select(id => members[id]).ToList()).ToList();
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
    /// over the member's <see cref="SuggestionFanOut"/> most recent contacts.
    /// </summary>
    public async Task<IReadOnlyList<MemberCard>> SuggestionsAsync(Guid me, int take = 10, CancellationToken ct = default)
    {
        // The exclusions are one small set per member, checked with a hash. Contacts of contacts always rank above
        // members who only share the employer or industry (shared >= 1 > 0), so "same" takes only members who share
        // no counted contact, and no grouping of the two is needed. The candidates come out of the ordered subquery by
        // shared contacts, so the joins for the employer and industry tie-breaks (an incremental sort) run only for
        // the first few of them, not for each of the tens of thousands of contacts of contacts.
        var rows = await db.Database.SqlQuery<SuggestionRow>($"""
            WITH me AS (SELECT "Employer", "IndustryCode" FROM "MemberProfiles" WHERE "UserId" = {me}),
            via AS (
                SELECT c."ContactUserId" AS id FROM "Contacts" c WHERE c."UserId" = {me}
                ORDER BY c."CreatedAt" DESC LIMIT {SuggestionFanOut}
            ),
            fof AS (
                SELECT c2."ContactUserId" AS id, count(*) AS shared
                FROM via JOIN "Contacts" c2 ON c2."UserId" = via.id
                WHERE c2."ContactUserId" <> {me}
                GROUP BY c2."ContactUserId"
            ),
            same AS (
                SELECT p."UserId" AS id, 0::bigint AS shared FROM "MemberProfiles" p, me
                WHERE p."UserId" <> {me} AND ((me."Employer" IS NOT NULL AND p."Employer" = me."Employer")
                   OR (me."IndustryCode" IS NOT NULL AND p."IndustryCode" = me."IndustryCode"))
                  AND NOT EXISTS (SELECT 1 FROM "Contacts" x WHERE x."UserId" = p."UserId" AND x."ContactUserId" IN (SELECT id FROM via))
                LIMIT 200
            ),
            excluded AS (
                SELECT "ContactUserId" AS id FROM "Contacts" WHERE "UserId" = {me}
                UNION ALL SELECT "ToUserId" FROM "ContactRequests" WHERE "FromUserId" = {me}
                UNION ALL SELECT "FromUserId" FROM "ContactRequests" WHERE "ToUserId" = {me}
                UNION ALL SELECT "BlockedId" FROM "MemberBlocks" WHERE "BlockerId" = {me}
                UNION ALL SELECT "BlockerId" FROM "MemberBlocks" WHERE "BlockedId" = {me}
                UNION ALL SELECT "DismissedUserId" FROM "DismissedSuggestions" WHERE "UserId" = {me}
            ),
            candidates AS (
                SELECT id, shared FROM fof UNION ALL SELECT id, shared FROM same
            )
            SELECT c.id AS "UserId", c.shared::int AS "Shared",
                   -- IS TRUE: when my own employer or industry is empty, "=" gives NULL, not false.
                   (p."Employer" = me."Employer") IS TRUE AS "SameEmployer",
                   (p."IndustryCode" = me."IndustryCode") IS TRUE AS "SameIndustry"
            FROM (SELECT * FROM candidates WHERE id NOT IN (SELECT id FROM excluded) ORDER BY shared DESC OFFSET 0) c
            JOIN "AspNetUsers" u ON u."Id" = c.id AND u."EmailConfirmed" AND u."DeletionRequestedAt" IS NULL
            LEFT JOIN "MemberProfiles" p ON p."UserId" = c.id
            LEFT JOIN me ON true
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
        where members.Contains(u.Id) && u.DeletionRequestedAt == null
        join p in db.Profiles on u.Id equals p.UserId into profiles
        from p in profiles.DefaultIfEmpty()
        orderby u.LastName, u.FirstName
        select new MemberCard(u.Id, u.FirstName, u.LastName, p.Slug, p.PhotoSmallFileId, p.Headline, p.Employer,
            db.Contacts.Count(c => c.UserId == u.Id &&
                                   db.Contacts.Any(m => m.UserId == viewer && m.ContactUserId == c.ContactUserId)));
}
