using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using Npgsql;
using NpgsqlTypes;

namespace NetworkPlatform.Domain.Search;

public enum DegreeFilter
{
    Any = 0,
    First = 1,
    Second = 2,
    ThirdOrMore = 3,
}

/// <summary>
/// What a member may narrow a search with. The last four are premium filters: for everyone else they are dropped
/// (and the page says so), however they got into the request.
/// </summary>
public record MemberSearchFilters
{
    public string? City { get; init; }
    public string? Industry { get; init; }
    public string? Employer { get; init; }
    public string? Skill { get; init; }
    public DegreeFilter Degree { get; init; }
    public string? Offers { get; init; }
    public string? Wants { get; init; }
    public string? Language { get; init; }
    public int? MinYears { get; init; }

    public bool HasPremiumFilters => Offers is not null || Wants is not null || Language is not null || MinYears is not null;

    public bool IsEmpty => City is null && Industry is null && Employer is null && Skill is null &&
                           Degree == DegreeFilter.Any && !HasPremiumFilters;
}

/// <summary>Who searches: nobody (a visitor), a free or a premium member.</summary>
public record SearchViewer(Guid? UserId, bool Premium)
{
    public static readonly SearchViewer Anonymous = new(null, false);
}

/// <summary>
/// One member found. Degree, shared contacts and the relation are null/None for visitors; shared contacts are null
/// too when the member hides their contact list. Degree and shared contacts show only what
/// <see cref="NetworkVisibility"/> lets the viewer see.
/// </summary>
public record MemberSearchHit(Guid UserId, string FirstName, string LastName, string Slug, Guid? PhotoFileId,
    string? Headline, string? Position, string? Employer, string? City, string? Country, int? Degree,
    int? SharedContacts, ContactStatus Status, Guid? RequestId);

public record MemberSearchResults(
    string? Query,
    MemberSearchFilters Filters,
    IReadOnlyList<MemberSearchHit> Hits,
    int Total,
    int Limit,
    int Page,
    bool PremiumFiltersIgnored,
    bool Searched,
    bool MoreThanTotal = false)
{
    /// <summary>How many of <see cref="Total"/> the viewer may page through.</summary>
    public int Reachable => Math.Min(Total, Limit);

    public int Pages => Math.Max(1, (Reachable + SearchService.PageSize - 1) / SearchService.PageSize);
}

/// <summary>
/// Member search (ADR 0006): full text over the generated search document (German and English stems), typo-tolerant
/// names by trigrams, filters, visibility, and the viewer's network for ranking and badges. A page is one round trip:
/// the ranked page with its total, and for each member on it the degree, the shared contacts and a contact request.
/// </summary>
public class SearchService(AppDbContext db, TimeProvider time)
{
    public const int PageSize = 20;

    /// <summary>
    /// The degree of a result that is neither a contact nor a contact of a contact the viewer may see
    /// (<see cref="NetworkVisibility"/>): further away, not connected, or connected only through contact lists the
    /// viewer may not see ("3rd+", as the degree filter "3rd and beyond"; ADR 0006, ADR 0009).
    /// </summary>
    public const int ThirdOrFurther = 4;
    public const int FreeLimit = 30;
    public const int PremiumLimit = 300;
    public const int QueryMaxLength = 200;
    public const int FilterMaxLength = 100;
    public const int MaxYears = 60;


    /// <summary>
    /// Names whose folded form shares at least this much with the query (pg_trgm word similarity) are found as typos:
    /// "muller" ~ "mueller" 0.5, "schmitt" ~ "schmidt" 0.63, while unrelated names stay below.
    /// </summary>
    public const double NameSimilarity = 0.5;

    /// <summary>
    /// Closeness (2nd degree) is needed only for the contenders for the page (the matches equal by name and text to
    /// the page's last one). It is looked up in each contender's own contacts while they are at most this many times
    /// the viewer's contacts; beyond, the viewer's 2nd-degree circle is built once. Both cost about the number of
    /// members times their contacts, and a viewer's contacts have more contacts than the average match
    /// (bench/README.md, member search).
    /// </summary>
    public const int ProbeFactor = 3;

