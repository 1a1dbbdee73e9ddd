using Microsoft.EntityFrameworkCore;

namespace NetworkPlatform.Domain.Companies;

/// <summary>
/// Following company pages. The page's follower count changes in the same statement as the follow row (a writable
/// CTE), so it never drifts, and a double click counts once.
/// </summary>
public class CompanyFollowService(AppDbContext db, TimeProvider time)
{
    public const int FollowedPageSize = 50;

    /// <summary>Follows a visible page; false when there is no such page (or it is taken down).</summary>
    public async Task<bool> FollowAsync(Guid me, Guid companyId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var changed = await db.Database.SqlQuery<int>($"""
            WITH page AS (SELECT "Id" FROM "CompanyPages" WHERE "Id" = {companyId} AND "TakenDownAt" IS NULL),
                 added AS (
                     INSERT INTO "CompanyFollows" ("CompanyId", "UserId", "FollowedAt")
                     SELECT "Id", {me}, {now} FROM page
                     ON CONFLICT DO NOTHING
                     RETURNING "CompanyId"),
                 counted AS (
                     UPDATE "CompanyPages" SET "FollowerCount" = "FollowerCount" + 1
                     WHERE "Id" IN (SELECT "CompanyId" FROM added) RETURNING 1)
            SELECT (SELECT count(*) FROM page)::int AS "Value"
            """).ToListAsync(ct); // not SingleAsync: EF would wrap the statement, and a writable CTE must be top level
        return changed.Single() > 0;
    }

    public Task UnfollowAsync(Guid me, Guid companyId, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"""
            WITH removed AS (
                DELETE FROM "CompanyFollows" WHERE "CompanyId" = {companyId} AND "UserId" = {me} RETURNING "CompanyId")
            UPDATE "CompanyPages" SET "FollowerCount" = "FollowerCount" - 1
            WHERE "Id" IN (SELECT "CompanyId" FROM removed)
            """, ct);

    /// <summary>"Companies you follow", most recently followed first.</summary>
    public async Task<IReadOnlyList<CompanyCard>> FollowedAsync(Guid me, CancellationToken ct = default) =>
        await (from f in db.CompanyFollows.AsNoTracking()
               where f.UserId == me
               join c in db.CompanyPages on f.CompanyId equals c.Id
               where c.TakenDownAt == null
               orderby f.FollowedAt descending
               select new CompanyCard(c.Id, c.Slug, c.Name, c.Tagline, c.IndustryCode, c.Size, c.City, c.Country,
                   c.LogoFileId, c.VerifiedAt != null, c.FollowerCount, c.EmployeeCount, true))
            .Take(FollowedPageSize)
            .ToListAsync(ct);

    /// <summary>Before an account is purged: its follows leave the counts (the rows go with the account).</summary>
    public Task ForgetMemberAsync(Guid userId, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE "CompanyPages" c SET "FollowerCount" = c."FollowerCount" - 1
            FROM "CompanyFollows" f WHERE f."CompanyId" = c."Id" AND f."UserId" = {userId}
            """, ct);
}

/// <summary>A company as the directory and "companies you follow" show it.</summary>
public sealed record CompanyCard(Guid Id, string Slug, string Name, string? Tagline, string? IndustryCode,
    CompanySize Size, string? City, string? Country, Guid? LogoFileId, bool Verified, int FollowerCount,
    int EmployeeCount, bool Following);
