using Microsoft.EntityFrameworkCore;

namespace NetworkPlatform.Domain.Companies;

/// <summary>
/// A company page as a visitor sees it: the page with the viewer's relation to it in one query, its current employees
/// (respecting each profile's audience and blocks), and the day's view counted for its admins' statistics. A page
/// that is taken down is shown only to its admins (with the reason).
/// </summary>
public class CompanyPageService(AppDbContext db, TimeProvider time)
{
    public const int EmployeesOnPage = 6;
    public const int EmployeesPageSize = 30;

    /// <summary>The page by its current slug, or null; <see cref="RedirectAsync"/> answers for old slugs.</summary>
    public async Task<CompanyView?> FindAsync(string slug, Guid? viewer, CancellationToken ct = default)
    {
        var view = await db.CompanyPages.AsNoTracking()
            .Where(c => c.Slug == slug)
            .Select(c => new CompanyView
            {
                Page = c,
                IsAdmin = viewer != null && db.CompanyAdmins.Any(a => a.CompanyId == c.Id && a.UserId == viewer),
                IsFollowing = viewer != null && db.CompanyFollows.Any(f => f.CompanyId == c.Id && f.UserId == viewer),
            })
            .SingleOrDefaultAsync(ct);
        if (view is null || (view.Page.TakenDownAt is not null && !view.IsAdmin))
            return null;
        return view;
    }

    /// <summary>The current slug of a page that once had this one, or null.</summary>
    public Task<string?> RedirectAsync(string slug, CancellationToken ct = default) =>
        (from r in db.CompanySlugRedirects.AsNoTracking()
         where r.Slug == slug
         join c in db.CompanyPages on r.CompanyId equals c.Id
         select c.Slug).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Current employees the viewer may see: anonymous visitors only public profiles; members everyone not in a block
    /// with them. Confirmed ones first, then by name. One statement.
    /// </summary>
    public async Task<IReadOnlyList<EmployeeRow>> EmployeesAsync(Guid companyId, Guid? viewer, int page, int pageSize,
        CancellationToken ct = default)
    {
        var offset = (Math.Max(page, 1) - 1) * pageSize;
        var sql = """
            SELECT x.user_id AS "UserId", x.name AS "Name", x.slug AS "Slug", x.headline AS "Headline",
                   x.photo AS "PhotoFileId", x.title AS "Title", x.confirmed AS "Confirmed"
            FROM (
                SELECT DISTINCT ON (p."UserId") p."UserId" AS user_id, p."FullName" AS name, p."Slug" AS slug,
                       p."Headline" AS headline, p."PhotoSmallFileId" AS photo, e."Title" AS title,
                       e."EmploymentConfirmedAt" IS NOT NULL AS confirmed
                FROM "ProfileEntries" e
                JOIN "MemberProfiles" p ON p."UserId" = e."UserId"
                JOIN "AspNetUsers" u ON u."Id" = p."UserId" AND u."DeletionRequestedAt" IS NULL
                WHERE e."CompanyId" = @company AND e."IsCurrent"
                  AND (@viewer IS NOT NULL OR p."Audience" = 1)
                  AND (@viewer IS NULL OR NOT EXISTS (
                      SELECT 1 FROM "MemberBlocks" b
                      WHERE (b."BlockerId" = p."UserId" AND b."BlockedId" = @viewer)
                         OR (b."BlockerId" = @viewer AND b."BlockedId" = p."UserId")))
                ORDER BY p."UserId", (e."EmploymentConfirmedAt" IS NOT NULL) DESC, e."StartMonth" DESC
            ) x
            ORDER BY x.confirmed DESC, x.name, x.user_id
            LIMIT @limit OFFSET @offset
            """;
        return await db.Database.SqlQueryRaw<EmployeeRow>(sql,
                new Npgsql.NpgsqlParameter("company", companyId),
                new Npgsql.NpgsqlParameter("viewer", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)viewer ?? DBNull.Value },
                new Npgsql.NpgsqlParameter("limit", pageSize),
                new Npgsql.NpgsqlParameter("offset", offset))
            .ToListAsync(ct);
    }

    /// <summary>Counts one view today (not the page's own admins'); one statement.</summary>
    public Task CountViewAsync(Guid companyId, CancellationToken ct = default)
    {
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "CompanyPageViews" ("CompanyId", "Day", "Views") VALUES ({companyId}, {day}, 1)
            ON CONFLICT ("CompanyId", "Day") DO UPDATE SET "Views" = "CompanyPageViews"."Views" + 1
            """, ct);
    }

    /// <summary>Views and new followers per week for the last <paramref name="weeks"/> weeks, oldest first.</summary>
    public async Task<IReadOnlyList<CompanyWeek>> StatsAsync(Guid companyId, int weeks, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var first = monday.AddDays(-7 * (weeks - 1));
        var firstAt = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var views = await db.CompanyPageViews.AsNoTracking()
            .Where(v => v.CompanyId == companyId && v.Day >= first)
            .Select(v => new { v.Day, v.Views }).ToListAsync(ct);
        var follows = await db.CompanyFollows.AsNoTracking()
            .Where(f => f.CompanyId == companyId && f.FollowedAt >= firstAt)
            .Select(f => f.FollowedAt).ToListAsync(ct);
        return Enumerable.Range(0, weeks).Select(i =>
        {
            var start = first.AddDays(7 * i);
            var end = start.AddDays(7);
            return new CompanyWeek(start,
                views.Where(v => v.Day >= start && v.Day < end).Sum(v => v.Views),
                follows.Count(f => DateOnly.FromDateTime(f.UtcDateTime) >= start && DateOnly.FromDateTime(f.UtcDateTime) < end));
        }).ToList();
    }
}

public sealed class CompanyView
{
    public CompanyPage Page { get; init; } = null!;
    public bool IsAdmin { get; init; }
    public bool IsFollowing { get; init; }
}

public sealed record EmployeeRow(Guid UserId, string Name, string Slug, string? Headline, Guid? PhotoFileId,
    string Title, bool Confirmed);

public sealed record CompanyWeek(DateOnly Start, int Views, int NewFollowers);
