using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetworkPlatform.Domain.Search;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Web.Features.Search;

/// <summary>
/// The search form as a GET query, so a search is a link that can be bookmarked and works without JavaScript. Every
/// value is optional and bound leniently: a value that does not parse is simply no filter.
/// </summary>
public class SearchForm
{
    public string? Q { get; set; }
    public string? Tab { get; set; }
    public string? City { get; set; }
    public string? Industry { get; set; }
    public string? Employer { get; set; }
    public string? Skill { get; set; }
    public DegreeFilter Degree { get; set; }
    public string? Offers { get; set; }
    public string? Wants { get; set; }
    public string? Language { get; set; }
    public int? Years { get; set; }
    public int Page { get; set; } = 1;

    public MemberSearchFilters ToFilters() => new()
    {
        City = City,
        Industry = Industry,
        Employer = Employer,
        Skill = Skill,
        Degree = Degree,
        Offers = Offers,
        Wants = Wants,
        Language = Language,
        MinYears = Years,
    };
}

public record SearchPageModel(MemberSearchResults Results, bool SignedIn, bool Premium, string ReturnUrl)
{
    /// <summary>The address of another page of the same search.</summary>
    public string PageUrl(int page)
    {
        var f = Results.Filters;
        var query = new List<KeyValuePair<string, string?>>
        {
            new("q", Results.Query), new("tab", "members"), new("city", f.City), new("industry", f.Industry),
            new("employer", f.Employer), new("skill", f.Skill),
            new("degree", f.Degree == DegreeFilter.Any ? null : f.Degree.ToString()),
            new("offers", f.Offers), new("wants", f.Wants), new("language", f.Language),
            new("years", f.MinYears?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return "/search" + Microsoft.AspNetCore.Http.QueryString.Create(query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}

[AllowAnonymous]
public class SearchController(SearchService search, TimeProvider time) : Controller
{
    [HttpGet("/search")]
    public async Task<IActionResult> Index([FromQuery] SearchForm form, CancellationToken ct)
    {
        // The header search's "Companies" choice: the same words in the company directory.
        if (string.Equals(form.Tab, "companies", StringComparison.OrdinalIgnoreCase))
            return Redirect("/companies" + (string.IsNullOrWhiteSpace(form.Q) ? "" : "?q=" + Uri.EscapeDataString(form.Q.Trim())));
        var signedIn = User.Identity?.IsAuthenticated == true;
        var premium = signedIn && User.IsPremiumAt(time.GetUtcNow());
        var viewer = signedIn ? new SearchViewer(User.IdOf(), premium) : SearchViewer.Anonymous;
        var results = await search.SearchAsync(viewer, form.Q, form.ToFilters(), form.Page, ct);
        ViewData["Robots"] = "noindex, follow";
        var here = Request.Path + Request.QueryString;
        return View(new SearchPageModel(results, signedIn, premium, here.Length <= 2000 ? here : "/search"));
    }
}
