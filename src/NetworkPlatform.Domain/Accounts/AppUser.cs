using Microsoft.AspNetCore.Identity;

namespace NetworkPlatform.Domain.Accounts;

/// <summary>A member account. Identity keeps the credentials; the member's own settings live beside them.</summary>
public class AppUser : IdentityUser<Guid>
{
    public const int NameMaxLength = 100;

    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";

    /// <summary>"de" or "en"; null means "follow the browser".</summary>
    public string? Culture { get; set; }

    /// <summary>
    /// Premium is a period, not a switch: the member is premium while this lies in the future, so premium ends by
    /// itself without a job flipping a flag.
    /// </summary>
    public DateTimeOffset? PremiumUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the member accepted the terms of use (at registration); null for accounts made before that.</summary>
    public DateTimeOffset? TermsAcceptedAt { get; set; }

    /// <summary>
    /// Set when the member asked to delete the account (GDPR Art. 17). While set, the member is hidden from everyone
    /// else (<see cref="MemberVisibility"/>); logging in clears it; <see cref="Privacy.AccountDeletionService"/>
    /// purges the account once the grace period is over.
    /// </summary>
    public DateTimeOffset? DeletionRequestedAt { get; set; }

    public string DisplayName => $"{FirstName} {LastName}".Trim();

    /// <summary>A new account; the e-mail address is also the user name members log in with.</summary>
    public static AppUser Create(string email, string firstName, string lastName, string? culture, DateTimeOffset now,
        bool emailConfirmed = false)
    {
        if (TextRules.HasControlCharacters(email) || TextRules.HasControlCharacters(firstName) ||
            TextRules.HasControlCharacters(lastName))
            throw new DomainException(TextRules.ControlCharactersKey);
        return new()
        {
            Id = Guid.CreateVersion7(now),
            UserName = email,
            Email = email,
            EmailConfirmed = emailConfirmed,
            FirstName = firstName,
            LastName = lastName,
            Culture = SupportedCultures.IsSupported(culture) ? culture : null,
            CreatedAt = now,
        };
    }

    public Tier TierAt(DateTimeOffset now) => PremiumUntil > now ? Tier.Premium : Tier.Free;

    /// <summary>Adds days of premium: to the running period if there is one, else from now.</summary>
    public void ExtendPremium(int days, DateTimeOffset now)
    {
        if (days is < 1 or > 3660)
            throw new DomainException("Premium.DaysOutOfRange");
        var start = PremiumUntil > now ? PremiumUntil.Value : now;
        PremiumUntil = start.AddDays(days);
    }
}

public enum Tier
{
    Free = 0,
    Premium = 1,
}

public static class Roles
{
    public const string Member = "Member";
    public const string Recruiter = "Recruiter";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Member, Recruiter, Admin];
}

public static class SupportedCultures
{
    public const string German = "de";
    public const string English = "en";
    public const string Default = German;

    public static readonly IReadOnlyList<string> All = [German, English];

    public static bool IsSupported(string? culture) => culture is German or English;
}

/// <summary>
/// The one rule for "may other members see this account at all": not while its deletion is pending. Services that
/// list or show members use <see cref="IsVisible"/> (LINQ) or <see cref="VisibleSql"/> (raw SQL on "AspNetUsers").
/// </summary>
public static class MemberVisibility
{
    public static readonly System.Linq.Expressions.Expression<Func<AppUser, bool>> IsVisible =
        u => u.DeletionRequestedAt == null;

    /// <summary>A condition on an "AspNetUsers" row; <c>{0}</c> is the table alias.</summary>
    public static string VisibleSql(string alias) => $"{alias}.\"DeletionRequestedAt\" IS NULL";

    /// <summary>The opposite, on "AspNetUsers" without an alias (served by the partial index on the column).</summary>
    public const string HiddenSql = "\"DeletionRequestedAt\" IS NOT NULL";
}
