using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Tests.Account;

/// <summary>
/// The login cookie's format remembers what a cookie decrypted to (issue 17): it must still refuse anything that is
/// not exactly a cookie it issued, and hand each request its own ticket.
/// </summary>
public class CachedTicketFormatTests
{
    private static readonly IDataProtectionProvider Keys = new EphemeralDataProtectionProvider();

    private static AuthenticationTicket Ticket(string name) => new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], IdentityConstants.ApplicationScheme)),
        new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddDays(1) }, IdentityConstants.ApplicationScheme);

    [Fact]
    public void A_cookie_reads_back_the_same_twice_as_separate_tickets()
    {
        using var format = new CachedTicketFormat(CachedTicketFormat.ProtectorFor(Keys, IdentityConstants.ApplicationScheme));
        var cookie = format.Protect(Ticket("anna"));

        var first = format.Unprotect(cookie)!;
        var second = format.Unprotect(cookie)!;

        Assert.Equal("anna", first.Principal.Identity!.Name);
        Assert.Equal("anna", second.Principal.Identity!.Name);
        Assert.NotSame(first, second);
        Assert.NotSame(first.Principal, second.Principal);
        Assert.Equal(first.Properties.ExpiresUtc, second.Properties.ExpiresUtc);
    }

    [Fact]
    public void A_changed_cookie_or_one_from_other_keys_is_no_cookie_even_after_the_real_one_was_read()
    {
        using var format = new CachedTicketFormat(CachedTicketFormat.ProtectorFor(Keys, IdentityConstants.ApplicationScheme));
        var cookie = format.Protect(Ticket("anna"));
        Assert.NotNull(format.Unprotect(cookie));

        var flipped = cookie[..^2] + (cookie[^2] == 'A' ? 'B' : 'A') + cookie[^1];
        Assert.Null(format.Unprotect(flipped));
        Assert.Null(format.Unprotect(cookie + "x"));
        Assert.Null(format.Unprotect("not a cookie"));
        Assert.Null(format.Unprotect(""));

        using var otherKeys = new CachedTicketFormat(CachedTicketFormat.ProtectorFor(new EphemeralDataProtectionProvider(),
            IdentityConstants.ApplicationScheme));
        Assert.Null(otherKeys.Unprotect(cookie));
    }

    [Fact]
    public void Cookies_issued_by_the_framework_s_own_format_stay_valid()
    {
        // The purposes are the ones the cookie handler's default format uses, so a deployment keeps its sessions.
        var framework = new TicketDataFormat(Keys.CreateProtector(
            "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2"));
        using var format = new CachedTicketFormat(CachedTicketFormat.ProtectorFor(Keys, IdentityConstants.ApplicationScheme));

        Assert.Equal("anna", format.Unprotect(framework.Protect(Ticket("anna")))!.Principal.Identity!.Name);
        Assert.Equal("anna", framework.Unprotect(format.Protect(Ticket("anna")))!.Principal.Identity!.Name);
    }
}
