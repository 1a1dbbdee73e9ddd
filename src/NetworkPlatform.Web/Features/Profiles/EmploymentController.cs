using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Profiles;

public class EmploymentPage
{
    public PositionRow Position { get; init; } = null!;
    public string? Query { get; init; }
    public IReadOnlyList<CompanyLink> Choices { get; init; } = [];

    [Display(Name = "Employment.Field.WorkEmail")]
    public string? WorkEmail { get; set; }
}

/// <summary>
/// A position on the member's profile linked to a company page (search, then pick: works without JavaScript), and
/// employment confirmed by a link mailed to an address at one of the company's domains. Ids are looked up with the
/// member's own id, so another member's entry is a 404.
/// </summary>
[Authorize]
public class EmploymentController(EmploymentService employment, IStringLocalizer<SharedResource> l) : Controller
{
    private Guid Me => User.IdOf();

    [HttpGet("/profile/edit/experience/{id:guid}/company")]
    public async Task<IActionResult> Company([FromRoute] Guid id, string? q, CancellationToken ct)
    {
        if (await employment.PositionAsync(Me, id, ct) is not { } position)
            return NotFound();
        var query = q ?? (position.CompanyId is null ? position.Organisation : null);
        return View(new EmploymentPage
        {
            Position = position, Query = query, Choices = await employment.ChoicesAsync(query, ct),
        });
    }

    [HttpPost("/profile/edit/experience/{id:guid}/company")]
    public async Task<IActionResult> Link([FromRoute] Guid id, Guid companyId, CancellationToken ct)
    {
        await employment.LinkAsync(Me, id, companyId, ct);
        this.Success(l["Employment.Linked"]);
        return Redirect($"/profile/edit/experience/{id}/company");
    }

    [HttpPost("/profile/edit/experience/{id:guid}/company/remove")]
    public async Task<IActionResult> Unlink([FromRoute] Guid id, CancellationToken ct)
    {
        await employment.LinkAsync(Me, id, null, ct);
        this.Success(l["Employment.Unlinked"]);
        return Redirect($"/profile/edit/experience/{id}/company");
    }

    [HttpPost("/profile/edit/experience/{id:guid}/confirm")]
    public async Task<IActionResult> RequestConfirmation([FromRoute] Guid id, EmploymentPage form, CancellationToken ct)
    {
        try
        {
            await employment.RequestConfirmationAsync(Me, id, form.WorkEmail, ct);
            this.Success(l["Employment.LinkSent", form.WorkEmail!.Trim()]);
            return Redirect($"/profile/edit/experience/{id}/company");
        }
        catch (FormInputException ex)
        {
            foreach (var problem in ex.Problems)
                ModelState.AddModelError(problem.Field, l[problem.MessageKey, problem.Args]);
        }
        var position = await employment.PositionAsync(Me, id, ct);
        if (position is null)
            return NotFound();
        return View("Company", new EmploymentPage { Position = position, WorkEmail = form.WorkEmail });
    }

    /// <summary>
    /// The mailed link opens a page with a button (mail scanners that open links confirm nothing); no login needed:
    /// the signed link is the proof, and it may be opened on a work computer.
    /// </summary>
    [AllowAnonymous]
    [HttpGet("/profile/employment/confirm")]
    public IActionResult Confirm(string? token) => View("Confirm", token);

    [AllowAnonymous]
    [HttpPost("/profile/employment/confirm")]
    public async Task<IActionResult> ConfirmPost(string? token, CancellationToken ct)
    {
        if (await employment.ConfirmAsync(token, ct) is not { } slug)
            return View("ConfirmFailed");
        this.Success(l["Employment.Confirmed"]);
        return Redirect($"/c/{slug}");
    }
}
