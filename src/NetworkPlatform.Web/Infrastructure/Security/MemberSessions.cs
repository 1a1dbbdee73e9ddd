using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Web.Infrastructure.Security;

/// <summary>What every request of a signed-in member needs about the account: one row, read by primary key.</summary>
public sealed record MemberFacts(
    Guid Id, string? UserName, string? Email, string? SecurityStamp, string FirstName, string LastName, string? Culture,
    DateTimeOffset? PremiumUntil, bool TwoFactorEnabled, IReadOnlyList<string> Roles)
{
    public string DisplayName => $"{FirstName} {LastName}".Trim();

    public Tier TierAt(DateTimeOffset now) => PremiumUntil > now ? Tier.Premium : Tier.Free;

    public bool IsAdmin => Roles.Contains(NetworkPlatform.Domain.Accounts.Roles.Admin);

    /// <summary>The claims a member's requests see; the login cookie carries the same, written at sign-in.</summary>
    public ClaimsIdentity ToIdentity(ClaimsIdentityOptions names, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, names.UserNameClaimType, names.RoleClaimType);
        identity.AddClaim(new Claim(names.UserIdClaimType, Id.ToString()));
        if (UserName is not null)
            identity.AddClaim(new Claim(names.UserNameClaimType, UserName));
        if (Email is not null)
            identity.AddClaim(new Claim(names.EmailClaimType, Email));
        if (SecurityStamp is not null)
            identity.AddClaim(new Claim(names.SecurityStampClaimType, SecurityStamp));
        foreach (var role in Roles)
            identity.AddClaim(new Claim(names.RoleClaimType, role));
        identity.AddClaim(new Claim(AppClaims.DisplayName, DisplayName));
        if (SupportedCultures.IsSupported(Culture))
            identity.AddClaim(new Claim(AppClaims.Culture, Culture!));
        if (PremiumUntil is { } until)
            identity.AddClaim(new Claim(AppClaims.PremiumUntil, until.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        if (TwoFactorEnabled)
            identity.AddClaim(new Claim(AppClaims.TwoFactor, "1"));
        return identity;
    }
}

public class MemberSessionOptions
{
    /// <summary>
    /// How long one instance trusts what it read about an account. Changes made through this instance take effect at
    /// once (the entry is dropped when the change commits); changes made through another instance within this time.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At most this many accounts are kept; beyond it, the cache compacts and those are read again.</summary>
    public long MaxEntries { get; set; } = 100_000;
}

/// <summary>
/// Validates a member's login cookie without rebuilding it (ADR 0012): the cookie's security stamp is compared with
/// the account's, which is read with the member's claims in one query by primary key and kept in memory for
/// <see cref="MemberSessionOptions.CacheDuration"/>. A stamp that differs (logout everywhere, a new password) or an account
/// that is gone ends the session; otherwise the request sees a principal built from the current facts (language,
/// premium, roles, 2FA), and the cookie is not re-issued.
/// </summary>
public sealed class MemberSessions(IOptions<MemberSessionOptions> options, IOptions<IdentityOptions> identity) : IDisposable
{
    /// <summary>Its own cache, bounded: an entry per member active in the last few seconds.</summary>
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxEntries });


    public ClaimsIdentityOptions ClaimNames => identity.Value.ClaimsIdentity;

    /// <summary>The account's facts, from memory when read recently; null when there is no such account.</summary>
    /// <remarks>A DbContext is taken from <paramref name="services"/> only when the facts are not in memory.</remarks>
    public ValueTask<MemberFacts?> FactsAsync(IServiceProvider services, Guid id, CancellationToken ct = default) =>
        cache.TryGetValue(id, out MemberFacts? cached)
            ? ValueTask.FromResult(cached)
            : new ValueTask<MemberFacts?>(LoadAsync(services.GetRequiredService<AppDbContext>(), id, ct));

    /// <summary>Reads the facts from the database (and remembers them).</summary>
    public async Task<MemberFacts?> LoadAsync(AppDbContext db, Guid id, CancellationToken ct = default)
    {
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new
            {
                u.UserName, u.Email, u.SecurityStamp, u.FirstName, u.LastName, u.Culture, u.PremiumUntil, u.TwoFactorEnabled,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
            return null;
        var facts = new MemberFacts(id, row.UserName, row.Email, row.SecurityStamp, row.FirstName, row.LastName, row.Culture, row.PremiumUntil, row.TwoFactorEnabled, row.Roles);
        if (options.Value.CacheDuration > TimeSpan.Zero)
            cache.Set(id, facts, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.CacheDuration });
        return facts;
    }

    public void Forget(Guid id) => cache.Remove(id);

    /// <summary>Forgets every account (tests that write to the database directly).</summary>
    public void ForgetAll() => cache.Clear();

    public void Dispose() => cache.Dispose();

    /// <summary>The cookie handler's OnValidatePrincipal.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var sessions = services.GetRequiredService<MemberSessions>();
        var names = sessions.ClaimNames;
        var stamp = principal?.FindFirstValue(names.SecurityStampClaimType);
        MemberFacts? facts = null;
        if (principal is not null && stamp is not null &&
            Guid.TryParse(principal.FindFirstValue(names.UserIdClaimType), out var id))
            facts = await sessions.FactsAsync(services, id, context.HttpContext.RequestAborted);

        if (facts?.SecurityStamp is null || !string.Equals(facts.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        var current = facts.ToIdentity(names, principal!.Identity?.AuthenticationType ?? IdentityConstants.ApplicationScheme);
        // How the member signed in (with a second factor) is part of the session, not of the account.
        if (principal.FindFirst("amr") is { } amr)
            current.AddClaim(new Claim("amr", amr.Value));
        context.ReplacePrincipal(new ClaimsPrincipal(current));
        context.HttpContext.Items[typeof(MemberFacts)] = facts;
    }
}

public static class MemberFactsAccess
{
    /// <summary>The signed-in member's account facts for this request (validated with the cookie), or null.</summary>
    public static MemberFacts? Member(this HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.Items[typeof(MemberFacts)] as MemberFacts : null;
}

/// <summary>Drops an account's cached facts when a change to the account or its roles commits.</summary>
public sealed class MemberSessionsEviction(MemberSessions sessions) : SaveChangesInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, HashSet<Guid>> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Forget(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    private void Collect(DbContext? context)
    {
        if (context is null)
            return;
        var ids = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Modified or EntityState.Deleted or EntityState.Added)
            .Select(e => e.Entity switch
            {
                AppUser u when e.State != EntityState.Added => u.Id,
                IdentityUserRole<Guid> r => r.UserId,
                _ => Guid.Empty,
            })
            .Where(id => id != Guid.Empty)
            .ToList();
        if (ids.Count > 0)
            _pending.GetOrCreateValue(context).UnionWith(ids);
    }

    private void Forget(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var ids))
            return;
        foreach (var id in ids)
            sessions.Forget(id);
        _pending.Remove(context);
    }
}
