using NetworkPlatform.Domain.Contacts;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Web.Features.Profiles;

// The forms of the profile edit pages. Each form is also its page's model: what the page shows besides the fields
// (the list of entries, the current address) is marked [BindNever], so fields keep their plain names ("Title",
// not "Form.Title") and a posted form can never set them. Rules live in ProfileService; the annotations here only
// give the messages that name their field ("Enter your first name") before the service is asked.

public record ProfileEditOverview(OwnProfile Profile, IReadOnlyList<EntryRow> Entries,
    IReadOnlyList<LanguageRow> Languages, IReadOnlyList<LinkRow> Links, ProfileCompleteness Completeness);

public class BasicsForm
{
    [Display(Name = "ProfileEdit.Field.AcademicTitle")]
    [StringLength(40, ErrorMessage = "Validation.TooLong")]
    public string? AcademicTitle { get; set; }

    [Display(Name = "Field.FirstName")]
    [Required(ErrorMessage = "Validation.FirstNameRequired")]
    [StringLength(AppUser.NameMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? FirstName { get; set; }

    [Display(Name = "Field.LastName")]
    [Required(ErrorMessage = "Validation.LastNameRequired")]
    [StringLength(AppUser.NameMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? LastName { get; set; }

    [Display(Name = "ProfileEdit.Field.Headline")]
    [StringLength(MemberProfile.HeadlineMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? Headline { get; set; }

    [Display(Name = "ProfileEdit.Field.Position")]
    [StringLength(120, ErrorMessage = "Validation.TooLong")]
    public string? Position { get; set; }

    [Display(Name = "ProfileEdit.Field.Employer")]
    [StringLength(120, ErrorMessage = "Validation.TooLong")]
    public string? Employer { get; set; }

    [Display(Name = "ProfileEdit.Field.City")]
    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    public string? City { get; set; }

    [Display(Name = "ProfileEdit.Field.Country")]
    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    public string? Country { get; set; }

    [Display(Name = "ProfileEdit.Field.Industry")]
    public string? IndustryCode { get; set; }

    public BasicsInput ToInput() =>
        new(AcademicTitle, FirstName, LastName, Headline, Position, Employer, City, Country, IndustryCode);

    public static BasicsForm From(OwnProfile p) => new()
    {
        AcademicTitle = p.AcademicTitle,
        FirstName = p.FirstName,
        LastName = p.LastName,
        Headline = p.Headline,
        Position = p.Position,
        Employer = p.Employer,
        City = p.City,
        Country = p.Country,
        IndustryCode = p.IndustryCode,
    };
}

public class SummaryForm
{
    [Display(Name = "ProfileEdit.Field.Summary")]
    public string? Summary { get; set; }
}

public class EntryForm
{
    [BindNever]
    public EntryKind Kind { get; set; }

    /// <summary>The entry being edited; null on the list page's "add" form.</summary>
    [BindNever]
    public Guid? Id { get; set; }

    [BindNever]
    public IReadOnlyList<EntryRow> Entries { get; set; } = [];

    // Labels depend on the kind ("Job title" or "Degree"): the views pass them.
    public string? Title { get; set; }
    public string? Organisation { get; set; }
    public int? StartMonth { get; set; }
    public int? StartYear { get; set; }
    public int? EndMonth { get; set; }
    public int? EndYear { get; set; }
    public bool IsCurrent { get; set; }
    public string? Description { get; set; }

    public string Slug => EntryKinds.Slug(Kind);

    public EntryInput ToInput() =>
        new(Title, Organisation, StartMonth, StartYear, EndMonth, EndYear, IsCurrent, Description);

    public static EntryForm From(EntryRow e) => new()
    {
        Kind = e.Kind,
        Id = e.Id,
        Title = e.Title,
        Organisation = e.Organisation,
        StartMonth = e.StartMonth.Month,
        StartYear = e.StartMonth.Year,
        EndMonth = e.EndMonth?.Month,
        EndYear = e.EndMonth?.Year,
        IsCurrent = e.IsCurrent,
        Description = e.Description,
    };
}

public static class EntryKinds
{
    public static string Slug(EntryKind kind) => kind == EntryKind.Education ? "education" : "experience";

    public static EntryKind? FromSlug(string? slug) => slug switch
    {
        "experience" => EntryKind.Experience,
        "education" => EntryKind.Education,
        _ => null,
    };
}

public class TagsForm
{
    [Display(Name = "ProfileEdit.Field.Skills")]
    public string? Skills { get; set; }

    [Display(Name = "ProfileEdit.Field.Haves")]
    public string? Haves { get; set; }

    [Display(Name = "ProfileEdit.Field.Wants")]
    public string? Wants { get; set; }

    [Display(Name = "ProfileEdit.Field.Interests")]
    public string? Interests { get; set; }

    public TagsInput ToInput() => new(Skills, Haves, Wants, Interests);

    /// <summary>One entry per line: commas inside an entry would be read as separators the next time.</summary>
    public static TagsForm From(OwnProfile p) => new()
    {
        Skills = string.Join('\n', p.Skills),
        Haves = string.Join('\n', p.Haves),
        Wants = string.Join('\n', p.Wants),
        Interests = string.Join('\n', p.Interests),
    };
}

public class LanguageForm
{
    [BindNever]
    public IReadOnlyList<LanguageRow> Languages { get; set; } = [];

    [Display(Name = "ProfileEdit.Field.LanguageName")]
    [Required(ErrorMessage = "ProfileEdit.LanguageNameRequired")]
    [StringLength(60, ErrorMessage = "Validation.TooLong")]
    public string? Name { get; set; }

    [Display(Name = "ProfileEdit.Field.LanguageLevel")]
    [Required(ErrorMessage = "ProfileEdit.LevelRequired")]
    public LanguageLevel? Level { get; set; }

    public LanguageInput ToInput() => new(Name, Level);
}

public class LinkForm
{
    [BindNever]
    public IReadOnlyList<LinkRow> Links { get; set; } = [];

    [Display(Name = "ProfileEdit.Field.LinkTitle")]
    [StringLength(80, ErrorMessage = "Validation.TooLong")]
    public string? Title { get; set; }

    [Display(Name = "ProfileEdit.Field.LinkUrl")]
    [Required(ErrorMessage = "ProfileEdit.UrlRequired")]
    [StringLength(ProfileLink.UrlMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? Url { get; set; }

    public LinkInput ToInput() => new(Title, Url);
}

public class ContactForm
{
    [Display(Name = "ProfileEdit.Field.Phone")]
    public string? Phone { get; set; }
    public FieldVisibility PhoneVisibility { get; set; }

    [Display(Name = "ProfileEdit.Field.Mobile")]
    public string? Mobile { get; set; }
    public FieldVisibility MobileVisibility { get; set; }

    [Display(Name = "ProfileEdit.Field.BusinessEmail")]
    public string? BusinessEmail { get; set; }
    public FieldVisibility BusinessEmailVisibility { get; set; }

    [Display(Name = "ProfileEdit.Field.Address")]
    public string? Address { get; set; }
    public FieldVisibility AddressVisibility { get; set; }

    /// <summary>
    /// A string, not a date: a browser without a date picker sends what the member typed ("27.03.1980"), and that
    /// must come back unchanged with a message when it is no date.
    /// </summary>
    [Display(Name = "ProfileEdit.Field.Birthday")]
    public string? Birthday { get; set; }
    public FieldVisibility BirthdayVisibility { get; set; }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy", "d/M/yyyy"];

    /// <summary>True when the birthday is empty or a date; the date input sends yyyy-MM-dd.</summary>
    public bool TryBirthday(out DateOnly? birthday)
    {
        birthday = null;
        if (string.IsNullOrWhiteSpace(Birthday))
            return true;
        if (!DateOnly.TryParseExact(Birthday.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var date))
            return false;
        birthday = date;
        return true;
    }

    public ContactInput ToInput(DateOnly? birthday) => new(Phone, PhoneVisibility, Mobile, MobileVisibility,
        BusinessEmail, BusinessEmailVisibility, Address, AddressVisibility, birthday, BirthdayVisibility);

    public static ContactForm From(OwnProfile p) => new()
    {
        Phone = p.Phone,
        PhoneVisibility = p.PhoneVisibility,
        Mobile = p.Mobile,
        MobileVisibility = p.MobileVisibility,
        BusinessEmail = p.BusinessEmail,
        BusinessEmailVisibility = p.BusinessEmailVisibility,
        Address = p.Address,
        AddressVisibility = p.AddressVisibility,
        Birthday = p.Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        BirthdayVisibility = p.BirthdayVisibility,
    };
}

public class SettingsForm
{
    [BindNever]
    public string CurrentSlug { get; set; } = "";

    public ProfileAudience Audience { get; set; }
    public bool AllowSearchEngines { get; set; }
    public bool ShowMeAsVisitor { get; set; }
    public bool FindableByEmail { get; set; }
    public ContactListVisibility ContactListVisibility { get; set; }

    [Display(Name = "ProfileEdit.Field.Slug")]
    public string? Slug { get; set; }

    public SettingsInput ToInput() =>
        new(Audience, AllowSearchEngines, ShowMeAsVisitor, Slug, ContactListVisibility, FindableByEmail);

    public static SettingsForm From(OwnProfile p) => new()
    {
        CurrentSlug = p.Slug,
        Audience = p.Audience,
        AllowSearchEngines = p.AllowSearchEngines,
        ShowMeAsVisitor = p.ShowMeAsVisitor,
        FindableByEmail = p.FindableByEmail,
        ContactListVisibility = p.ContactListVisibility,
        Slug = p.Slug,
    };
}

/// <summary>A month and a year side by side in one fieldset (start or end of an entry).</summary>
public record MonthYearField(string Legend, string MonthName, string YearName, int? Month, int? Year, string? Hint);

public static class ProfileEditFormat
{
    /// <summary>"März 2021" / "March 2021", in the member's language.</summary>
    public static string Month(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"35 %" / "35%", as the member's culture writes a percentage.</summary>
    public static string Percent(int percent) => (percent / 100.0).ToString("P0", CultureInfo.CurrentCulture);

    /// <summary>The first characters of a long text, cut at a word.</summary>
    public static string Excerpt(string text, int max = 160)
    {
        if (text.Length <= max)
            return text;
        var cut = text.LastIndexOf(' ', max);
        return text[..(cut > max / 2 ? cut : max)].TrimEnd() + "…";
    }
}
