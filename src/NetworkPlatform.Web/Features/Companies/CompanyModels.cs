using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NetworkPlatform.Domain.Companies;

namespace NetworkPlatform.Web.Features.Companies;

// The forms of the company pages. As in the profile forms, what the page shows besides the fields is [BindNever],
// and no form has a field for admins, verification or counts: a posted extra field binds to nothing.

public class CompanyForm
{
    [BindNever] public Guid? Id { get; set; }
    [BindNever] public string? CurrentSlug { get; set; }

    // No [Required], [Range] or [StringLength]: CompanyService checks every field, and a form that stopped at the
    // annotations would show the name's message alone, not the website's and the year's beside it.
    [Display(Name = "Companies.Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Companies.Field.Tagline")]
    public string? Tagline { get; set; }

    [Display(Name = "Companies.Field.Description")]
    public string? Description { get; set; }

    [Display(Name = "Companies.Field.Industry")]
    public string? IndustryCode { get; set; }

    [Display(Name = "Companies.Field.Size")]
    public CompanySize Size { get; set; }

    [Display(Name = "Companies.Field.FoundedYear")]
    public int? FoundedYear { get; set; }

    [Display(Name = "Companies.Field.City")]
    public string? City { get; set; }

    [Display(Name = "Companies.Field.Country")]
    public string? Country { get; set; }

    [Display(Name = "Companies.Field.Locations")]
    public string? Locations { get; set; }

    [Display(Name = "Companies.Field.Website")]
    public string? Website { get; set; }

    [Display(Name = "Companies.Field.Specialities")]
    public string? Specialities { get; set; }

    /// <summary>Only on the edit form: the page's address (/c/slug).</summary>
    [Display(Name = "Companies.Field.Slug")]
    public string? Slug { get; set; }

    public CompanyInput ToInput() =>
        new(Name, Tagline, Description, IndustryCode, Size, FoundedYear, City, Country, Locations, Website, Specialities);

    public static CompanyForm From(CompanyPage c) => new()
    {
        Id = c.Id,
        CurrentSlug = c.Slug,
        Name = c.Name,
        Tagline = c.Tagline,
        Description = c.Description,
        IndustryCode = c.IndustryCode,
        Size = c.Size,
        FoundedYear = c.FoundedYear,
        City = c.City,
        Country = c.Country,
        Locations = string.Join('\n', c.Locations),
        Website = c.Website,
        Specialities = string.Join(", ", c.Specialities),
        Slug = c.Slug,
    };
}

public class DomainsForm
{
    [BindNever] public Guid Id { get; set; }
    [BindNever] public string Name { get; set; } = "";
    [BindNever] public string Slug { get; set; } = "";

    [Display(Name = "Companies.Field.EmailDomains")]
    public string? EmailDomains { get; set; }
}

public record AdminsPage(CompanyPage Company, IReadOnlyList<CompanyAdminRow> Admins, string? Query,
    IReadOnlyList<AdminCandidate> Candidates, Guid Me);

public record LogoPage(CompanyPage Company, bool Resizes);

public record StatsPage(CompanyPage Company, IReadOnlyList<CompanyWeek> Weeks);

public record CompanyShowPage(CompanyView View, IReadOnlyList<EmployeeRow> Employees, bool PublicPages);

public record EmployeesPage(CompanyView View, IReadOnlyList<EmployeeRow> Employees, int Page, int Pages);

public record DirectoryPage(CompanyQuery Query, CompanyResults Results, bool SignedIn);

public class LogoUploadModel
{
    [Display(Name = "CompanyLogo.Field")]
    public IFormFile? Logo { get; set; }
}
