using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Premium;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Admin;

/// <summary>The first piece of the back-office: members (grant premium) and voucher codes.</summary>
[Authorize(Policy = AppSetup.AdminPolicy)]
[RequireTwoFactor]
[Route("admin")]
public class AdminController(MemberAdminService members, PremiumService premium, IStringLocalizer<SharedResource> l)
    : Controller
{
    [HttpGet("")]
    public IActionResult Index() => RedirectToAction(nameof(Members));

    [HttpGet("members")]
    public async Task<IActionResult> Members(string? q, int page = 1, CancellationToken ct = default) =>
        View(new AdminMembersPage(q, await members.SearchAsync(q, page, ct), new GrantPremiumModel()));

    [HttpPost("members/{id:guid}/premium")]
    public async Task<IActionResult> GrantPremium(Guid id, [Bind(Prefix = "Grant")] GrantPremiumModel model,
        string? q, int page = 1, CancellationToken ct = default)
    {
        if (!ModelState.IsValid)
        {
            // The list again with the error at this member's field and what was typed (a redirect would lose both).
            return View(nameof(Members), new AdminMembersPage(q, await members.SearchAsync(q, page, ct), model, id));
        }
        var until = await premium.GrantAsync(id, model.Days!.Value, ct);
        this.Success(l["Admin.PremiumGranted", until.ToLocalDate()]);
        return RedirectToAction(nameof(Members), new { q, page });
    }

    [HttpGet("vouchers")]
    public async Task<IActionResult> Vouchers(CancellationToken ct) =>
        View(new VouchersPage(new CreateVouchersModel(), await premium.RecentVouchersAsync(50, ct), []));

    [HttpPost("vouchers")]
    public async Task<IActionResult> Vouchers([Bind(Prefix = "Form")] CreateVouchersModel model, CancellationToken ct)
    {
        IReadOnlyList<string> created = [];
        if (ModelState.IsValid)
        {
            created = await premium.CreateVouchersAsync(model.Count!.Value, model.Days!.Value, model.Note, User.IdOf(), ct);
            ModelState.Clear();
            model = new CreateVouchersModel { Days = model.Days, Note = model.Note };
        }
        return View(new VouchersPage(model, await premium.RecentVouchersAsync(50, ct), created));
    }
}
