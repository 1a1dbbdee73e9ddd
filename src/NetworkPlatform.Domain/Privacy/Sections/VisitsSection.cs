using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Profiles;
using static NetworkPlatform.Domain.Privacy.Sections.AccountSection;

namespace NetworkPlatform.Domain.Privacy.Sections;

/// <summary>
/// Profile visits the member made and received. Received visits follow the visitors page: a visit made with "show
/// me as a visitor" off is anonymous; a member who hides as a visitor sees no names; a free member sees the names of
/// their <see cref="ProfileVisitService.FreeVisibleVisitors"/> most recent named visitors, premium all of them.
/// </summary>
public class VisitsSection(AppDbContext db, TimeProvider time) : IPersonalDataSection
{
    public int Order => 40;

    public async Task WriteAsync(Guid userId, IPersonalDataArchive archive, CancellationToken ct)
    {
        var made = await (from v in db.ProfileVisits.AsNoTracking()
                          where v.VisitorUserId == userId
                          join u in db.Users on v.ProfileUserId equals u.Id
                          where u.DeletionRequestedAt == null
                          join p in db.Profiles on u.Id equals p.UserId into ps
                          from p in ps.DefaultIfEmpty()
                          orderby v.VisitedAt descending
                          select new { u.FirstName, u.LastName, p.Slug, v.VisitedAt, v.Anonymous }).ToListAsync(ct);
        await archive.AddCsvAsync("visits/visits-made.csv",
            ["profile_first_name", "profile_last_name", "profile", "visited_at", "shown_to_them_as"],
            made.Select(v => (IReadOnlyList<string?>)[v.FirstName, v.LastName, v.Slug is null ? null : "/p/" + v.Slug,
                Iso(v.VisitedAt), v.Anonymous ? "anonymous" : "you"]),
            "Profiles you visited (one line per profile and day) and whether they could see it was you.", ct);

        var now = time.GetUtcNow();
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.PremiumUntil,
                ShowMe = db.Profiles.Where(p => p.UserId == u.Id).Select(p => (bool?)p.ShowMeAsVisitor).FirstOrDefault(),
            }).SingleAsync(ct);
        var received = await (from v in db.ProfileVisits.AsNoTracking()
                              where v.ProfileUserId == userId
                              join u in db.Users on v.VisitorUserId equals u.Id
                              join p in db.Profiles on u.Id equals p.UserId into ps
                              from p in ps.DefaultIfEmpty()
                              orderby v.VisitedAt descending
                              select new
                              {
                                  v.VisitorUserId, v.VisitedAt, v.Anonymous, u.FirstName, u.LastName, p.Slug,
                                  Hidden = u.DeletionRequestedAt != null,
                              }).ToListAsync(ct);
        var named = received.Where(v => !v.Anonymous && !v.Hidden).Select(v => v.VisitorUserId).Distinct();
        var shown = owner.ShowMe == false ? []
            : owner.PremiumUntil > now ? named.ToHashSet()
            : named.Take(ProfileVisitService.FreeVisibleVisitors).ToHashSet();
        await archive.AddCsvAsync("visits/visits-received.csv",
            ["visited_at", "visitor_first_name", "visitor_last_name", "visitor_profile"],
            received.Select(v => shown.Contains(v.VisitorUserId) && !v.Anonymous
                ? (IReadOnlyList<string?>)[Iso(v.VisitedAt), v.FirstName, v.LastName, v.Slug is null ? null : "/p/" + v.Slug]
                : [Iso(v.VisitedAt), null, null, null]),
            "Visits to your profile (one line per visitor and day). The visitor's name is given as on your visitors " +
            "page: not for members who browse anonymously, not while you hide yourself as a visitor, and with the " +
            $"free tier only for your {ProfileVisitService.FreeVisibleVisitors} most recent visitors.", ct);
    }
}
