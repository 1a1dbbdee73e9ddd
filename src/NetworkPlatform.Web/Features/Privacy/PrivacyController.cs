using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Privacy;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Privacy;

/// <summary>Settings → "Your data" (the personal data export) and "Delete account".</summary>
[Authorize]
[Route("settings")]
public class PrivacyController(
    PersonalDataExportService exports,
    AccountDeletionService deletions,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("data")]
    public async Task<IActionResult> Data(CancellationToken ct) =>
        View(await exports.OverviewAsync(User.IdOf(), ct));

    [HttpPost("data/export")]
    public async Task<IActionResult> RequestExport(CancellationToken ct)
    {
        try
        {
            await exports.RequestAsync(User.IdOf(), ct);
            this.Success(l["Privacy.Export.Requested"]);
        }
        catch (ExportTooSoonException e)
        {
            this.Error(l["Privacy.Export.TooSoon", e.NextPossibleAt.ToLocalDateTime()]);
        }
        return RedirectToAction(nameof(Data));
    }

    /// <summary>Only the owner gets the file; any other id (someone else's, made up) is "not found".</summary>
    [HttpGet("data/exports/{id:guid}")]
    public async Task<IActionResult> Download(Guid id, CancellationToken ct)
    {
        var me = User.IdOf();
        if (await exports.DownloadAsync(me, id, ct) is { } file)
        {
            Response.Headers.CacheControl = "no-store";
            return File(file.Content, "application/zip", file.FileName);
        }
        if (await exports.IsExpiredAsync(me, id, ct))
        {
            this.Error(l["Privacy.Export.ExpiredMessage"]);
            return RedirectToAction(nameof(Data));
        }
        return NotFound();
    }

    [HttpGet("delete-account")]
    public async Task<IActionResult> Delete() => View(await DeleteModelAsync(new DeleteAccountModel()));

    [HttpPost("delete-account")]
    public async Task<IActionResult> Delete(DeleteAccountModel model, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("No user.");
        model = await DeleteModelAsync(model, user);
        if (model.IsAdmin)
            return View(model);
        if (model.TwoFactorEnabled && string.IsNullOrWhiteSpace(model.Code))
            ModelState.AddModelError(nameof(model.Code), l["Validation.CodeRequired"]);
        if (!ModelState.IsValid)
            return View(model);

        if (!(await users.CheckCurrentPasswordAsync(user, model.Password!))
                .IsRight(ModelState, nameof(model.Password), l, "Privacy.Delete.WrongPassword"))
            return View(model);
        if (model.TwoFactorEnabled)
        {
            // The authenticator's code, or (phone lost) one of the recovery codes, which is used up.
            var code = new string(model.Code!.Where(char.IsDigit).ToArray());
            var recovery = model.Code!.Trim().Replace(" ", "", StringComparison.Ordinal);
            var valid = code.Length == 6 && recovery.All(c => char.IsDigit(c) || c == '-')
                ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
                : (await users.RedeemTwoFactorRecoveryCodeAsync(user, recovery)).Succeeded;
            if (!valid)
            {
                ModelState.AddModelError(nameof(model.Code), l["Login.WrongCode"]);
                return View(model);
            }
        }

        var deleteAt = await deletions.RequestAsync(user, ct);
        // A new stamp ends the sessions on every device; logging in again is how the member changes their mind.
        await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        this.Success(l["Privacy.Delete.Requested", deleteAt.ToLocalDate()]);
        return Redirect("/");
    }

    private async Task<DeleteAccountModel> DeleteModelAsync(DeleteAccountModel model, AppUser? user = null)
    {
        user ??= await users.GetUserAsync(User) ?? throw new InvalidOperationException("No user.");
        model.TwoFactorEnabled = user.TwoFactorEnabled;
        model.IsAdmin = await users.IsInRoleAsync(user, Roles.Admin);
        model.Email = user.Email;
        return model;
    }
}

public class DeleteAccountModel
{
    [Display(Name = "Field.CurrentPassword")]
    [Required(ErrorMessage = "Validation.CurrentPasswordRequired")]
    [StringLength(1024, ErrorMessage = "Validation.TooLong")]
    public string? Password { get; set; }

    [Display(Name = "Field.AuthenticatorCode")]
    [StringLength(12, ErrorMessage = "Validation.CodeFormat")]
    public string? Code { get; set; }

    [BindNever]
    public bool TwoFactorEnabled { get; set; }

    [BindNever]
    public bool IsAdmin { get; set; }

    [BindNever]
    public string? Email { get; set; }
}
