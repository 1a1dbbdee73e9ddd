using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Admin;

public record AdminCompaniesPage(string? Query, int Page, IReadOnlyList<CompanyModerationRow> Companies, bool HasMore);

/// <summary>
/// Company pages in the back-office: verify (the badge), take down with a reason and restore, and assign an admin to
/// a page that has none (its only admin deleted their account). The moderation queue of the back-office issue will
/// call the same service methods.
/// </summary>
[Authorize(Policy = AppSetup.AdminPolicy)]
[RequireTwoFactor]
[Route("admin/companies")]
public class AdminCompaniesController(CompanyAdminService moderation, UserManager<AppUser> users,
    IStringLocalizer<SharedResource> l) : Controller
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken ct = default)
    {
        page = Math.Clamp(page, 1, 10_000);
        var rows = await moderation.AllAsync(q, page, PageSize + 1, ct);
        return View("Companies", new AdminCompaniesPage(q, page, rows.Take(PageSize).ToList(), rows.Count > PageSize));
    }

    [HttpPost("{id:guid}/verify")]
    public async Task<IActionResult> Verify([FromRoute] Guid id, bool verified, string? returnUrl, CancellationToken ct)
    {
        await moderation.SetVerifiedAsync(id, verified, ct);
        this.Success(l[verified ? "Admin.Companies.Verified" : "Admin.Companies.Unverified"]);
        return Back(returnUrl);
    }

    [HttpPost("{id:guid}/take-down")]
    public async Task<IActionResult> TakeDown([FromRoute] Guid id, string? reason, string? returnUrl, CancellationToken ct)
    {
        await moderation.TakeDownAsync(id, reason, ct);
        this.Success(l["Admin.Companies.TakenDown"]);
        return Back(returnUrl);
    }

    [HttpPost("{id:guid}/restore")]
    public async Task<IActionResult> Restore([FromRoute] Guid id, string? returnUrl, CancellationToken ct)
    {
        await moderation.RestoreAsync(id, ct);
        this.Success(l["Admin.Companies.Restored"]);
        return Back(returnUrl);
    }

    /// <summary>Makes the member with this e-mail address an admin of the page.</summary>
    [HttpPost("{id:guid}/assign")]
    public async Task<IActionResult> Assign([FromRoute] Guid id, string? email, string? returnUrl, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            this.Error(l["Admin.Companies.NoSuchMember"]);
            return Back(returnUrl);
        }
        await moderation.AssignAsync(id, user.Id, ct);
        this.Success(l["Admin.Companies.Assigned", user.DisplayName]);
        return Back(returnUrl);
    }

    /// <summary>Back to the list as it was (search and page), which each form names; never elsewhere.</summary>
    private IActionResult Back(string? returnUrl) => LocalRedirect(ReturnUrls.Safe(Url, returnUrl) is var back &&
        back.StartsWith("/admin/companies", StringComparison.Ordinal) ? back : "/admin/companies");
}
