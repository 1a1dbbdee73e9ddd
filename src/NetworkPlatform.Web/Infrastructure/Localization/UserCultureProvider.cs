using Microsoft.AspNetCore.Localization;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Web.Infrastructure.Localization;

/// <summary>The member's own language setting wins over the cookie and the browser's Accept-Language.</summary>
public class UserCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var culture = httpContext.User.FindFirst(AppClaims.Culture)?.Value;
        return Task.FromResult(SupportedCultures.IsSupported(culture) ? new ProviderCultureResult(culture!) : null);
    }
}
