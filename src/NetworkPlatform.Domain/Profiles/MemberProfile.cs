using System.Text;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>
/// The business profile of one member (one row per account, keyed by the account's id). Lists that members edit as
/// tags (skills, haves, wants, interests) are PostgreSQL text arrays; entries with their own ids (experience,
/// education, languages, links, documents) are rows of their own.
/// </summary>
public class MemberProfile
{
    public const int SlugMaxLength = 60;
    public const int HeadlineMaxLength = 120;
    public const int SummaryMaxLength = 4000;
    public const int MaxSkills = 50;
    public const int MaxHavesOrWants = 20;
    public const int MaxInterests = 30;
    public const int MaxLinks = 5;
    public const int TagMaxLength = 60;
    public const int FullNameMaxLength = 2 * AppUser.NameMaxLength + 1;

    public Guid UserId { get; set; }
    public AppUser User { get; set; } = null!;

    public string Slug { get; set; } = "";

    /// <summary>
    /// The account's "first last" name, copied here so that the search document (a generated column, which can read
    /// only its own row) holds the name too. <see cref="ProfileService"/> keeps it current (ADR 0006).
    /// </summary>
    public string FullName { get; set; } = "";
    public string? AcademicTitle { get; set; }
    public string? Headline { get; set; }
    public string? Position { get; set; }
    public string? Employer { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; }
    public string? IndustryCode { get; set; }
    public string? Summary { get; set; }

    public List<string> Skills { get; set; } = [];
    public List<string> Haves { get; set; } = [];
    public List<string> Wants { get; set; } = [];
    public List<string> Interests { get; set; } = [];

    public ProfileAudience Audience { get; set; } = ProfileAudience.Members;
    public bool AllowSearchEngines { get; set; }
    public bool ShowMeAsVisitor { get; set; } = true;

    /// <summary>
    /// "Members who have my e-mail address can find me": whether a contact import matches this member by their login
    /// address. On by default, as on LinkedIn; off, only the profile address (/p/slug) finds them there.
    /// </summary>
    public bool FindableByEmail { get; set; } = true;

    /// <summary>Who may see this member's contact list and the shared contacts on their profile.</summary>
    public Contacts.ContactListVisibility ContactListVisibility { get; set; }

    /// <summary>The stored photo (400 px) and its small version (96 px); null when there is none.</summary>
    public Guid? PhotoFileId { get; set; }
    public Guid? PhotoSmallFileId { get; set; }

    // Contact details, each with its own visibility; "only me" by default (privacy by default).
    public string? Phone { get; set; }
    public FieldVisibility PhoneVisibility { get; set; } = FieldVisibility.OnlyMe;
    public string? Mobile { get; set; }
    public FieldVisibility MobileVisibility { get; set; } = FieldVisibility.OnlyMe;
    public string? BusinessEmail { get; set; }
    public FieldVisibility BusinessEmailVisibility { get; set; } = FieldVisibility.OnlyMe;
    public string? Address { get; set; }
    public FieldVisibility AddressVisibility { get; set; } = FieldVisibility.OnlyMe;
    public DateOnly? Birthday { get; set; }
    public FieldVisibility BirthdayVisibility { get; set; } = FieldVisibility.OnlyMe;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<ProfileEntry> Entries { get; set; } = [];
    public List<ProfileLanguage> Languages { get; set; } = [];
    public List<ProfileLink> Links { get; set; } = [];
    public List<ProfileDocument> Documents { get; set; } = [];

