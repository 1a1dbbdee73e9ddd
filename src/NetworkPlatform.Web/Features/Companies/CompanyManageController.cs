using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Web.Features.Profiles;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Companies;

/// <summary>
/// A page's admins at work: creating a page, editing it, its logo, its admins, its e-mail domains and its statistics.
/// Every route with a company id asks <see cref="CompanyService.RequireAdminAsync"/> (through the services) before it
/// reads or changes anything: for everyone else the id does not exist (404).
/// </summary>
[Authorize]
[Route("companies")]
public class CompanyManageController(CompanyService companies, CompanyAdminService admins, CompanyLogoService logos,
    CompanyPageService pages, IImageResizer resizer, IStringLocalizer<SharedResource> l) : Controller
{
    public const long MaxLogoRequestBytes = 6 * 1024 * 1024;
    public const int StatsWeeks = 12;

    private Guid Me => User.IdOf();
    private bool MayCreate => companies.MayCreate(User.IsInRole(Roles.Recruiter), User.IsInRole(Roles.Admin));

    [HttpGet("new")]
    public IActionResult Create() => MayCreate ? View("Edit", new CompanyForm()) : View("MayNotCreate");

    [HttpPost("new")]
    public async Task<IActionResult> Create(CompanyForm form, CancellationToken ct)
    {
        if (!MayCreate)
            return View("MayNotCreate");
        form.Id = null;
        if (!ModelState.IsValid)
            return InvalidForm("Edit", form);
        try
        {
            var page = await companies.CreateAsync(Me, User.IsInRole(Roles.Recruiter), User.IsInRole(Roles.Admin),
                form.ToInput(), ct);
            this.Success(l["Companies.Created"]);
            return Redirect($"/c/{page.Slug}");
        }
        catch (FormInputException ex)
        {
            AddProblems(ex);
            return View("Edit", form);
        }
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromRoute] Guid id, CancellationToken ct) =>
        View(CompanyForm.From(await companies.ForEditAsync(Me, id, ct)));

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromRoute] Guid id, CompanyForm form, CancellationToken ct)
    {
        var current = await companies.ForEditAsync(Me, id, ct);
        form.Id = id;
        form.CurrentSlug = current.Slug;
        if (!ModelState.IsValid)
            return InvalidForm("Edit", form);
        try
        {
            await companies.UpdateAsync(Me, id, form.ToInput(), form.Slug, ct);
            this.Success(l["ProfileEdit.Saved"]);
            return Redirect($"/c/{form.Slug!.Trim().ToLowerInvariant()}");
        }
        catch (FormInputException ex)
        {
            AddProblems(ex);
            return View(form);
        }
    }

    // ---------- Logo ----------

    [HttpGet("{id:guid}/logo")]
    public async Task<IActionResult> Logo([FromRoute] Guid id, CancellationToken ct)
    {
        UploadLimitAttribute.ShowAt(this, nameof(LogoUploadModel.Logo));
        return View(new LogoPage(await companies.ForEditAsync(Me, id, ct), resizer.Resizes));
    }

    [HttpPost("{id:guid}/logo")]
    [UploadLimit(MaxLogoRequestBytes, SquareImages.MaxBytes, "CompanyLogo.TooLarge")]
    [RequestSizeLimit(MaxLogoRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxLogoRequestBytes)]
    public async Task<IActionResult> Logo([FromRoute] Guid id, LogoUploadModel model, CancellationToken ct)
    {
        var company = await companies.ForEditAsync(Me, id, ct);
        if (model.Logo is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(model.Logo), l["CompanyLogo.Required"]);
            return View(new LogoPage(company, resizer.Resizes));
        }
        try
        {
            await using var stream = model.Logo.OpenReadStream();
            await logos.UploadAsync(Me, id, stream, ct);
        }
        catch (FileRefusedException e)
        {
            ModelState.AddModelError(nameof(model.Logo), l[e.MessageKey, e.Args]);
            return View(new LogoPage(company, resizer.Resizes));
        }
        this.Success(l["CompanyLogo.Saved"]);
        return Redirect($"/companies/{id}/logo");
    }

    [HttpPost("{id:guid}/logo/remove")]
    public async Task<IActionResult> RemoveLogo([FromRoute] Guid id, CancellationToken ct)
    {
        await logos.RemoveAsync(Me, id, ct);
        this.Success(l["CompanyLogo.Removed"]);
        return Redirect($"/companies/{id}/logo");
    }

    // ---------- Admins ----------

    /// <summary>The admins, and a search for members to add (search, then pick: no JavaScript needed).</summary>
    [HttpGet("{id:guid}/admins")]
    public async Task<IActionResult> Admins([FromRoute] Guid id, string? q, CancellationToken ct)
    {
        var (company, list, candidates) = await admins.AdminsPageAsync(Me, id, q, ct);
        return View(new AdminsPage(company, list, q, candidates, Me));
    }

    [HttpPost("{id:guid}/admins")]
    public async Task<IActionResult> AddAdmin([FromRoute] Guid id, Guid memberId, CancellationToken ct)
    {
        await admins.AddAsync(Me, id, memberId, ct);
        this.Success(l["Companies.AdminAdded"]);
        return Redirect($"/companies/{id}/admins");
    }

    [HttpPost("{id:guid}/admins/{memberId:guid}/remove")]
    public async Task<IActionResult> RemoveAdmin([FromRoute] Guid id, [FromRoute] Guid memberId, CancellationToken ct)
    {
        await admins.RemoveAsync(Me, id, memberId, ct);
        if (memberId == Me)
        {
            this.Success(l["Companies.AdminLeft"]);
            return Redirect("/companies/mine");
        }
        this.Success(l["Companies.AdminRemoved"]);
        return Redirect($"/companies/{id}/admins");
    }

    // ---------- E-mail domains for confirmed employment ----------

    [HttpGet("{id:guid}/domains")]
    public async Task<IActionResult> Domains([FromRoute] Guid id, CancellationToken ct)
    {
        var company = await companies.ForEditAsync(Me, id, ct);
        return View(new DomainsForm
        {
            Id = id, Name = company.Name, Slug = company.Slug, EmailDomains = string.Join('\n', company.EmailDomains),
        });
    }

    [HttpPost("{id:guid}/domains")]
    public async Task<IActionResult> Domains([FromRoute] Guid id, DomainsForm form, CancellationToken ct)
    {
        var company = await companies.ForEditAsync(Me, id, ct);
        form.Id = id;
        form.Name = company.Name;
        form.Slug = company.Slug;
        try
        {
            await companies.SetEmailDomainsAsync(Me, id, form.EmailDomains, ct);
            this.Success(l["ProfileEdit.Saved"]);
            return Redirect($"/companies/{id}/domains");
        }
        catch (FormInputException ex)
        {
            AddProblems(ex);
            return View(form);
        }
    }

    // ---------- Statistics ----------

    [HttpGet("{id:guid}/stats")]
    public async Task<IActionResult> Stats([FromRoute] Guid id, CancellationToken ct)
    {
        var company = await companies.ForEditAsync(Me, id, ct);
        return View(new StatsPage(company, await pages.StatsAsync(id, StatsWeeks, ct)));
    }

    private void AddProblems(FormInputException ex) => AddProblems(ex.Problems);

    private void AddProblems(IEnumerable<FieldProblem> problems)
    {
        foreach (var problem in problems)
            ModelState.AddModelError(problem.Field, l[problem.MessageKey, problem.Args]);
    }

    /// <summary>
    /// A form binding refused (a year of letters, a size that does not exist): its messages, and beside them what the
    /// service finds wrong with the other fields, so the member sees every mistake at once.
    /// </summary>
    private ViewResult InvalidForm(string view, CompanyForm form)
    {
        AddProblems(companies.Check(form.ToInput())
            .Where(p => ModelState.TryGetValue(p.Field, out var entry) is false || entry!.Errors.Count == 0));
        return View(view, form);
    }
}
