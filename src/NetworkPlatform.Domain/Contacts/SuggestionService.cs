using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace NetworkPlatform.Domain.Contacts;

/// <summary>
/// Who "people you may know" considers for a member, remembered for <see cref="Keep"/> per instance: finding them
/// means counting the contacts of up to <see cref="SuggestionService.FanOut"/> contacts (tens of thousands of rows,
/// 18 ms of database CPU per start page at 100,000 members, issue 17), and the set changes slowly. Only the set is
/// remembered: the counts, exclusions and visibility are read again on every request (<see cref="SuggestionService"/>).
/// </summary>
public sealed class SuggestionCandidates : IDisposable
{
    /// <summary>How many candidates are remembered: enough for the longest list (20 on /contacts/suggestions).</summary>
    public const int Count = 30;

    public TimeSpan Keep { get; init; } = TimeSpan.FromMinutes(2);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public Guid[]? Get(Guid member) => cache.TryGetValue(member, out Guid[]? ids) ? ids : null;

    public void Set(Guid member, Guid[] ids)
    {
        if (Keep > TimeSpan.Zero)
            cache.Set(member, ids, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Keep });
    }

    public void Forget(Guid member) => cache.Remove(member);

    /// <summary>Forgets every member's candidates (tests that write to the database directly).</summary>
    public void ForgetAll() => cache.Clear();

    public void Dispose() => cache.Dispose();
}

/// <summary>
/// People you may know: contacts of contacts, most shared contacts first, then the same employer, then the same
/// industry; never a contact, someone with an open request either way, a block either way, or a dismissed member.
/// One query per call, whether the candidates are remembered (<see cref="SuggestionCandidates"/>) or found afresh.
/// </summary>
public class SuggestionService(AppDbContext db, SuggestionCandidates? candidates = null)
{
    /// <summary>
    /// How many of a member's contacts (the most recent) "people you may know" looks through. Members with up to this
    /// many contacts (96 % of the members in the benchmark network) get the exact ranking; without a limit a
    /// super-connector with 5,000 contacts makes the query count a million contacts of contacts: 1.5 to 2.5 s at
    /// 100,000 and a million members (bench/results).
    /// </summary>
    public const int FanOut = 200;

    /// <summary>
    /// Members without contacts get people from their employer and industry. Shared contacts are counted over the
    /// member's <see cref="FanOut"/> most recent contacts, as far as <see cref="NetworkVisibility"/> lets the member
    /// see them. The cards come with their degree for <paramref name="me"/> (2, or null for a member who only shares
    /// the employer or industry), so a page needs no second query for the badges. With remembered candidates, their
    /// shared contacts, the exclusions, blocks and contact-list settings are all read afresh; only a member who became
    /// a candidate since waits for the next search (at most <see cref="SuggestionCandidates.Keep"/>).
    /// </summary>
    public async Task<(IReadOnlyList<MemberCard> Cards, IReadOnlyDictionary<Guid, int?> Degrees)> SuggestionsAsync(
        Guid me, int take = 10, CancellationToken ct = default)
    {
        List<SuggestionRow> rows;
        if (candidates?.Get(me) is { } remembered)
        {
            rows = await db.Database.SqlQueryRaw<SuggestionRow>(RememberedSql, new NpgsqlParameter("me", me),
                new NpgsqlParameter("ids", remembered), new NpgsqlParameter("take", take)).ToListAsync(ct);
        }
        else
        {
            rows = await db.Database.SqlQueryRaw<SuggestionRow>(SearchSql, new NpgsqlParameter("me", me),
                new NpgsqlParameter("take", candidates is null ? take : Math.Max(take, SuggestionCandidates.Count))).ToListAsync(ct);
            candidates?.Set(me, rows.Select(r => r.UserId).ToArray());
            rows = rows.Take(take).ToList();
        }
        var cards = rows.Select(r => new MemberCard(r.UserId, r.FirstName, r.LastName, r.Slug, r.PhotoSmallFileId,
            r.Headline, r.Employer, r.Shared)).ToList();
        return (cards, rows.ToDictionary(r => r.UserId, r => r.Second ? 2 : (int?)null));
    }

