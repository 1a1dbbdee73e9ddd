using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Domain.Premium;

public enum RedeemResult
{
    Redeemed,
    UnknownCode,
    AlreadyUsed,
}

public record VoucherListItem(string Code, int Days, string? Note, DateTimeOffset CreatedAt, DateTimeOffset? RedeemedAt,
    string? RedeemedByEmail);

public class PremiumService(AppDbContext db, TimeProvider time)
{
    public const int MaxVouchersPerBatch = 100;

    public async Task<DateTimeOffset> GrantAsync(Guid userId, int days, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw new DomainException("Admin.MemberNotFound");
        user.ExtendPremium(days, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return user.PremiumUntil!.Value;
    }

    public async Task<IReadOnlyList<string>> CreateVouchersAsync(int count, int days, string? note, Guid adminId,
        CancellationToken ct = default)
    {
        if (count is < 1 or > MaxVouchersPerBatch)
            throw new DomainException("Vouchers.CountOutOfRange");
        if (days is < 1 or > 3660)
            throw new DomainException("Premium.DaysOutOfRange");
        var now = time.GetUtcNow();
        var codes = Enumerable.Range(0, count).Select(_ => VoucherCode.NewCode()).Distinct().ToList();
        db.VoucherCodes.AddRange(codes.Select(c => new VoucherCode
        {
            Id = Guid.CreateVersion7(now),
            Code = c,
            Days = days,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedAt = now,
            CreatedById = adminId,
        }));
        await db.SaveChangesAsync(ct);
        return codes;
    }

    /// <summary>
    /// Claims the code with one conditional UPDATE, so two members (or one double click) racing for the same code
    /// cannot both get it: PostgreSQL lets exactly one UPDATE see "not redeemed yet".
    /// </summary>
    public async Task<(RedeemResult Result, DateTimeOffset? PremiumUntil)> RedeemAsync(Guid userId, string? input,
        CancellationToken ct = default)
    {
        var code = VoucherCode.Normalize(input);
        if (code.Length == 0)
            return (RedeemResult.UnknownCode, null);
        var now = time.GetUtcNow();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.VoucherCodes
            .Where(v => v.Code == code && v.RedeemedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.RedeemedAt, now).SetProperty(v => v.RedeemedById, userId), ct);
        if (claimed == 0)
        {
            var exists = await db.VoucherCodes.AnyAsync(v => v.Code == code, ct);
            return (exists ? RedeemResult.AlreadyUsed : RedeemResult.UnknownCode, null);
        }

        var days = await db.VoucherCodes.Where(v => v.Code == code).Select(v => v.Days).SingleAsync(ct);
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        user.ExtendPremium(days, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (RedeemResult.Redeemed, user.PremiumUntil);
    }

    public async Task<IReadOnlyList<VoucherListItem>> RecentVouchersAsync(int take, CancellationToken ct = default) =>
        await db.VoucherCodes.AsNoTracking()
            .OrderByDescending(v => v.CreatedAt).ThenBy(v => v.Code)
            .Take(take)
            .Select(v => new VoucherListItem(v.Code, v.Days, v.Note, v.CreatedAt, v.RedeemedAt,
                db.Users.Where(u => u.Id == v.RedeemedById).Select(u => u.Email).FirstOrDefault()))
            .ToListAsync(ct);
}
