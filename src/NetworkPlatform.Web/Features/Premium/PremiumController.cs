using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Premium;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Premium;

public class RedeemModel
{
    [Display(Name = "Field.VoucherCode")]
    [Required(ErrorMessage = "Validation.VoucherRequired")]
    [StringLength(40, ErrorMessage = "Validation.TooLong")]
    public string? Code { get; set; }
}

public record PremiumPageModel(bool SignedIn, Tier Tier, DateTimeOffset? PremiumUntil, RedeemModel Redeem,
    string? VoucherUrl);

/// <summary>
/// The app sells nothing: premium comes from an admin or a voucher code. Where the organisation hands out or sells
/// codes (a membership office, a shop) is the operator's to say.
/// </summary>
public class PremiumOptions
{
    public const string Section = "Premium";

    /// <summary>An http(s) address shown on the premium page as "where to get a voucher code"; none when empty.</summary>
    public string? VoucherUrl { get; set; }

    public string? SafeVoucherUrl =>
        Uri.TryCreate(VoucherUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.ToString() : null;
}

[Route("premium")]
public class PremiumController(UserManager<AppUser> users, SignInManager<AppUser> signIn, PremiumService premium,
    TimeProvider time, IStringLocalizer<SharedResource> l, IOptions<PremiumOptions> options) : Controller
{
    [AllowAnonymous]
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await PageModelAsync(new RedeemModel()));

    [Authorize]
    [HttpPost("redeem")]
    public async Task<IActionResult> Redeem([Bind(Prefix = "Redeem")] RedeemModel model, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (result, until) = await premium.RedeemAsync(User.IdOf(), model.Code, ct);
            if (result == RedeemResult.Redeemed)
            {
                if (await users.GetUserAsync(User) is { } user)
                    await signIn.RefreshSignInAsync(user);
                this.Success(l["Premium.Redeemed", until!.Value.ToLocalDate()]);
                return RedirectToAction(nameof(Index));
            }
            ModelState.AddModelError("Redeem.Code",
                result == RedeemResult.AlreadyUsed ? l["Premium.CodeUsed"] : l["Premium.CodeUnknown"]);
        }
        return View(nameof(Index), await PageModelAsync(model));
    }

    private async Task<PremiumPageModel> PageModelAsync(RedeemModel redeem)
    {
        var user = User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
        return user is null
            ? new PremiumPageModel(false, Tier.Free, null, redeem, options.Value.SafeVoucherUrl)
            : new PremiumPageModel(true, user.TierAt(time.GetUtcNow()), user.PremiumUntil, redeem,
                options.Value.SafeVoucherUrl);
    }
}
