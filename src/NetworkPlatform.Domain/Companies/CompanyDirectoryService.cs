using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using NetworkPlatform.Domain.Search;

namespace NetworkPlatform.Domain.Companies;

public enum CompanySort
{
    Relevance = 0,
    Name = 1,
    Followers = 2,
    Employees = 3,
    Newest = 4,
}

/// <summary>What the directory is asked: every part optional, all of them in the page's URL.</summary>
public sealed record CompanyQuery(string? Text, string? IndustryCode, CompanySize? Size, string? Location,
    CompanySort? Sort, int Page = 1)
{
    public const int MaxTextLength = 200;

    /// <summary>Relevance only means something with a text; without one the most followed come first.</summary>
    public CompanySort EffectiveSort => Sort switch
    {
        null or CompanySort.Relevance => string.IsNullOrWhiteSpace(Text) ? CompanySort.Followers : CompanySort.Relevance,
        { } s => s,
    };
}

/// <summary>
/// One page of the directory. <see cref="Total"/> is counted up to <see cref="CompanyDirectoryService.CountLimit"/>:
/// beyond it <see cref="TotalIsAtLeast"/> is true and the page says "10,000+" (no one pages further than 500 pages).
/// </summary>
public sealed record CompanyResults(IReadOnlyList<CompanyCard> Companies, int Total, int Page, int PageSize)
{
    public bool TotalIsAtLeast => Total > CompanyDirectoryService.CountLimit;
    public int Pages => Math.Clamp((Total + PageSize - 1) / PageSize, 1, CompanyDirectoryService.MaxPage);
}

/// <summary>
/// The company directory (issue 18): full text over name, tagline, specialities and description in German and English
/// word forms (the member search's functions), filters by industry, size band and a part of a location, five sorts.
/// Two statements per page whatever is asked: the total and the page, each served by an index of
/// <see cref="Configurations.CompanyPageConfiguration"/>.
/// </summary>
public class CompanyDirectoryService(AppDbContext db)
{
    public const int PageSize = 20;
    public const int MaxPage = 500;

    /// <summary>The count stops here (all 500 pages' worth): counting every one of 100,000 pages costs 60 ms or more.</summary>
    public const int CountLimit = PageSize * MaxPage;

    public async Task<CompanyResults> SearchAsync(CompanyQuery query, Guid? viewer, CancellationToken ct = default)
    {
        var text = (query.Text ?? "").Trim();
        if (text.Length > CompanyQuery.MaxTextLength)
            text = text[..CompanyQuery.MaxTextLength];
        var location = (query.Location ?? "").Trim();
        var page = Math.Clamp(query.Page, 1, MaxPage);
        var sort = query.EffectiveSort;
        if (sort == CompanySort.Relevance && text.Length == 0)
            sort = CompanySort.Followers;

        var where = new List<string> { "c.\"TakenDownAt\" IS NULL" };
        var parameters = new List<NpgsqlParameter>();
        var from = "\"CompanyPages\" c";
        var with = "";
        if (text.Length > 0)
        {
            // A materialized CTE: the query is built once per statement, also under the generic plan PostgreSQL
            // chooses for a prepared statement after five runs (which otherwise rebuilt it for every row: 10x slower).
            with = $"WITH qw AS MATERIALIZED (SELECT ({SearchSql.GermanQuery} || websearch_to_tsquery('pg_catalog.english', np_search_fold(@q))) AS tsq) ";
            from += ", qw";
            where.Add("c.\"SearchDocument\" @@ qw.tsq");
            parameters.Add(new("q", text));
        }
        // An industry that is not on the list (a hand-edited or outdated link) is no filter, as the form shows it.
        if (!string.IsNullOrWhiteSpace(query.IndustryCode) && Profiles.Industries.IsKnown(query.IndustryCode.Trim()))
        {
            where.Add("c.\"IndustryCode\" = @industry");
            parameters.Add(new("industry", query.IndustryCode.Trim()));
        }
        if (query.Size is { } size && size != CompanySize.Unknown)
        {
            where.Add("c.\"Size\" = @size");
            parameters.Add(new("size", (int)size));
        }
        if (location.Length > 0)
        {
            // The pattern in a subquery: computed once per statement (an InitPlan). Written inline, the generic plan of
            // a prepared statement folded and escaped the text again for every row it rechecked (70 ms for a country
            // that 88 % of the pages name, at 10,000 pages; 11 ms now).
            where.Add("c.\"LocationKey\" LIKE (SELECT '%' || replace(replace(replace(np_search_fold(@location), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')");
            parameters.Add(new("location", location));
        }
        var condition = string.Join(" AND ", where);
        var order = sort switch
        {
            CompanySort.Relevance => "ts_rank(c.\"SearchDocument\", qw.tsq) DESC, c.\"FollowerCount\" DESC, c.\"Id\"",
            CompanySort.Name => "c.\"NameKey\", c.\"Id\"",
            CompanySort.Employees => "c.\"EmployeeCount\" DESC, c.\"Id\"",
            CompanySort.Newest => "c.\"CreatedAt\" DESC, c.\"Id\"",
            _ => "c.\"FollowerCount\" DESC, c.\"Id\"",
        };

        var countSql = $"{with}SELECT count(*)::int AS \"Value\" FROM (SELECT 1 FROM {from} WHERE {condition} LIMIT {CountLimit + 1}) n";
        var total = await db.Database.SqlQueryRaw<int>(countSql, [.. Clone(parameters)]).SingleAsync(ct);

        var pageSql = $"""
            {with}SELECT c."Id", c."Slug", c."Name", c."Tagline", c."IndustryCode", c."Size", c."City", c."Country",
                   c."LogoFileId", c."VerifiedAt" IS NOT NULL AS "Verified", c."FollowerCount",
                   c."EmployeeCount",
                   (@viewer IS NOT NULL AND EXISTS (SELECT 1 FROM "CompanyFollows" f
                                                   WHERE f."CompanyId" = c."Id" AND f."UserId" = @viewer)) AS "Following"
            FROM {from}
            WHERE {condition}
            ORDER BY {order}
            LIMIT {PageSize} OFFSET {(page - 1) * PageSize}
            """;
        var pageParameters = Clone(parameters);
        pageParameters.Add(new NpgsqlParameter("viewer", NpgsqlDbType.Uuid) { Value = (object?)viewer ?? DBNull.Value });
        var companies = total == 0
            ? []
            : await db.Database.SqlQueryRaw<CompanyCard>(pageSql, [.. pageParameters]).ToListAsync(ct);
        return new CompanyResults(companies, total, page, PageSize);
    }

    private static List<NpgsqlParameter> Clone(List<NpgsqlParameter> parameters) =>
        parameters.Select(p => new NpgsqlParameter(p.ParameterName, p.Value)).ToList();
}
