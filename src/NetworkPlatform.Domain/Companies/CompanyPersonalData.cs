using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Privacy;
using static NetworkPlatform.Domain.Privacy.Sections.AccountSection;

namespace NetworkPlatform.Domain.Companies;

/// <summary>The company pages the member administers and follows (issue 18); linked positions are in the profile's experience.</summary>
public class CompanyPersonalData(AppDbContext db) : IPersonalDataSection
{
    public int Order => 70;

    public async Task WriteAsync(Guid userId, IPersonalDataArchive archive, CancellationToken ct)
    {
        var admin = await (from a in db.CompanyAdmins.AsNoTracking()
                           where a.UserId == userId
                           join c in db.CompanyPages on a.CompanyId equals c.Id
                           orderby a.AddedAt
                           select new { c.Name, c.Slug, a.AddedAt }).ToListAsync(ct);
        await archive.AddCsvAsync("companies/page-admin.csv", ["company", "address", "admin_since"],
            admin.Select(a => (IReadOnlyList<string?>)[a.Name, "/c/" + a.Slug, Iso(a.AddedAt)]),
            "The company pages you administer and since when.", ct);

        var follows = await (from f in db.CompanyFollows.AsNoTracking()
                             where f.UserId == userId
                             join c in db.CompanyPages on f.CompanyId equals c.Id
                             orderby f.FollowedAt
                             select new { c.Name, c.Slug, f.FollowedAt }).ToListAsync(ct);
        await archive.AddCsvAsync("companies/following.csv", ["company", "address", "followed_at"],
            follows.Select(f => (IReadOnlyList<string?>)[f.Name, "/c/" + f.Slug, Iso(f.FollowedAt)]),
            "The company pages you follow and since when.", ct);
    }
}
