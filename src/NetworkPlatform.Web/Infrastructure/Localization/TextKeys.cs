using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.ContactImports;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Domain.Search;
using NetworkPlatform.Web.Features.Legal;

namespace NetworkPlatform.Web.Infrastructure.Localization;

/// <summary>
/// The one place where a text's key is built from a value (an enum, a code, a number). Everywhere else a key is a
/// literal, so a test can read every key from the sources; <see cref="All"/> lists every key these families can
/// build, from the same lists of values the code uses, so that test knows those as well (Localization/ResourceTests:
/// each of them exists in both languages, and a key neither literal nor listed here is unused).
/// </summary>
public static class TextKeys
{
    /// <summary>
    /// The degrees a badge can show: 1 and 2 from <see cref="NetworkService.DegreesAsync"/> and search, and
    /// search's <see cref="SearchService.ThirdOrFurther"/> for everyone further away.
    /// </summary>
    public static readonly IReadOnlyList<int> Degrees = [1, 2, SearchService.ThirdOrFurther];

    public static string Industry(string code) => "Industry." + code;

    public static string Degree(int degree) => "Degree." + degree;

    public static string DegreeTitle(int degree) => "Degree.Title." + degree;

    public static string SearchDegree(DegreeFilter filter) => "Search.Degree." + filter;

    public static string Visibility(FieldVisibility visibility) => "Visibility." + visibility;

    /// <summary>The kind of a document as its owner picks it ("Other").</summary>
    public static string DocumentKind(DocumentKind kind) => "DocumentKind." + kind;

    /// <summary>The kind of a document as a profile shows it to others ("Document" for Other).</summary>
    public static string DocumentKindOnProfile(DocumentKind kind) => "ProfileView.DocumentKind." + kind;

    /// <summary>A language level as the edit forms offer it ("A1 – beginner").</summary>
    public static string LanguageLevel(LanguageLevel level) => "ProfileEdit.Level." + level;

    /// <summary>A language level in a summary line ("A1").</summary>
    public static string LanguageLevelShort(LanguageLevel level) => "ProfileEdit.LevelShort." + level;

    /// <summary>A language level as a profile shows it ("Beginner (A1)").</summary>
    public static string LanguageLevelOnProfile(LanguageLevel level) => "ProfileView.Level." + level;

    public static string ContactField(ContactField field) => "ProfileView.Field." + field;

    public static string ContactSort(ContactSort sort) => "Contacts.Sort." + sort;

    /// <summary>A built-in tag's name; the tag is stored with its leading "#" (<see cref="BuiltInTags"/>).</summary>
    public static string BuiltInTag(string tag) => "Contacts.Tag." + tag.TrimStart('#');

    public static string Role(string role) => "Role." + role;

    public static string ImportStatus(ImportMatchStatus status) => "ContactImport.Status." + status;

    public static string SkipReason(string reason) => "ContactImport.Skip." + reason;

    /// <summary>The completeness meter's link to a missing section (<see cref="ProfileCompleteness.Sections"/>).</summary>
    public static string MissingSection(string section) => "ProfileEdit.Missing." + section;

    /// <summary>An Identity error (<see cref="LocalizedIdentityErrorDescriber.Codes"/>).</summary>
    public static string IdentityError(string code) => "Identity." + code;

    public static string LegalTitle(LegalPage page) => $"Legal.{page}.Title";

    /// <summary>What a legal page says while the operator has not put its text in place.</summary>
    public static string LegalPlaceholder(LegalPage page) => $"Legal.{page}.Placeholder";

    public static string CompanySize(Domain.Companies.CompanySize size) => "Companies.Size." + size;

    public static string CompanySort(Domain.Companies.CompanySort sort) => "Companies.Sort." + sort;

    /// <summary>
    /// What <see cref="Domain.Files.SquareImages.ReadAsync"/> refuses, under the caller's prefix (ProfilePhoto,
    /// CompanyLogo).
    /// </summary>
    public static readonly IReadOnlyList<string> SquareImageKeys =
    [
        .. new[] { "ProfilePhoto", "CompanyLogo" }.SelectMany(prefix =>
            new[] { "TooLarge", "Required", "WrongType", "TooManyPixels", "Unreadable" }.Select(rule => prefix + "." + rule)),
    ];

    /// <summary>Every key the methods above can build.</summary>
    public static IEnumerable<string> All =>
    [
        .. Industries.All.Select(Industry),
        .. Degrees.Select(Degree),
        .. Degrees.Select(DegreeTitle),
        .. Enum.GetValues<DegreeFilter>().Select(SearchDegree),
        .. Enum.GetValues<FieldVisibility>().Select(Visibility),
        .. Enum.GetValues<DocumentKind>().Select(DocumentKind),
        .. Enum.GetValues<DocumentKind>().Select(DocumentKindOnProfile),
        .. Enum.GetValues<LanguageLevel>().Select(LanguageLevel),
        .. Enum.GetValues<LanguageLevel>().Select(LanguageLevelShort),
        .. Enum.GetValues<LanguageLevel>().Select(LanguageLevelOnProfile),
        .. Enum.GetValues<ContactField>().Select(ContactField),
        .. Enum.GetValues<ContactSort>().Select(ContactSort),
        .. BuiltInTags.All.Select(BuiltInTag),
        .. Roles.All.Select(Role),
        .. Enum.GetValues<ImportMatchStatus>().Select(ImportStatus),
        .. SkipReasons.All.Select(SkipReason),
        .. ProfileCompleteness.Sections.Select(s => MissingSection(s.Section.Key)),
        .. LocalizedIdentityErrorDescriber.Codes.Select(IdentityError),
        .. Enum.GetValues<LegalPage>().Select(LegalTitle),
        .. Enum.GetValues<LegalPage>().Select(LegalPlaceholder),
        .. Enum.GetValues<Domain.Companies.CompanySize>().Select(CompanySize),
        .. Enum.GetValues<Domain.Companies.CompanySort>().Select(CompanySort),
        .. SquareImageKeys,
    ];
}
