using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Web.Infrastructure.Security;

public static class AppClaims
{
    public const string Culture = "np:culture";
    public const string DisplayName = "np:name";
    public const string PremiumUntil = "np:premium_until";
    public const string TwoFactor = "np:2fa";

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";

    public static Guid IdOf(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static DateTimeOffset? PremiumUntilOf(this ClaimsPrincipal user) =>
        DateTimeOffset.TryParse(user.FindFirstValue(PremiumUntil), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var until) ? until : null;

    public static bool IsPremiumAt(this ClaimsPrincipal user, DateTimeOffset now) => user.PremiumUntilOf() > now;
}

/// <summary>
/// Puts what every page needs about the member into the cookie: name, language, premium end, roles, 2FA state. The
/// same facts, read in one query, build the principal of every later request (<see cref="MemberSessions"/>), so
/// these stay current without re-issuing the cookie.
/// </summary>
public class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options, MemberSessions sessions, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    public override async Task<ClaimsPrincipal> CreateAsync(AppUser user)
    {
        var facts = await sessions.LoadAsync(db, user.Id)
            ?? throw new InvalidOperationException($"Account {user.Id} does not exist.");
        return new ClaimsPrincipal(facts.ToIdentity(sessions.ClaimNames, IdentityConstants.ApplicationScheme));
    }
}