    /// <summary>
    /// Tags as members type them: trimmed, inner spaces collapsed, empty ones dropped, duplicates removed ignoring
    /// case (the first spelling wins), at most <paramref name="max"/>; null if one is longer than allowed.
    /// </summary>
    public static List<string> CleanTags(IEnumerable<string?> raw, int max)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var item in raw)
        {
            var tag = TextRules.OneLine(item) ?? "";
            if (tag.Length == 0 || !seen.Add(tag))
                continue;
            if (tag.Length > TagMaxLength)
                throw new DomainException("Profile.TagTooLong");
            result.Add(tag);
        }
        if (result.Count > max)
            throw new DomainException("Profile.TooManyTags");
        return result;
    }

    public static string FullNameOf(string firstName, string lastName) => $"{firstName} {lastName}".Trim();

    /// <summary>"Dr. Erika Mustermann" → "erika-mustermann"; umlauts spelled out, other accents dropped.</summary>
    public static string SlugFrom(string text)
    {
        var s = text.ToLowerInvariant()
            .Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("ß", "ss")
            .Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
                sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-' && (char.IsWhiteSpace(c) || c is '-' or '_' or '.'))
                sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > SlugMaxLength - 5)
            slug = slug[..(SlugMaxLength - 5)].Trim('-');
        return slug.Length >= 3 ? slug : "member";
    }

    /// <summary>Lower-case letters, digits and single dashes, 3 to 60 characters, not starting or ending with a dash.</summary>
    public static bool IsValidSlug(string? slug) =>
        slug is { Length: >= 3 and <= SlugMaxLength } &&
        slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') &&
        slug[0] != '-' && slug[^1] != '-' && !slug.Contains("--", StringComparison.Ordinal);
}

public enum EntryKind
{
    Experience = 0,
    Education = 1,
}

/// <summary>A work experience (title at organisation) or an education (degree at school): the same shape.</summary>
public class ProfileEntry
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 2000;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public EntryKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Organisation { get; set; } = "";

    /// <summary>First day of the start month.</summary>
    public DateOnly StartMonth { get; set; }

    /// <summary>First day of the end month; null while <see cref="IsCurrent"/>.</summary>
    public DateOnly? EndMonth { get; set; }
    public bool IsCurrent { get; set; }
    public string? Description { get; set; }

    /// <summary>The company page this position is linked to (issue 18); null for employers without a page.</summary>
    public Guid? CompanyId { get; set; }

    /// <summary>
    /// When the member confirmed this position by a link mailed to an address at one of the company's domains, and
    /// that domain; the address itself is not kept. Cleared when the entry is linked to another company.
    /// </summary>
    public DateTimeOffset? EmploymentConfirmedAt { get; set; }
    public string? ConfirmedDomain { get; set; }
}

public enum LanguageLevel
{
    A1 = 1,
    A2 = 2,
    B1 = 3,
    B2 = 4,
    C1 = 5,
    C2 = 6,
    Native = 7,
}

public class ProfileLanguage
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public LanguageLevel Level { get; set; }
}

public class ProfileLink
{
    public const int UrlMaxLength = 500;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Title { get; set; } = "";
    public string Url { get; set; } = "";
    public int Position { get; set; }

    /// <summary>Only absolute http and https addresses: no javascript:, data: or relative links.</summary>
    public static bool IsAllowedUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        !string.IsNullOrEmpty(uri.Host);
}

public enum DocumentKind
{
    Certificate = 0,
    Reference = 1,
    Portfolio = 2,
    Other = 3,
}

public class ProfileDocument
{
    public const int FreeLimit = 3;
    public const int PremiumLimit = 20;
    public const long MaxBytes = 10 * 1024 * 1024;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Title { get; set; } = "";
    public DocumentKind Kind { get; set; }
    public FieldVisibility Visibility { get; set; } = FieldVisibility.Members;
    public Guid FileId { get; set; }

    /// <summary>The uploaded file name, cleaned for display only; the stored file has a random id.</summary>
    public string DisplayName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An old public address that redirects to the member's current one.</summary>
public class ProfileSlugRedirect
{
    public string Slug { get; set; } = "";
    public Guid UserId { get; set; }
}

/// <summary>
/// One member's visit to another's profile on one day (UTC). The visitor's id is kept even when they browse
/// anonymously, only to count them once a day; an anonymous visit is never shown with a name.
/// </summary>
public class ProfileVisit
{
    public Guid Id { get; set; }
    public Guid ProfileUserId { get; set; }
    public Guid VisitorUserId { get; set; }
    public DateOnly Day { get; set; }
    public DateTimeOffset VisitedAt { get; set; }
    public bool Anonymous { get; set; }
}
