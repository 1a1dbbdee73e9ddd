using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>
/// Who looked at whose profile. A visit counts once per visitor, profile and UTC day; a visitor who switched
/// "show me as a visitor" off is counted without a name and, in return, sees no names on their own visitors page
/// (LinkedIn's rule: who hides, sees nobody).
/// </summary>
public class ProfileVisitService(AppDbContext db, TimeProvider time)
{
    public const int WindowDays = 90;
    public const int Weeks = 13;
    public const int FreeVisibleVisitors = 3;
    public const int PageSize = 20;

    /// <summary>
    /// Records that <paramref name="visitorId"/> opened <paramref name="profileUserId"/>'s profile today, unless
    /// that is already recorded or it is their own. One statement: the unique index (profile, visitor, day) decides,
    /// so two tabs opened at once still count once; whether the visit is anonymous is read in the same statement.
    /// </summary>
    public async Task RecordAsync(Guid profileUserId, Guid visitorId, CancellationToken ct = default)
    {
        if (profileUserId == visitorId)
            return;
        await db.Database.ExecuteSqlRawAsync(InsertSql, InsertParameters(profileUserId, visitorId, time.GetUtcNow()), ct);
    }

    /// <summary>
    /// The statement that records a visit, for <see cref="RecordAsync"/> and for the profile page, which runs it in
    /// the same round trip as its own query (a data-modifying WITH). Parameters: <see cref="InsertParameters"/>.
    /// </summary>
    public const string InsertSql = """
        INSERT INTO "ProfileVisits" ("Id", "ProfileUserId", "VisitorUserId", "Day", "VisitedAt", "Anonymous")
        SELECT @visit_id, @visit_profile, @visit_visitor, @visit_day, @visit_at,
               NOT COALESCE((SELECT p."ShowMeAsVisitor" FROM "MemberProfiles" p WHERE p."UserId" = @visit_visitor), TRUE)
        ON CONFLICT ("ProfileUserId", "VisitorUserId", "Day") DO NOTHING
        """;

    public static Npgsql.NpgsqlParameter[] InsertParameters(Guid profileUserId, Guid visitorId, DateTimeOffset now) =>
    [
        new("visit_id", Guid.CreateVersion7(now)),
        new("visit_profile", profileUserId),
        new("visit_visitor", visitorId),
        new("visit_day", DateOnly.FromDateTime(now.UtcDateTime)),
        new("visit_at", now),
    ];

    /// <summary>
    /// The owner's visitors page: visits in the last <see cref="WindowDays"/> days (plus today) by week, and the
    /// named visitors this member may see (none when they hide themselves, 3 on free, all on premium, paged).
    /// Four queries at most, however many visitors there are.
    /// </summary>
    public async Task<VisitorsOverview> GetOverviewAsync(Guid ownerId, int page, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var from = today.AddDays(-WindowDays);

        var owner = await db.Users.AsNoTracking()
            .Where(u => u.Id == ownerId)
            .Select(u => new
            {
                u.PremiumUntil,
                ShowMe = db.Profiles.Where(p => p.UserId == u.Id).Select(p => (bool?)p.ShowMeAsVisitor).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var tier = owner.PremiumUntil > now ? Tier.Premium : Tier.Free;
        var showsSelf = owner.ShowMe ?? true;

        var visits = db.ProfileVisits.AsNoTracking()
            .Where(v => v.ProfileUserId == ownerId && v.Day >= from && v.Day <= today);
        var perDay = await visits
            .GroupBy(v => v.Day)
            .Select(g => new { Day = g.Key, Count = g.Count(), Anonymous = g.Count(v => v.Anonymous) })
            .ToListAsync(ct);

        // Week 0 ends today; week 12 starts WindowDays ago. 13 x 7 = 91 days: the last 90 days and today.
        var weeks = Enumerable.Range(0, Weeks)
            .Select(w => new VisitWeek(today.AddDays(-7 * w - 6), today.AddDays(-7 * w), 0))
            .ToArray();
        foreach (var d in perDay)
        {
            var w = (today.DayNumber - d.Day.DayNumber) / 7;
            if (w is >= 0 and < Weeks)
                weeks[w] = weeks[w] with { Visits = weeks[w].Visits + d.Count };
        }
        var chart = weeks.Reverse().ToList();
        var total = chart.Sum(w => w.Visits);
        var anonymous = perDay.Sum(d => d.Anonymous);

        if (!showsSelf)
            return new VisitorsOverview(tier, false, total, anonymous, chart, 0, [], 1, 1, 0);

        var named = visits.Where(v => !v.Anonymous)
            .GroupBy(v => v.VisitorUserId)
            .Select(g => new { VisitorId = g.Key, LastAt = g.Max(v => v.VisitedAt) });
        var namedCount = await named.CountAsync(ct);

        int take, skip, pages;
        if (tier == Tier.Premium)
        {
            pages = Math.Max(1, (namedCount + PageSize - 1) / PageSize);
            page = Math.Clamp(page, 1, pages);
            skip = (page - 1) * PageSize;
            take = PageSize;
        }
        else
        {
            (pages, page, skip, take) = (1, 1, 0, FreeVisibleVisitors);
        }

        var rows = await (
                from n in named
                join u in db.Users on n.VisitorId equals u.Id
                where u.DeletionRequestedAt == null
                join p in db.Profiles on n.VisitorId equals p.UserId into ps
                from p in ps.DefaultIfEmpty()
                orderby n.LastAt descending, n.VisitorId
                select new ProfileVisitor(u.Id, u.FirstName, u.LastName, p.AcademicTitle, p.Slug, p.Headline,
                    // A visitor in a block with the owner: initials, since the photo address refuses them.
                    db.MemberBlocks.Any(b => (b.BlockerId == u.Id && b.BlockedId == ownerId) ||
                                             (b.BlockerId == ownerId && b.BlockedId == u.Id))
                        ? null
                        : p.PhotoFileId,
                    n.LastAt))
            .Skip(skip).Take(take)
            .ToListAsync(ct);
        var hidden = tier == Tier.Premium ? 0 : Math.Max(0, namedCount - FreeVisibleVisitors);
        return new VisitorsOverview(tier, true, total, anonymous, chart, namedCount, rows, page, pages, hidden);
    }
}

public sealed record VisitWeek(DateOnly From, DateOnly To, int Visits);

/// <summary>One named visitor with their latest visit in the window; Slug is null if they have no profile yet.</summary>
public sealed record ProfileVisitor(Guid UserId, string FirstName, string LastName, string? AcademicTitle,
    string? Slug, string? Headline, Guid? PhotoFileId, DateTimeOffset LastVisitAt)
{
    public ProfileName Name => new(FirstName, LastName, AcademicTitle);
}

/// <param name="ShowsSelf">False when the owner hides as a visitor: then they see counts only.</param>
/// <param name="TotalVisits">Visitor-days in the window, anonymous ones included.</param>
/// <param name="AnonymousVisits">Of those, visits by members who browse privately (never shown with a name).</param>
/// <param name="NamedVisitors">How many different members visited with their name.</param>
/// <param name="HiddenByTier">Named visitors a free member does not see (premium shows them).</param>
public sealed record VisitorsOverview(Tier Tier, bool ShowsSelf, int TotalVisits, int AnonymousVisits,
    IReadOnlyList<VisitWeek> Weeks, int NamedVisitors, IReadOnlyList<ProfileVisitor> Visitors, int Page, int Pages,
    int HiddenByTier);
