using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Domain.Privacy.Sections;

/// <summary>
/// The account and its settings, vouchers redeemed, and the login history. Never the password hash, the security
/// stamp, the authenticator key or recovery codes: they are secrets, not information about the member.
/// </summary>
public class AccountSection(AppDbContext db, TimeProvider time) : IPersonalDataSection
{
    public int Order => 10;

    public async Task WriteAsync(Guid userId, IPersonalDataArchive archive, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        var roles = await (from ur in db.UserRoles
                           where ur.UserId == userId
                           join r in db.Roles on ur.RoleId equals r.Id
                           orderby r.Name
                           select r.Name).ToListAsync(ct);
        var vouchers = await db.VoucherCodes.AsNoTracking()
            .Where(v => v.RedeemedById == userId)
            .OrderBy(v => v.RedeemedAt)
            .Select(v => new { v.Code, v.Days, v.RedeemedAt })
            .ToListAsync(ct);

        await archive.AddJsonAsync("account/account.json", new
        {
            user.Id,
            user.Email,
            user.EmailConfirmed,
            user.FirstName,
            user.LastName,
            Language = user.Culture,
            user.CreatedAt,
            user.TermsAcceptedAt,
            Tier = user.TierAt(now).ToString(),
            user.PremiumUntil,
            Roles = roles,
            user.TwoFactorEnabled,
            user.DeletionRequestedAt,
            VouchersRedeemed = vouchers,
        }, "Your account: e-mail address (also your login name), name, language, when the account was made and the terms accepted, tier " +
           "(Free or Premium) and when premium ends, roles, whether two-factor authentication is on, and the premium " +
           "vouchers you redeemed. Passwords are stored only as a one-way hash, which is not exported; neither are " +
           "the two-factor key and recovery codes.", ct);

        var logins = await db.LoginRecords.AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderByDescending(r => r.SignedInAt)
            .Select(r => new { r.SignedInAt, r.IpAddress, r.Method })
            .ToListAsync(ct);
        await archive.AddCsvAsync("account/logins.csv", ["signed_in_at", "ip_address", "method"],
            logins.Select(l => (IReadOnlyList<string?>)[Iso(l.SignedInAt), l.IpAddress, l.Method]),
            $"Your successful sign-ins of the last {LoginRecord.RetentionDays} days (older ones are deleted): time, " +
            "the network part of the IP address (IPv4 shortened to /24, e.g. 203.0.113.0; IPv6 to /48) and how you " +
            "signed in (password, two-factor, recovery-code).", ct);
    }

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Iso(DateTimeOffset? t) => t is { } v ? Iso(v) : null;

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