    public async Task DismissAsync(Guid me, Guid other, CancellationToken ct = default)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "DismissedSuggestions" ("UserId", "DismissedUserId", "CreatedAt")
            SELECT {me}, u."Id", now() FROM "AspNetUsers" u WHERE u."Id" = {other} AND u."Id" <> {me}
            ON CONFLICT DO NOTHING
            """, ct);
        // The next list searches again, so that the dismissed card's place is filled.
        candidates?.Forget(me);
    }

    private sealed record SuggestionRow(Guid UserId, int Shared, bool SameEmployer, bool SameIndustry,
        string FirstName, string LastName, string? Slug, Guid? PhotoSmallFileId, string? Headline, string? Employer,
        bool Second);

    // The candidate's list is open: p is their profile (left joined; no profile means the default, open).
    private static readonly string ListOpenOfP = $"""p."ContactListVisibility" IS DISTINCT FROM {(int)ContactListVisibility.OnlyMe}""";

    // Only what the viewer may see counts (NetworkVisibility): the contacts looked through are those whose list is
    // open, a contact of theirs is suggested for them only with an open list too; a member who keeps their list to
    // themselves may still come by employer or industry, without shared contacts. via is materialized: read once, not
    // again for each remembered candidate.
    private static readonly string Common = $"""
        WITH me AS (SELECT "Employer", "IndustryCode" FROM "MemberProfiles" WHERE "UserId" = @me),
        via AS MATERIALIZED (
            SELECT r.id FROM (SELECT c."ContactUserId" AS id FROM "Contacts" c WHERE c."UserId" = @me
                              ORDER BY c."CreatedAt" DESC LIMIT {FanOut}) r
            WHERE {NetworkVisibility.ShownSql("r.id")}
        ),
        """;

    // The candidates (id, shared) come out of the ordered subquery c by shared contacts, so the joins for the employer
    // and industry tie-breaks (an incremental sort) run only for the first few of them.
    private static string Cards(string keep, string where) => $"""
        SELECT c.id AS "UserId", c.shared::int AS "Shared",
               -- IS TRUE: when my own employer or industry is empty, "=" gives NULL, not false.
               (p."Employer" = me."Employer") IS TRUE AS "SameEmployer",
               (p."IndustryCode" = me."IndustryCode") IS TRUE AS "SameIndustry",
               u."FirstName", u."LastName", p."Slug", p."PhotoSmallFileId", p."Headline", p."Employer",
               -- The degree as DegreesAsync sees it: shared contacts were counted through open lists only; a member
               -- who came by employer or industry may still be a contact of any of my shown contacts.
               c.shared > 0 OR ({ListOpenOfP} AND EXISTS (
                   SELECT 1 FROM "Contacts" x WHERE x."UserId" = c.id AND x."ContactUserId" IN (
                       SELECT t."ContactUserId" FROM "Contacts" t
                       WHERE t."UserId" = @me AND {NetworkVisibility.ShownSql("t.\"ContactUserId\"")}))) AS "Second"
        FROM (SELECT * FROM candidates WHERE {keep} ORDER BY shared DESC OFFSET 0) c
        JOIN "AspNetUsers" u ON u."Id" = c.id AND u."EmailConfirmed" AND u."DeletionRequestedAt" IS NULL
        LEFT JOIN "MemberProfiles" p ON p."UserId" = c.id
        LEFT JOIN me ON true
        WHERE {where}
        ORDER BY c.shared DESC, "SameEmployer" DESC, "SameIndustry" DESC, c.id
        LIMIT @take
        """;

    /// <summary>
    /// The search: contacts of contacts always rank above members who only share the employer or industry (shared >= 1
    /// > 0), so "same" takes only members who share no counted contact, and no grouping of the two is needed. The
    /// exclusions are one small set per member, checked with a hash.
    /// </summary>
    private static readonly string SearchSql = Common + $"""
        excluded AS (
            SELECT "ContactUserId" AS id FROM "Contacts" WHERE "UserId" = @me
            UNION ALL SELECT "ToUserId" FROM "ContactRequests" WHERE "FromUserId" = @me
            UNION ALL SELECT "FromUserId" FROM "ContactRequests" WHERE "ToUserId" = @me
            UNION ALL SELECT "BlockedId" FROM "MemberBlocks" WHERE "BlockerId" = @me
            UNION ALL SELECT "BlockerId" FROM "MemberBlocks" WHERE "BlockedId" = @me
            UNION ALL SELECT "DismissedUserId" FROM "DismissedSuggestions" WHERE "UserId" = @me
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
              -- Not already counted in fof (a contact of a looked-through contact), unless their list is closed, and
              -- then fof left them out. p is their profile row: its own column, not a subquery per row (a subquery
              -- under OR became a hashed scan of every closed list).
              AND (p."ContactListVisibility" = {(int)ContactListVisibility.OnlyMe} OR p."UserId" NOT IN (SELECT id FROM fof))
            LIMIT 200
        ),
        candidates AS (
            SELECT id, shared FROM fof UNION ALL SELECT id, shared FROM same
        )
        """ + Cards("id NOT IN (SELECT id FROM excluded)", $"c.shared = 0 OR {ListOpenOfP}");

    /// <summary>
    /// The remembered candidates, counted again: the shared contacts through the contacts looked through now (0 when
    /// the candidate's own list is closed), then kept as the search would keep them: with a shared contact, or with the
    /// same employer or industry.
    /// </summary>
    private static readonly string RememberedSql = Common + $"""
        counted AS (
            SELECT x."ContactUserId" AS id, count(*) AS shared FROM "Contacts" x
            WHERE x."UserId" IN (SELECT id FROM via) AND x."ContactUserId" = ANY (@ids::uuid[])
            GROUP BY x."ContactUserId"
        ),
        candidates AS (
            SELECT t.id, CASE WHEN {ListOpenOfP} THEN coalesce(n.shared, 0) ELSE 0 END AS shared
            FROM unnest(@ids::uuid[]) AS t(id)
            LEFT JOIN counted n ON n.id = t.id
            LEFT JOIN "MemberProfiles" p ON p."UserId" = t.id
            WHERE t.id <> @me
        )
        """ + Cards(ExcludedOne("candidates.id"),
            """c.shared > 0 OR (p."Employer" = me."Employer") IS TRUE OR (p."IndustryCode" = me."IndustryCode") IS TRUE""");

    /// <summary>
    /// The exclusions for one candidate, looked up by key: for a few remembered candidates, cheaper than the hashed
    /// set of all of them (every contact of a member with thousands).
    /// </summary>
    private static string ExcludedOne(string id) => $"""
        NOT EXISTS (SELECT 1 FROM "Contacts" e WHERE e."UserId" = @me AND e."ContactUserId" = {id})
        AND NOT EXISTS (SELECT 1 FROM "ContactRequests" r WHERE r."FromUserId" = @me AND r."ToUserId" = {id})
        AND NOT EXISTS (SELECT 1 FROM "ContactRequests" r WHERE r."FromUserId" = {id} AND r."ToUserId" = @me)
        AND NOT EXISTS (SELECT 1 FROM "MemberBlocks" b WHERE b."BlockerId" = @me AND b."BlockedId" = {id})
        AND NOT EXISTS (SELECT 1 FROM "MemberBlocks" b WHERE b."BlockerId" = {id} AND b."BlockedId" = @me)
        AND NOT EXISTS (SELECT 1 FROM "DismissedSuggestions" d WHERE d."UserId" = @me AND d."DismissedUserId" = {id})
        """;
}
