using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Files;

namespace NetworkPlatform.Domain.Companies;

/// <summary>
/// A company page's logo: the profile photo's checks and sizes (<see cref="SquareImages"/>), changed by page admins
/// only, under a lock on the page's row so two uploads at once cannot both keep or both delete the old files.
/// </summary>
public class CompanyLogoService(AppDbContext db, TimeProvider time, IFileStore files, IImageResizer resizer,
    CompanyService companies)
{
    public const int LargeSize = 400;
    public const int SmallSize = 96;

    public async Task UploadAsync(Guid me, Guid companyId, Stream content, CancellationToken ct = default)
    {
        await companies.RequireAdminAsync(me, companyId, ct);
        var images = await SquareImages.ReadAsync(content, resizer, "CompanyLogo", LargeSize, SmallSize, ct);
        await ChangeAsync(companyId, page => (page.LogoFileId, page.LogoSmallFileId) = images.AddTo(files), ct);
    }

    public async Task RemoveAsync(Guid me, Guid companyId, CancellationToken ct = default)
    {
        await companies.RequireAdminAsync(me, companyId, ct);
        await ChangeAsync(companyId, page => (page.LogoFileId, page.LogoSmallFileId) = (null, null), ct);
    }

    /// <summary>
    /// The logo of a page the viewer may see (a taken-down page's only to its admins; a members-only site's only to
    /// members); null otherwise and when there is none.
    /// </summary>
    public async Task<(FileContent File, Guid Version)?> ForViewerAsync(Guid companyId, bool small, Guid? viewer,
        bool publicPages, CancellationToken ct = default)
    {
        if (viewer is null && !publicPages)
            return null;
        var row = await db.CompanyPages.AsNoTracking()
            .Where(c => c.Id == companyId && c.LogoFileId != null)
            .Where(c => c.TakenDownAt == null || db.CompanyAdmins.Any(a => a.CompanyId == c.Id && a.UserId == viewer))
            .Select(c => new { Large = c.LogoFileId!.Value, c.LogoSmallFileId })
            .SingleOrDefaultAsync(ct);
        if (row is null)
            return null;
        var file = await files.GetAsync(small ? row.LogoSmallFileId ?? row.Large : row.Large, ct);
        return file is null ? null : (file, row.Large);
    }

    private async Task ChangeAsync(Guid companyId, Action<CompanyPage> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"CompanyPages\" WHERE \"Id\" = {companyId} FOR UPDATE", ct);
        var page = await db.CompanyPages.SingleAsync(c => c.Id == companyId, ct);
        Guid?[] old = [page.LogoFileId, page.LogoSmallFileId];
        change(page);
        page.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        foreach (var id in old.OfType<Guid>().Distinct())
            if (id != page.LogoFileId && id != page.LogoSmallFileId)
                await files.DeleteAsync(id, ct);
        await tx.CommitAsync(ct);
    }
}
