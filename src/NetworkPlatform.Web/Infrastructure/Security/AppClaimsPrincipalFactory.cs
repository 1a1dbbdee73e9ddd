using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
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
/// Puts what every page needs about the member into the cookie: name, language, premium end, 2FA state. The cookie
/// is re-validated on every request (security stamp, see AccountSetup), so these stay current.
/// </summary>
public class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        if (SupportedCultures.IsSupported(user.Culture))
            identity.AddClaim(new Claim(AppClaims.Culture, user.Culture!));
        if (user.PremiumUntil is { } until)
            identity.AddClaim(new Claim(AppClaims.PremiumUntil, until.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        if (user.TwoFactorEnabled)
            identity.AddClaim(new Claim(AppClaims.TwoFactor, "1"));
        return identity;
    }
}
