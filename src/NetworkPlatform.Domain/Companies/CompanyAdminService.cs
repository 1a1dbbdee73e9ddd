using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Domain.Companies;

/// <summary>
/// Who administers a page: its admins add members by name and remove them, and a page always keeps one (the count and
/// the removal run under a lock on the page's row, so two admins removing each other at once cannot both succeed).
/// Platform admins verify pages, take them down with a reason and restore them, and assign an admin to a page that
/// has none left (its only admin deleted their account).
/// </summary>
public class CompanyAdminService(AppDbContext db, TimeProvider time, CompanyService companies)
{
    public const int MaxAdmins = 20;
    public const int CandidateLimit = 10;

    /// <summary>
    /// The admins page: the page (<see cref="NotFoundException"/> unless the member is its admin, checked once), its
    /// admins, and the members whose name contains the text (not already admins) for the "add an admin" search step.
    /// </summary>
    public async Task<(CompanyPage Company, IReadOnlyList<CompanyAdminRow> Admins, IReadOnlyList<AdminCandidate> Candidates)>
        AdminsPageAsync(Guid me, Guid companyId, string? name, CancellationToken ct = default)
    {
        var company = await companies.ForEditAsync(me, companyId, ct);
        var admins = await AdminRows(companyId).ToListAsync(ct);
        return (company, admins, await CandidatesAsync(companyId, name, ct));
    }

    private async Task<IReadOnlyList<AdminCandidate>> CandidatesAsync(Guid companyId, string? name, CancellationToken ct)
    {
        var text = (name ?? "").Trim();
        if (text.Length < 2)
            return [];
        var pattern = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        return await db.Profiles.AsNoTracking()
            .Where(p => EF.Functions.ILike(p.FullName, pattern))
            .Where(p => p.User.DeletionRequestedAt == null)
            .Where(p => !db.CompanyAdmins.Any(a => a.CompanyId == companyId && a.UserId == p.UserId))
            .OrderBy(p => p.FullName)
            .Take(CandidateLimit)
            .Select(p => new AdminCandidate(p.UserId, p.FullName, p.Slug, p.Headline, p.PhotoSmallFileId))
            .ToListAsync(ct);
    }

    public async Task AddAsync(Guid me, Guid companyId, Guid memberId, CancellationToken ct = default)
    {
        await companies.RequireAdminAsync(me, companyId, ct);
        await AddUncheckedAsync(companyId, memberId, ct);
    }

    /// <summary>
    /// Removes an admin (also oneself: "leave"). Refused for the last admin, under a lock on the page's row.
    /// </summary>
    public async Task RemoveAsync(Guid me, Guid companyId, Guid memberId, CancellationToken ct = default)
    {
        await companies.RequireAdminAsync(me, companyId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"CompanyPages\" WHERE \"Id\" = {companyId} FOR UPDATE", ct);
        var admins = await db.CompanyAdmins.Where(a => a.CompanyId == companyId).Select(a => a.UserId).ToListAsync(ct);
        if (!admins.Contains(memberId))
            throw new NotFoundException();
        if (admins.Count == 1)
            throw new DomainException("Companies.LastAdmin");
        await db.CompanyAdmins.Where(a => a.CompanyId == companyId && a.UserId == memberId).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }

    // ---------- Platform admins (the back-office issue puts its moderation queue around these) ----------

    /// <summary>Makes a member an admin of a page, whoever administers it now (a platform admin's action).</summary>
    public Task AssignAsync(Guid companyId, Guid memberId, CancellationToken ct = default) =>
        AddUncheckedAsync(companyId, memberId, ct);

    public Task SetVerifiedAsync(Guid companyId, bool verified, CancellationToken ct = default) =>
        ChangeAsync(companyId, c => c.SetProperty(p => p.VerifiedAt, verified ? time.GetUtcNow() : null), ct);

    /// <summary>Hides the page from everyone but its admins, who see the reason.</summary>
    public Task TakeDownAsync(Guid companyId, string? reason, CancellationToken ct = default)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
            throw new DomainException("Companies.TakeDownReasonRequired");
        if (text.Length > CompanyPage.TakeDownReasonMaxLength || TextRules.HasControlCharacters(text, multiLine: true))
            throw new DomainException("Companies.TakeDownReasonTooLong");
        return ChangeAsync(companyId, c => c
            .SetProperty(p => p.TakenDownAt, time.GetUtcNow())
            .SetProperty(p => p.TakeDownReason, text), ct);
    }

    public Task RestoreAsync(Guid companyId, CancellationToken ct = default) =>
        ChangeAsync(companyId, c => c.SetProperty(p => p.TakenDownAt, (DateTimeOffset?)null)
            .SetProperty(p => p.TakeDownReason, (string?)null), ct);

    /// <summary>All pages for the back-office, newest first, with their admin count (0 = needs one assigned).</summary>
    public async Task<IReadOnlyList<CompanyModerationRow>> AllAsync(string? name, int page, int pageSize,
        CancellationToken ct = default)
    {
        var query = db.CompanyPages.AsNoTracking();
        var text = (name ?? "").Trim();
        if (text.Length > 0)
            query = query.Where(c => EF.Functions.ILike(c.Name,
                "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%"));
        return await query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize)
            .Select(c => new CompanyModerationRow(c.Id, c.Slug, c.Name, c.CreatedAt, c.VerifiedAt, c.TakenDownAt,
                c.TakeDownReason, db.CompanyAdmins.Count(a => a.CompanyId == c.Id), c.FollowerCount, c.EmployeeCount))
            .ToListAsync(ct);
    }

    private IQueryable<CompanyAdminRow> AdminRows(Guid companyId) =>
        from a in db.CompanyAdmins.AsNoTracking()
        where a.CompanyId == companyId
        join p in db.Profiles on a.UserId equals p.UserId
        orderby a.AddedAt
        select new CompanyAdminRow(a.UserId, p.FullName, p.Slug, p.PhotoSmallFileId, a.AddedAt);

    private async Task AddUncheckedAsync(Guid companyId, Guid memberId, CancellationToken ct)
    {
        if (!await db.CompanyPages.AnyAsync(c => c.Id == companyId, ct))
            throw new NotFoundException();
        if (!await db.Users.Where(MemberVisibility.IsVisible).AnyAsync(u => u.Id == memberId, ct))
            throw new DomainException("Companies.AdminUnknown");
        if (await db.CompanyAdmins.CountAsync(a => a.CompanyId == companyId, ct) >= MaxAdmins)
            throw new DomainException("Companies.TooManyAdmins");
        // ON CONFLICT: adding someone who already is an admin (a double submit) changes nothing.
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "CompanyAdmins" ("CompanyId", "UserId", "AddedAt") VALUES ({companyId}, {memberId}, {now})
            ON CONFLICT DO NOTHING
            """, ct);
    }

    private async Task ChangeAsync(Guid companyId,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<CompanyPage>> set, CancellationToken ct)
    {
        if (await db.CompanyPages.Where(c => c.Id == companyId).ExecuteUpdateAsync(set, ct) == 0)
            throw new NotFoundException();
    }
}

public sealed record CompanyAdminRow(Guid UserId, string Name, string Slug, Guid? PhotoFileId, DateTimeOffset AddedAt);

public sealed record AdminCandidate(Guid UserId, string Name, string Slug, string? Headline, Guid? PhotoFileId);

public sealed record CompanyModerationRow(Guid Id, string Slug, string Name, DateTimeOffset CreatedAt,
    DateTimeOffset? VerifiedAt, DateTimeOffset? TakenDownAt, string? TakeDownReason, int AdminCount, int FollowerCount,
    int EmployeeCount);
