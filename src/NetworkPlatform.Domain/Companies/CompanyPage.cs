using System.Text;
using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Domain.Companies;

/// <summary>The size bands XING and LinkedIn use (number of employees); 0 is "not stated".</summary>
public enum CompanySize
{
    Unknown = 0,
    From1To10 = 1,
    From11To50 = 2,
    From51To200 = 3,
    From201To500 = 4,
    From501To1000 = 5,
    From1001To5000 = 6,
    From5001To10000 = 7,
    Over10000 = 8,
}

/// <summary>
/// A company page (issue 18): what the company says about itself, kept by its page admins. Its followers and current
/// employees are counted on the row (<see cref="FollowerCount"/>, <see cref="EmployeeCount"/>), kept in the statement
/// that changes them, so the directory sorts and shows them without counting.
/// </summary>
public class CompanyPage
{
    public const int NameMaxLength = 120;
    public const int TaglineMaxLength = 160;
    public const int DescriptionMaxLength = 5000;
    public const int PlaceMaxLength = 100;
    public const int MaxLocations = 20;
    public const int MaxSpecialities = 20;
    public const int MaxEmailDomains = 5;
    public const int WebsiteMaxLength = 300;
    public const int TakeDownReasonMaxLength = 1000;

    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Tagline { get; set; }

    /// <summary>Markdown, rendered with raw HTML disabled (the profile summary's renderer).</summary>
    public string? Description { get; set; }
    public string? IndustryCode { get; set; }
    public CompanySize Size { get; set; }
    public int? FoundedYear { get; set; }

    /// <summary>The headquarters.</summary>
    public string? City { get; set; }
    public string? Country { get; set; }

    /// <summary>Further locations, each "City, Country" as typed.</summary>
    public List<string> Locations { get; set; } = [];
    public string? Website { get; set; }
    public List<string> Specialities { get; set; } = [];

    /// <summary>Lower-case domains ("example.com") at which employees can confirm their employment.</summary>
    public List<string> EmailDomains { get; set; } = [];

    public Guid? LogoFileId { get; set; }
    public Guid? LogoSmallFileId { get; set; }

    /// <summary>Set by a platform admin: the page is the company's own (a badge).</summary>
    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>Set by a platform admin: the page is hidden from everyone but its admins, who see the reason.</summary>
    public DateTimeOffset? TakenDownAt { get; set; }
    public string? TakeDownReason { get; set; }

    public int FollowerCount { get; set; }
    public int EmployeeCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>"ACME Software GmbH" → "acme-software-gmbh": the profile rule (umlauts spelled out).</summary>
    public static string SlugFrom(string name)
    {
        var slug = MemberProfile.SlugFrom(name);
        return slug == "member" ? "company" : slug;
    }

    /// <summary>"@Example.COM ", "https://www.example.com/" → "example.com"; null when it is no domain name.</summary>
    public static string? CleanDomain(string? raw)
    {
        var text = (raw ?? "").Trim().ToLowerInvariant();
        if (text.StartsWith('@'))
            text = text[1..];
        if (text.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(text, UriKind.Absolute, out var uri))
            text = uri.Host;
        text = text.TrimEnd('/', '.');
        if (text.StartsWith("www.", StringComparison.Ordinal))
            text = text[4..];
        if (text.Length is < 4 or > 253 || !text.Contains('.'))
            return null;
        var labels = text.Split('.');
        if (labels.Any(l => l.Length is 0 or > 63 || l[0] == '-' || l[^1] == '-' ||
                            !l.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')))
            return null;
        return labels[^1].All(char.IsAsciiLetter) ? text : null;
    }

    /// <summary>The domain of an e-mail address ("Erika@Mail.Example.com" → "mail.example.com"), lower case.</summary>
    public static string? DomainOf(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 || at == email.Length - 1 ? null : email[(at + 1)..].Trim().ToLowerInvariant();
    }

    /// <summary>Whether the address's domain is one of the listed ones or below one ("de.example.com" under "example.com").</summary>
    public static string? MatchingDomain(IEnumerable<string> domains, string email) =>
        DomainOf(email) is { } domain
            ? domains.FirstOrDefault(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal))
            : null;

    /// <summary>Lower bound of the band, for the JSON-LD numberOfEmployees.</summary>
    public static (int Min, int? Max) SizeRange(CompanySize size) => size switch
    {
        CompanySize.From1To10 => (1, 10),
        CompanySize.From11To50 => (11, 50),
        CompanySize.From51To200 => (51, 200),
        CompanySize.From201To500 => (201, 500),
        CompanySize.From501To1000 => (501, 1000),
        CompanySize.From1001To5000 => (1001, 5000),
        CompanySize.From5001To10000 => (5001, 10000),
        CompanySize.Over10000 => (10001, null),
        _ => (0, null),
    };

    public static string JoinPlace(string? city, string? country)
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(city))
            sb.Append(city);
        if (!string.IsNullOrWhiteSpace(country))
            sb.Append(sb.Length > 0 ? ", " : "").Append(country);
        return sb.ToString();
    }
}

/// <summary>A member who may edit a company page. A page keeps at least one (the last cannot leave).</summary>
public class CompanyAdmin
{
    public Guid CompanyId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public class CompanyFollow
{
    public Guid CompanyId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset FollowedAt { get; set; }
}

/// <summary>An old address of a company page that redirects to its current one.</summary>
public class CompanySlugRedirect
{
    public string Slug { get; set; } = "";
    public Guid CompanyId { get; set; }
}

/// <summary>Views of a company page per day (UTC), counted for its admins' statistics; no visitor is stored.</summary>
public class CompanyPageView
{
    public Guid CompanyId { get; set; }
    public DateOnly Day { get; set; }
    public int Views { get; set; }
}
