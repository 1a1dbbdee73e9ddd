using Microsoft.EntityFrameworkCore;

namespace NetworkPlatform.Domain.Accounts;

public record AdminMemberRow(Guid Id, string FirstName, string LastName, string Email, bool EmailConfirmed,
    DateTimeOffset? PremiumUntil, DateTimeOffset CreatedAt, IReadOnlyList<string> Roles);

public record MemberSearchPage(IReadOnlyList<AdminMemberRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The admin's member list: search by name or e-mail, newest first, one page in two round trips.</summary>
public class MemberAdminService(AppDbContext db)
{
    public const int PageSize = 25;

    public async Task<MemberSearchPage> SearchAsync(string? query, int page, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var members = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim();
            var pattern = "%" + q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            members = members.Where(u => EF.Functions.ILike(u.Email!, pattern) ||
                                         EF.Functions.ILike(u.FirstName + " " + u.LastName, pattern));
        }
        var total = await members.CountAsync(ct);
        var rows = await members
            .OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new AdminMemberRow(u.Id, u.FirstName, u.LastName, u.Email!, u.EmailConfirmed, u.PremiumUntil,
                u.CreatedAt,
                db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                    .OrderBy(n => n).ToList()))
            .ToListAsync(ct);
        return new MemberSearchPage(rows, total, page, PageSize);
    }
}
