using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Companies;

/// <summary>
/// What everyone sees of company pages: the directory (/companies), a page (/c/slug) with its employees, following,
/// and the logos. Public unless the operator sets <c>Companies:PublicPages=false</c>; then visitors are sent to log in.
/// </summary>
public class CompaniesController(CompanyDirectoryService directory, CompanyPageService pages,
    CompanyFollowService follows, CompanyLogoService logos, IOptions<CompanyOptions> options,
    IStringLocalizer<SharedResource> l) : Controller
{
    private Guid? Viewer => User.Identity?.IsAuthenticated == true ? User.IdOf() : null;
    private bool Closed => Viewer is null && !options.Value.PublicPages;

    [AllowAnonymous]
    [HttpGet("/companies")]
    public async Task<IActionResult> Index(string? q, string? industry, CompanySize? size, string? location,
        CompanySort? sort, int page = 1, CancellationToken ct = default)
    {
        if (Closed)
            return Challenge();
        var query = new CompanyQuery(q, industry, size, location, sort, page);
        var results = await directory.SearchAsync(query, Viewer, ct);
        ViewData["Robots"] = q is null && industry is null && size is null && location is null ? null : "noindex";
        return View(new DirectoryPage(query, results, Viewer is not null));
    }

    [AllowAnonymous]
    [HttpGet("/c/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken ct)
    {
        if (Closed)
            return Challenge();
        if (await pages.FindAsync(slug, Viewer, ct) is not { } view)
            return await RedirectOrNotFoundAsync(slug, "", ct);
        var employees = await pages.EmployeesAsync(view.Page.Id, Viewer, 1, CompanyPageService.EmployeesOnPage, ct);
        if (!view.IsAdmin)
            await pages.CountViewAsync(view.Page.Id, ct);
        return View(new CompanyShowPage(view, employees, options.Value.PublicPages));
    }

    [AllowAnonymous]
    [HttpGet("/c/{slug}/employees")]
    public async Task<IActionResult> Employees(string slug, int page = 1, CancellationToken ct = default)
    {
        if (Closed)
            return Challenge();
        if (await pages.FindAsync(slug, Viewer, ct) is not { } view)
            return await RedirectOrNotFoundAsync(slug, "/employees", ct);
        page = Math.Clamp(page, 1, 1000);
        var employees = await pages.EmployeesAsync(view.Page.Id, Viewer, page, CompanyPageService.EmployeesPageSize, ct);
        var pagesTotal = Math.Max(1, (view.Page.EmployeeCount + CompanyPageService.EmployeesPageSize - 1) / CompanyPageService.EmployeesPageSize);
        return View(new EmployeesPage(view, employees, page, pagesTotal));
    }

    [Authorize]
    [HttpPost("/companies/{id:guid}/follow")]
    public async Task<IActionResult> Follow([FromRoute] Guid id, string? returnUrl, CancellationToken ct)
    {
        if (!await follows.FollowAsync(User.IdOf(), id, ct))
            return NotFound();
        this.Success(l["Companies.Followed"]);
        return LocalRedirect(ReturnUrls.Safe(Url, returnUrl));
    }

    [Authorize]
    [HttpPost("/companies/{id:guid}/unfollow")]
    public async Task<IActionResult> Unfollow([FromRoute] Guid id, string? returnUrl, CancellationToken ct)
    {
        await follows.UnfollowAsync(User.IdOf(), id, ct);
        this.Success(l["Companies.Unfollowed"]);
        return LocalRedirect(ReturnUrls.Safe(Url, returnUrl));
    }

    /// <summary>"Companies you follow", and the pages the member administers.</summary>
    [Authorize]
    [HttpGet("/companies/mine")]
    public async Task<IActionResult> Mine([FromServices] CompanyService companies, CancellationToken ct)
    {
        var followed = await follows.FollowedAsync(User.IdOf(), ct);
        var administered = await companies.AdministeredAsync(User.IdOf(), ct);
        var mayCreate = companies.MayCreate(User.IsInRole(Domain.Accounts.Roles.Recruiter), User.IsInRole(Domain.Accounts.Roles.Admin));
        return View(new MyCompaniesPage(followed, administered, mayCreate));
    }

    /// <summary>
    /// A page's logo for whoever may see the page; links carry ?v= of the current logo, so those answers may be kept
    /// for a year (a new logo has a new address).
    /// </summary>
    [AllowAnonymous]
    [HttpGet("/companies/{id:guid}/logo/{variant}")]
    public async Task<IActionResult> Logo([FromRoute] Guid id, string variant, string? v, CancellationToken ct)
    {
        if (variant is not ("small" or "large"))
            return NotFound();
        if (await logos.ForViewerAsync(id, variant == "small", Viewer, options.Value.PublicPages, ct) is not { } logo)
            return NotFound();
        var current = logo.Version.ToString("N")[..8];
        CacheHeaders.Set(Response, string.Equals(v, current, StringComparison.OrdinalIgnoreCase)
            ? "private, max-age=31536000, immutable"
            : "private, max-age=300");
        Response.Headers.ContentDisposition = "inline";
        return File(logo.File.Content, logo.File.ContentType);
    }

    private async Task<IActionResult> RedirectOrNotFoundAsync(string slug, string suffix, CancellationToken ct) =>
        await pages.RedirectAsync(slug, ct) is { } current
            ? RedirectPermanent($"/c/{current}{suffix}")
            : NotFound();
}

public record MyCompaniesPage(IReadOnlyList<CompanyCard> Followed, IReadOnlyList<CompanyLink> Administered, bool MayCreate);
