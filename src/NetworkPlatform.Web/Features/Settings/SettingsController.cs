using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Email;
using NetworkPlatform.Web.Features.Account;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Email;
using NetworkPlatform.Web.Infrastructure.Localization;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;
using QRCoder;

namespace NetworkPlatform.Web.Features.Settings;

[Authorize]
[Route("settings")]
public class SettingsController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AppDbContext db,
    MailOutbox outbox,
    IOptions<AppOptions> app,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var user = await CurrentUserAsync();
        return View(new SettingsOverview(user.Email!, user.Culture, user.TwoFactorEnabled, null));
    }

    /// <summary>The language switch in the header (for everyone) and on the settings page.</summary>
    [AllowAnonymous]
    [HttpPost("/language")]
    public async Task<IActionResult> Language(string? culture, string? returnUrl)
    {
        if (!SupportedCultures.IsSupported(culture))
            culture = SupportedCultures.Default;
        Response.Cookies.Append(LanguageCookie.Name,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
            });
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            user.Culture = culture;
            await users.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
            var ci = new CultureInfo(culture!);
            this.Success(l.WithCulture(ci, "Settings.LanguageSaved"));
        }
        return LocalRedirect(ReturnUrls.Safe(Url, returnUrl));
    }

    // ---------- Password ----------

    [HttpGet("password")]
    public IActionResult Password() => View(new ChangePasswordModel());

    [HttpPost("password")]
    public async Task<IActionResult> Password(ChangePasswordModel model, CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return View(model);
        var user = await CurrentUserAsync();
        // Checked (and counted) first; ChangePasswordAsync checks it once more, which costs a hash on a rare form.
        if (!(await users.CheckCurrentPasswordAsync(user, model.CurrentPassword!))
                .IsRight(ModelState, nameof(model.CurrentPassword), l))
            return View(model);
        var result = await users.ChangePasswordAsync(user, model.CurrentPassword!, model.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                var field = e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? nameof(model.CurrentPassword)
                    : nameof(model.NewPassword);
                var message = e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? l["Settings.Password.WrongCurrent"]
                    : l[TextKeys.IdentityError(e.Code)];
                ModelState.AddModelError(field, message);
            }
            return View(model);
        }
        // ChangePasswordAsync gave the account a new security stamp: every other session ends. This one goes on.
        outbox.Add(MailKind.PasswordChanged, user, new Dictionary<string, string>
        {
            ["ResetLink"] = outbox.Link("/account/forgot-password"),
        });
        await db.SaveChangesAsync(ct);
        await signIn.RefreshSignInAsync(user);
        this.Success(l["Settings.Password.Changed"]);
        return RedirectToAction(nameof(Index));
    }

    // ---------- E-mail address ----------

    [HttpGet("email")]
    public async Task<IActionResult> Email() =>
        View(new ChangeEmailModel { CurrentEmail = (await CurrentUserAsync()).Email });

    [HttpPost("email")]
    public async Task<IActionResult> Email(ChangeEmailModel model, CancellationToken ct)
    {
        var user = await CurrentUserAsync();
        model.CurrentEmail = user.Email;
        if (!ModelState.IsValid)
            return View(model);
        var newEmail = model.NewEmail!.Trim();
        if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(model.NewEmail), l["Settings.Email.Same"]);
            return View(model);
        }
        if (!(await users.CheckCurrentPasswordAsync(user, model.CurrentPassword!))
                .IsRight(ModelState, nameof(model.CurrentPassword), l))
            return View(model);
        // An address that belongs to someone else gets no mail and the same answer: this form must not tell
        // members which addresses are registered. Confirming would fail anyway.
        if (await users.FindByEmailAsync(newEmail) is null)
        {
            var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
            outbox.Add(MailKind.ChangeEmail, user, new Dictionary<string, string>
            {
                ["NewEmail"] = newEmail,
                ["Link"] = outbox.Link(
                    $"/settings/email/confirm?userId={user.Id}&email={Uri.EscapeDataString(newEmail)}&code={AccountController.Encode(token)}"),
            }, toAddress: newEmail);
            await db.SaveChangesAsync(ct);
        }
        this.Success(l["Settings.Email.CheckInbox", newEmail]);
        return RedirectToAction(nameof(Index));
    }

    [AllowAnonymous]
    [HttpGet("email/confirm")]
    public async Task<IActionResult> ConfirmEmailChange(string? userId, string? email, string? code, CancellationToken ct)
    {
        var user = await users.FindByLinkIdAsync(userId);
        if (user is null || string.IsNullOrEmpty(email) || !AccountController.TryDecode(code, out var token))
            return View("ConfirmEmailChangeFailed");
        if (string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
            return View("ConfirmEmailChangeDone", email);

        var oldEmail = user.Email!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.ChangeEmailAsync(user, email, token);
        if (!result.Succeeded)
            return View("ConfirmEmailChangeFailed");
        await users.SetUserNameAsync(user, email);
        outbox.Add(MailKind.EmailChanged, user, new Dictionary<string, string>
        {
            ["NewEmail"] = email,
            ["ResetLink"] = outbox.Link("/account/forgot-password"),
        }, toAddress: oldEmail);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // The new stamp signs the member out everywhere; they log in again with the new address.
        await signIn.SignOutAsync();
        return View("ConfirmEmailChangeDone", email);
    }

    // ---------- Two-factor authentication ----------

    [HttpGet("two-factor")]
    public async Task<IActionResult> TwoFactor(bool required = false)
    {
        var user = await CurrentUserAsync();
        return View(await TwoFactorModelAsync(user, required));
    }

    [HttpPost("two-factor/enable")]
    public async Task<IActionResult> EnableTwoFactor(TwoFactorModel model)
    {
        var user = await CurrentUserAsync();
        if (user.TwoFactorEnabled)
            return RedirectToAction(nameof(TwoFactor));
        if (ModelState.IsValid)
        {
            var code = new string(model.Code!.Where(char.IsDigit).ToArray());
            var valid = await users.VerifyTwoFactorTokenAsync(user,
                users.Options.Tokens.AuthenticatorTokenProvider, code);
            if (valid)
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
                await signIn.RefreshSignInAsync(user);
                return View("RecoveryCodes", new RecoveryCodesModel(codes));
            }
            ModelState.AddModelError(nameof(model.Code), l["Settings.TwoFactor.WrongCode"]);
        }
        var again = await TwoFactorModelAsync(user, model.Required);
        again.Code = model.Code;
        return View(nameof(TwoFactor), again);
    }

    [HttpPost("two-factor/recovery-codes")]
    public async Task<IActionResult> NewRecoveryCodes()
    {
        var user = await CurrentUserAsync();
        if (!user.TwoFactorEnabled)
            return RedirectToAction(nameof(TwoFactor));
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        return View("RecoveryCodes", new RecoveryCodesModel(codes));
    }

    [HttpPost("two-factor/disable")]
    public async Task<IActionResult> DisableTwoFactor()
    {
        var user = await CurrentUserAsync();
        if (await users.IsInRoleAsync(user, Roles.Admin))
        {
            this.Error(l["Settings.TwoFactor.AdminMustKeep"]);
            return RedirectToAction(nameof(TwoFactor));
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        this.Success(l["Settings.TwoFactor.Disabled"]);
        return RedirectToAction(nameof(TwoFactor));
    }

    private async Task<TwoFactorModel> TwoFactorModelAsync(AppUser user, bool required)
    {
        var model = new TwoFactorModel
        {
            Enabled = user.TwoFactorEnabled,
            Required = required,
            IsAdmin = await users.IsInRoleAsync(user, Roles.Admin),
        };
        if (user.TwoFactorEnabled)
        {
            model.RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return model;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp; keep this session.
            await signIn.RefreshSignInAsync(user);
        }
        model.SharedKey = FormatKey(key!);
        var issuer = Uri.EscapeDataString(app.Value.Name);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={issuer}&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(qr).GetGraphic(6);
        model.QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png);
        return model;
    }

    private static string FormatKey(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return sb.ToString().TrimEnd().ToLowerInvariant();
    }

    private async Task<AppUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in member not found.");
}

internal static class LocalizerExtensions
{
    /// <summary>A text in a given language (the switch answers in the language just chosen).</summary>
    public static string WithCulture(this IStringLocalizer l, CultureInfo culture, string key)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            return l[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