    /// <summary>
    /// The viewer's 2nd-degree circle (contacts of contacts, with repeats) is read up to this many rows; a bigger
    /// circle (a viewer with hundreds of well-connected contacts: 100,000) is not built, the candidates' own contacts
    /// are looked into instead. Settable for tests.
    /// </summary>
    public int CircleCap { get; init; } = 20000;

    /// <summary>
    /// For closeness (not for the degree filter), the circle is read further than <see cref="CircleCap"/>: up to this
    /// many rows per contender. Looking into a member's own contacts reads about 50 index entries (the mean number of
    /// contacts), a circle row one, so for a hub searcher (a circle of 25,000) with a common name (a thousand tied
    /// exact names) the circle is still the cheaper way. Settable for tests (0: only <see cref="CircleCap"/>).
    /// </summary>
    public int CirclePerMatch { get; init; } = DefaultCirclePerMatch;

    public const int DefaultCirclePerMatch = 25;

    /// <summary>
    /// How many text matches (and as many near names) are read and ranked, at most, besides the exact names and the
    /// viewer's own contacts among them, which are always ranked. Ranking a match costs microseconds (reading its row,
    /// <c>ts_rank</c>), and a term in 5 % of a million profiles has 50,000 (bench/README.md). Settable (Search:RankCap).
    /// </summary>
    public int RankCap { get; init; } = DefaultRankCap;

    public const int DefaultRankCap = 1000;

    /// <summary>
    /// How many members of one name are read (at most <see cref="RankCap"/>): of each near name, and of the exact name
    /// beyond the text matches. A common name and its typos have thousands ("Mueller": 7,000 Müller, Mueller, Muller),
    /// and reading a thousand rows of each cost more than the rest of the search (bench/README.md). Nobody sees more
    /// than <see cref="PremiumLimit"/> results. Settable for tests.
    /// </summary>
    public int NameCap { get; init; } = PremiumLimit;

    /// <summary>
    /// How far the total is counted exactly; beyond, the page says "more than". Up to the rank cap the count is that
    /// of the matches read for ranking; a higher cap reads the text matches a second time, without ranking, up to it
    /// (about 3 µs a match; with filters that keep few matches, as long again as the search). Nobody pages beyond
    /// <see cref="PremiumLimit"/>, so by default the count stops where ranking does. Settable (Search:CountCap).
    /// </summary>
    public int CountCap { get; init; } = DefaultCountCap;

    public const int DefaultCountCap = DefaultRankCap;

    public async Task<MemberSearchResults> SearchAsync(SearchViewer viewer, string? query, MemberSearchFilters filters,
        int page, CancellationToken ct = default)
    {
        var text = Clean(query, QueryMaxLength);
        filters = CleanFilters(filters);
        var ignored = false;
        if (viewer.UserId is null)
            filters = filters with { Degree = DegreeFilter.Any };
        if (!viewer.Premium && filters.HasPremiumFilters)
        {
            ignored = true;
            filters = filters with { Offers = null, Wants = null, Language = null, MinYears = null };
        }
        var limit = viewer.Premium ? PremiumLimit : FreeLimit;
        var maxPage = (limit + PageSize - 1) / PageSize;
        page = Math.Clamp(page, 1, maxPage);
        if (text is null && filters.IsEmpty)
            return new(null, filters, [], 0, limit, 1, ignored, Searched: false);

        var skip = (page - 1) * PageSize;
        var take = Math.Min(PageSize, limit - skip);
        var rows = await RankedPageAsync(viewer.UserId, text, filters, skip, take, limit, ct);
        var total = (int)rows[0].Total;
        var member = viewer.UserId is not null;
        var hits = rows.Where(r => r.UserId is not null).Select(r =>
        {
            var id = r.UserId!.Value;
            var (status, requestId) = r switch
            {
                _ when !member => (ContactStatus.None, (Guid?)null),
                { Closeness: 1 } => (ContactStatus.Contacts, null),
                { RequestId: { } rid } when r.RequestFrom == viewer.UserId => (ContactStatus.RequestSent, rid),
                { RequestId: { } rid, Declined: false } => (ContactStatus.RequestReceived, rid),
                _ => (ContactStatus.None, null),
            };
            int? degree = !member ? null : r.Closeness is 1 or 2 ? r.Closeness : ThirdOrFurther;
            var shared = !member || r.ContactListVisibility == (int)ContactListVisibility.OnlyMe ? null : r.Shared;
            return new MemberSearchHit(id, r.FirstName!, r.LastName!, r.Slug!, r.PhotoFileId, r.Headline, r.Position,
                r.Employer, r.City, r.Country, degree, shared, status, requestId);
        }).ToList();
        return new(text, filters, hits, total, limit, page, ignored, Searched: true, MoreThanTotal: rows[0].Capped);
    }

    private sealed record RankedRow(long Total, bool Capped, Guid? UserId, string? FirstName, string? LastName,
        string? Slug, Guid? PhotoFileId, string? Headline, string? Position, string? Employer, string? City,
        string? Country, int? ContactListVisibility, int? Closeness, int? Shared, Guid? RequestId, Guid? RequestFrom,
        bool? Declined);

    /// <summary>
    /// The one query that finds, filters, ranks and pages: always at least one row (the total), plus one per member on
    /// the page. Input only ever reaches the SQL as parameters; the text below is fixed fragments.
    /// <para>
    /// Shape (ADR 0006, bench/README.md): the members nobody may find (unconfirmed, deletion pending, blocked
    /// either way) are collected first through small partial indexes and left out by a hashed anti-join, instead of
    /// joining every match to its account. The text matches are read through the GIN index up to
    /// <see cref="RankCap"/> + 1 and counted up to <see cref="CountCap"/> (beyond, the total is "more than"); besides
    /// those first
    /// matches, the exact name matches and the viewer's own contacts among the matches are added through their own
    /// indexes, so that what ranks first is never cut off. Names with a typo are found through the dictionary of
    /// name words: near words by trigrams there, then members through the index on their name words.
    /// </para>
    /// </summary>
    private async Task<List<RankedRow>> RankedPageAsync(Guid? viewer, string? text, MemberSearchFilters f, int skip,
        int take, int limit, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var parameters = new List<NpgsqlParameter>
        {
            new("viewer", NpgsqlDbType.Uuid) { Value = viewer ?? Guid.Empty },
        };
        // Numbers the service sets (the caps, the page) are written into the text, so that a plan PostgreSQL keeps for
        // the statement is made for them; only what a person typed, who searches and the time are parameters.
        var numbers = new Dictionary<string, int>
        {
            ["skip"] = skip, ["take"] = take, ["cap"] = RankCap, ["count_cap"] = Math.Max(RankCap, CountCap),
            ["circle_cap"] = CircleCap, ["circle_per_match"] = CirclePerMatch,
            ["name_cap"] = Math.Min(NameCap, RankCap), ["limit"] = limit,
        };
        void Param(string name, object value) => parameters.Add(new NpgsqlParameter(name, value));

        // Filters: the same fragment in every branch that finds members.
        var where = new StringBuilder();
        if (f.City is not null)
        {
            Param("city", f.City);
            where.AppendLine("""AND strpos(p."CityKey", np_search_fold(@city)) > 0""");
        }
        if (f.Employer is not null)
        {
            Param("employer", f.Employer);
            where.AppendLine("""AND strpos(p."EmployerKey", np_search_fold(@employer)) > 0""");
        }
        if (f.Industry is not null)
        {
            Param("industry", f.Industry);
            where.AppendLine("""AND p."IndustryCode" = @industry""");
        }
        if (f.Skill is not null)
        {
            // A skill is a whole tag, compared case- and accent-insensitively: "c#" finds C#, not C++ or C. The folded
            // skills have a GIN index, so a filter without words does not read every profile.
            Param("skill", f.Skill);
            where.AppendLine("""AND p."SkillKeys" @> ARRAY[np_search_fold(@skill)]""");
        }
        if (f.Offers is not null)
        {
            Param("offers", f.Offers);
            where.AppendLine("""AND strpos(p."HavesKey", np_search_fold(@offers)) > 0""");
        }
        if (f.Wants is not null)
        {
            Param("wants", f.Wants);
            where.AppendLine("""AND strpos(p."WantsKey", np_search_fold(@wants)) > 0""");
        }
        if (f.Language is not null)
        {
            Param("language", f.Language);
            // A scalar subquery, so it stays a per-member index probe: as EXISTS, PostgreSQL turns it into a semi-join
            // that folds every language row of every member first (bench: 2.5 s at 100,000 members).
            where.AppendLine("""
                AND (SELECT count(*) FROM "ProfileLanguages" l WHERE l."UserId" = p."UserId" AND np_search_fold(l."Name") = np_search_fold(@language)) > 0
                """);
        }
        if (f.MinYears is { } years)
        {
            // Years of experience: since the start of the earliest work experience on the profile.
            Param("experience_since", DateOnly.FromDateTime(now.UtcDateTime).AddYears(-years));
            where.AppendLine("""
                AND (SELECT min(e."StartMonth") FROM "ProfileEntries" e WHERE e."UserId" = p."UserId" AND e."Kind" = 0) <= @experience_since
                """);
        }
        // 2nd degree, as far as the viewer may see it (NetworkVisibility): a member with an open contact list, in the
        // 2nd-degree circle through the viewer's contacts that may be shown ("through") while it is small; for a viewer
        // with hundreds of well-connected contacts (a circle of 100,000) by looking into each candidate's own contacts.
        var inCircle = $$"""
            ({{NetworkVisibility.ListOpenSql("{0}")}} AND
             CASE WHEN (SELECT count(*) FROM circle) <= @circle_cap THEN {0} IN (SELECT id FROM circle)
                  ELSE EXISTS (SELECT 1 FROM "Contacts" c2 WHERE c2."UserId" = {0}
                                 AND COALESCE(c2."ContactUserId" IN (SELECT id FROM through), false)) END)
            """;
        where.AppendLine(f.Degree switch
        {
            DegreeFilter.First => """AND p."UserId" IN (SELECT id FROM mine)""",
            DegreeFilter.Second => $"""AND p."UserId" NOT IN (SELECT id FROM mine) AND {string.Format(inCircle, "p.\"UserId\"")}""",
            DegreeFilter.ThirdOrMore => $"""AND p."UserId" NOT IN (SELECT id FROM mine) AND NOT {string.Format(inCircle, "p.\"UserId\"")}""",
            _ => "",
        });
        var visible = $"""
            p."UserId" NOT IN (SELECT id FROM hidden)
            {(viewer is null ? $"""AND p."Audience" = {(int)ProfileAudience.Public}""" : "")}
            {where}
            """;

        // The query as websearch syntax ("quotes", -minus, OR), stemmed both as German and as English: either reading
        // may match (Entwicklung ~ Entwickler, developing ~ developer). websearch_to_tsquery never fails on syntax.
        // Near names only for plain words: a query with "quotes", -minus or OR asks for exactly that, and a near name
        // must not bring back what it excludes; and for at most three words (a name, not a sentence).
        var hasText = text is not null;
        if (text is not null)
            Param("q", text);
        var plain = text is not null && IsPlain(text);
        var textCtes = hasText
            ? $"""
              qw AS MATERIALIZED (
                  SELECT array_remove(regexp_split_to_array(np_search_fold(@q), '[^[:alnum:]]+'), '') AS words,
                         ({SearchSql.GermanQuery} || websearch_to_tsquery('pg_catalog.english', np_search_fold(@q))) AS tsq
              ),
              -- Each word of the query with the name words near it (pg_trgm word similarity, NameSimilarity).
              near AS MATERIALIZED (
                  SELECT w.ord, d."Word" AS word, word_similarity(w.word, d."Word") AS sim
                  FROM qw, unnest(qw.words) WITH ORDINALITY w(word, ord)
                  JOIN "SearchNameWords" d ON w.word <% d."Word"
                  WHERE {(plain ? "true" : "false")} AND cardinality(qw.words) <= 3
              ),
              -- Every way to pick one near word per query word ("hans muller": hans + mueller, hanns + mueller, ...).
              combos AS MATERIALIZED (
                  WITH RECURSIVE c(ord, words) AS (
                      SELECT 0::bigint, ARRAY[]::text[]
                      UNION ALL
                      SELECT c.ord + 1, c.words || n.word FROM c JOIN near n ON n.ord = c.ord + 1
                  )
                  SELECT c.words FROM c, qw WHERE c.ord = cardinality(qw.words) AND c.ord > 0 LIMIT 100
              ),
              """
            : "";
        const string exactSql = """(cardinality(qw.words) > 0 AND p."NameWords" @> qw.words)""";
        var from = hasText ? """FROM "MemberProfiles" p, qw""" : """FROM "MemberProfiles" p""";
        var docColumns = hasText
            ? $"""p."UserId" AS id, p."SearchName" AS name, {exactSql} AS exact, ts_rank(p."SearchDocument", qw.tsq) AS rank, p."NameWords" AS namewords"""
            : """p."UserId" AS id, p."SearchName" AS name, false AS exact, 0::real AS rank, p."NameWords" AS namewords""";
        var docMatch = hasText ? """AND p."SearchDocument" @@ qw.tsq""" : "";
        // "(... @@ ...) IS TRUE": the same test, but not one the planner can answer with the text index, so that the
        // extra branches are driven by their own small index (the name words, the viewer's contacts).
        var docCheck = hasText ? """AND (p."SearchDocument" @@ qw.tsq) IS TRUE""" : "";
        // Members by near names that the text did not find. The combination that is the query itself is left out: those
        // are exact names, and a name is in the text document, so they are text matches already. "Not found by the
        // text" is "not among the text matches read" (testing the document again costs microseconds a row: a profile's
        // document has a kilobyte); exact up to the rank cap, beyond it a member whose name is near and whose text also
        // matches may be counted twice in a total that is large anyway, and is ranked once. Each combination is read up
        // to the name cap, not all its members ("schmitt": 9,000 Schmidt, Schmid, Schmitz) before the duplicates are
        // removed: the members of one combination are distinct, so the total is still "more than" exactly when one
        // reached the cap.
        string Named(string columns, string limit) => plain
            ? $"""
              SELECT DISTINCT ON (p."UserId") {columns}
              FROM combos, qw,
                   LATERAL (SELECT p."UserId", p."SearchName", p."NameWords" FROM "MemberProfiles" p
                            WHERE p."NameWords" @> combos.words AND p."UserId" NOT IN (SELECT id FROM doc) AND {visible}
                            LIMIT {limit}) p
              WHERE combos.words <> qw.words AND NOT (SELECT exact_full FROM fill)
              LIMIT {limit}
              """
            : $"""SELECT {columns} FROM "MemberProfiles" p WHERE false""";
        var named = Named("""p."UserId" AS id, p."SearchName" AS name, false AS exact, 0::real AS rank, p."NameWords" AS namewords""", "@name_cap + 1");
        // Exact names beyond the text matches read, up to the name cap: for plain words an exact name is a text match
        // (the name is in the document), so the document is not tested again (microseconds a row, and a common name has
        // thousands).
        var exactBranch = hasText
            ? $"""
              (SELECT {docColumns} {from}
               WHERE (SELECT count(*) FROM doc) > @cap AND cardinality(qw.words) > 0 AND p."NameWords" @> qw.words
                 {(plain ? "" : docCheck)} AND {visible}
               LIMIT @name_cap + 1)
              UNION ALL
              """
            : "";
        // A name near enough to count as a typo adds its similarity, so "Schmitt" for "Schmidt" ranks among the text
        // matches; rounded to thousandths (an integer), so that near-equal scores tie and closeness decides.
        var relevance = plain
            ? """
              round((a.rank + COALESCE(0.5 * (SELECT max(n.sim) FROM near n WHERE n.word = ANY (a.namewords)
                                               HAVING count(DISTINCT n.ord) = (SELECT cardinality(words) FROM qw)), 0)) * 1000)::int
              """
            : "round(a.rank * 1000)::int";
        // Closeness (2nd degree), for the contenders for the page only (below): by looking at each one's own contacts
        // while they are few (at most ProbeFactor x the viewer's contacts: both cost about members x their contacts),
        // else by the circle. The circle is read up to the cap, and for closeness further with the contenders
        // (CirclePerMatch); not when the degree filter reads it, since the matches depend on that filter.
        var degreeFilter = f.Degree is DegreeFilter.Second or DegreeFilter.ThirdOrMore;
        var circleLimit = degreeFilter
            ? "@circle_cap"
            : "GREATEST(@circle_cap, @circle_per_match * (SELECT count(*) FROM contenders))";
        // The viewer's 2nd-degree circle, read only when needed; before the matches when the filter needs it, else after.
        var circle = $"""
            circle AS MATERIALIZED (
                SELECT c."ContactUserId" AS id FROM "Contacts" c WHERE c."UserId" IN (SELECT id FROM through)
                LIMIT {circleLimit} + 1
            ),
            """;
        // Only what the viewer may see ranks (NetworkVisibility): a member who keeps their list to themselves is never
        // 2nd degree, and the circle and the probes go only through the contacts that may be shown ("through").
        var closeness = $"""
            CASE WHEN m.id IN (SELECT id FROM mine) THEN 1
                 WHEN NOT ({NetworkVisibility.ListOpenSql("m.id")}) THEN 3
                 WHEN (SELECT count(*) FROM contenders) <= {ProbeFactor} * (SELECT count(*) FROM through)
                      OR (SELECT count(*) FROM circle) > {circleLimit} THEN
                      CASE WHEN EXISTS (SELECT 1 FROM "Contacts" c
                                        WHERE c."UserId" = m.id
                                          AND COALESCE(c."ContactUserId" IN (SELECT id FROM through), false))
                           THEN 2 ELSE 3 END
                 WHEN m.id IN (SELECT id FROM circle) THEN 2 ELSE 3 END
            """;

        // The trigram operator's threshold is a setting; it is set in the same command (one round trip), every time,
        // so the query never depends on what a pooled connection was left with.
        var sql = $"""
            SET pg_trgm.word_similarity_threshold = {NameSimilarity.ToString(System.Globalization.CultureInfo.InvariantCulture)};
            WITH mine AS MATERIALIZED (
                SELECT "ContactUserId" AS id FROM "Contacts" WHERE "UserId" = @viewer
            ),
            -- The viewer's contacts through whom others may be shown (NetworkVisibility): degrees, ranks, shared contacts.
            through AS MATERIALIZED (
                SELECT id FROM mine WHERE {NetworkVisibility.ShownSql("mine.id")}
            ),
            hidden AS MATERIALIZED (
                SELECT "Id" AS id FROM "AspNetUsers" WHERE NOT "EmailConfirmed"
                UNION ALL SELECT "Id" FROM "AspNetUsers" WHERE {MemberVisibility.HiddenSql}
                UNION ALL SELECT "BlockedId" FROM "MemberBlocks" WHERE "BlockerId" = @viewer
                UNION ALL SELECT "BlockerId" FROM "MemberBlocks" WHERE "BlockedId" = @viewer
                UNION ALL SELECT @viewer
            ),
            {textCtes}
            {(degreeFilter ? circle : "")}
            doc AS MATERIALIZED (
                SELECT {docColumns} {from}
                WHERE {visible} {docMatch}
                LIMIT @cap + 1
            ),
            {(plain ? """
            -- Exact names (among the text matches read) that fill every page this member can reach: near names rank below
            -- them and could never be seen, so they are not read; the total then says "more than".
            fill AS MATERIALIZED (
                SELECT count(*) >= @limit AS exact_full FROM doc WHERE doc.exact
            ),
            """ : "")}
            named AS MATERIALIZED (
                {named}
            ),
            matches AS MATERIALIZED (
                SELECT DISTINCT ON (a.id) a.id, a.name, a.exact, {relevance} AS relevance
                FROM (SELECT * FROM doc
                      UNION ALL SELECT * FROM named
                      UNION ALL
                      {exactBranch}
                      SELECT {docColumns}
                      FROM mine JOIN "MemberProfiles" p ON p."UserId" = mine.id{(hasText ? ", qw" : "")}
                      WHERE (SELECT count(*) FROM doc) > @cap {docCheck} AND {visible}) a
                ORDER BY a.id, a.exact DESC, a.rank DESC
            ),
            -- Closeness only decides between matches that are equal by name and text: the page holds the matches ranked
            -- at least as high by those two as the last one on it. Only these contenders need their closeness (for
            -- words, some dozens of a thousand matches), so the viewer's circle is rarely read for ranking.
            cut AS MATERIALIZED (
                SELECT m.exact, m.relevance FROM matches m
                ORDER BY m.exact DESC, m.relevance DESC
                OFFSET @skip + @take - 1 LIMIT 1
            ),
            contenders AS MATERIALIZED (
                SELECT m.* FROM matches m
                WHERE NOT EXISTS (SELECT 1 FROM cut) OR (m.exact, m.relevance) >= (SELECT c.exact, c.relevance FROM cut c)
            ),
            {(degreeFilter ? "" : circle)}
            -- The total: what was ranked, or, when the text matches hit the rank cap, counted on without ranking up to
            -- the count cap. Near names are counted only as far as they are ranked: beyond, "more than" (a common name
            -- has ten thousand near names, and counting them cost more than the rest of the search).
            totals AS MATERIALIZED (
                SELECT CASE WHEN (SELECT count(*) FROM doc) > @cap AND @count_cap > @cap
                            THEN (SELECT count(*) FROM (SELECT 1 {from} WHERE {visible} {docMatch} LIMIT @count_cap + 1) x)
                            ELSE (SELECT count(*) FROM doc) END AS doc,
                       (SELECT count(*) FROM named) AS named,
                       {(plain ? "(SELECT exact_full FROM fill) AND EXISTS (SELECT 1 FROM combos, qw WHERE combos.words <> qw.words)" : "false")} AS near_unread
            ),
            counted AS MATERIALIZED (
                SELECT LEAST(doc, @count_cap) + LEAST(named, @name_cap) AS total,
                       doc > @count_cap OR named > @name_cap OR near_unread AS capped
                FROM totals
            ),
            page AS (
                SELECT @skip + row_number() OVER (ORDER BY top.exact DESC, top.relevance DESC, top.closeness, top.name, top.id) AS ordinal,
                       top.id, top.closeness
                FROM (SELECT m.*, {closeness} AS closeness
                      FROM contenders m
                      ORDER BY m.exact DESC, m.relevance DESC, closeness, m.name, m.id
                      LIMIT @take OFFSET @skip) top
            )
            -- Each member on the page with what the result shows of the viewer's network: the degree is the closeness
            -- that ranked it (1st, 2nd, 3rd or further), the contacts shared with the viewer, a contact request either way.
            SELECT t.total AS "Total", t.capped AS "Capped", page.id AS "UserId",
                   u."FirstName", u."LastName", p."Slug", p."PhotoSmallFileId" AS "PhotoFileId", p."Headline",
                   p."Position", p."Employer", p."City", p."Country", p."ContactListVisibility",
                   page.closeness AS "Closeness",
                   CASE WHEN page.id IS NOT NULL AND @viewer <> '00000000-0000-0000-0000-000000000000'::uuid THEN
                        (SELECT count(*) FROM "Contacts" c
                         WHERE c."UserId" = page.id AND c."ContactUserId" IN (SELECT id FROM through))::int END AS "Shared",
                   r."Id" AS "RequestId", r."FromUserId" AS "RequestFrom", r."DeclinedAt" IS NOT NULL AS "Declined"
            FROM counted t
            LEFT JOIN page ON true
            LEFT JOIN "MemberProfiles" p ON p."UserId" = page.id
            LEFT JOIN "AspNetUsers" u ON u."Id" = page.id
            LEFT JOIN "ContactRequests" r
                   ON (r."FromUserId" = @viewer AND r."ToUserId" = page.id) OR (r."FromUserId" = page.id AND r."ToUserId" = @viewer)
            ORDER BY page.ordinal
            """;
        sql = Regex.Replace(sql, @"@(skip|take|cap|count_cap|circle_cap|circle_per_match|name_cap|limit)\b",
            m => numbers[m.Groups[1].Value].ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await db.Database.SqlQueryRaw<RankedRow>(sql, parameters.Cast<object>().ToArray()).ToListAsync(ct);
    }

    /// <summary>No phrase, exclusion or alternative: just words.</summary>
    public static bool IsPlain(string text) =>
        !text.Contains('"') &&
        !text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(w => w.StartsWith('-') || w.Equals("or", StringComparison.OrdinalIgnoreCase));

    private static MemberSearchFilters CleanFilters(MemberSearchFilters f) => new()
    {
        City = Clean(f.City, FilterMaxLength),
        Industry = Industries.IsKnown(f.Industry) ? f.Industry : null,
        Employer = Clean(f.Employer, FilterMaxLength),
        Skill = Clean(f.Skill, FilterMaxLength),
        Degree = Enum.IsDefined(f.Degree) ? f.Degree : DegreeFilter.Any,
        Offers = Clean(f.Offers, FilterMaxLength),
        Wants = Clean(f.Wants, FilterMaxLength),
        Language = Clean(f.Language, FilterMaxLength),
        MinYears = f.MinYears is >= 1 and <= MaxYears ? f.MinYears : null,
    };

    /// <summary>
    /// What a member typed, made safe to hand to PostgreSQL: control characters (NUL would fail the query) and
    /// invisible format characters become spaces, runs of space collapse, at most <paramref name="max"/> characters
    /// without cutting an emoji in half; null when nothing is left.
    /// </summary>
    public static string? Clean(string? input, int max)
    {
        if (string.IsNullOrWhiteSpace(input))
            return null;
        var sb = new StringBuilder(Math.Min(input.Length, max));
        var space = false;
        for (var i = 0; i < input.Length && sb.Length < max; i++)
        {
            var c = input[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]) && sb.Length + 2 <= max)
                {
                    sb.Append(c).Append(input[++i]);
                    space = false;
                    continue;
                }
                if (i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
                    break;
                c = ' ';
            }
            else if (char.IsLowSurrogate(c) || char.IsControl(c) ||
                     char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format)
            {
                c = ' ';
            }
            if (char.IsWhiteSpace(c))
            {
                if (!space && sb.Length > 0)
                    sb.Append(' ');
                space = true;
                continue;
            }
            sb.Append(c);
            space = false;
        }
        var result = sb.ToString().Trim();
        return result.Length == 0 ? null : result;
    }
}
