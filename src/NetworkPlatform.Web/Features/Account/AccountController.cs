using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.ContactImports;
using NetworkPlatform.Domain.Email;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Email;
using NetworkPlatform.Web.Infrastructure.Localization;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Account;

[Route("account")]
[AllowAnonymous]
public class AccountController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AppDbContext db,
    MailOutbox outbox,
    ProfileService profiles,
    IPasswordHasher<AppUser> hasher,
    NetworkPlatform.Web.Features.Privacy.SignInEvents signInEvents,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : Controller
{
    // ---------- Register ----------

    [HttpGet("register")]
    public IActionResult Register() => User.Identity?.IsAuthenticated == true ? Redirect("/") : View(new RegisterModel());

    [HttpPost("register")]
    [EnableRateLimiting(AppSetup.AuthRateLimit)]
    public async Task<IActionResult> Register(RegisterModel model, CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return View(model);

        var email = model.Email!.Trim();
        var culture = CurrentCulture();
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Same answer as for a new address, so the form does not tell strangers who is a member; the owner
            // learns of it by mail instead. Hash anyway so the answer takes about as long.
            hasher.HashPassword(existing, model.Password!);
            outbox.Add(MailKind.AlreadyRegistered, existing, new Dictionary<string, string>
            {
                ["LoginLink"] = outbox.Link("/account/login"),
                ["ResetLink"] = outbox.Link("/account/forgot-password"),
            });
            await db.SaveChangesAsync(ct);
            return RedirectToAction(nameof(CheckEmail), new { kind = "register" });
        }

        var user = AppUser.Create(email, model.FirstName!.Trim(), model.LastName!.Trim(), culture, time.GetUtcNow());
        user.TermsAcceptedAt = user.CreatedAt;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, model.Password!);
        if (!result.Succeeded)
        {
            AddIdentityErrors(result, nameof(RegisterModel.Password));
            return View(model);
        }
        await users.AddToRoleAsync(user, Roles.Member);
        await profiles.AddForNewMemberAsync(user, ct);
        await AddConfirmationMailAsync(user);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RedirectToAction(nameof(CheckEmail), new { kind = "register" });
    }

    [HttpGet("check-email")]
    public IActionResult CheckEmail(string? kind) => View(kind switch
    {
        "reset" => new CheckEmailModel("CheckEmail.Reset.Title", "CheckEmail.Reset.Text", "/account/forgot-password",
            "CheckEmail.ResetAgain"),
        "resend" => new CheckEmailModel("CheckEmail.Resend.Title", "CheckEmail.Resend.Text", "/account/resend-confirmation",
            "CheckEmail.SendAgain"),
        _ => new CheckEmailModel("CheckEmail.Register.Title", "CheckEmail.Register.Text", "/account/resend-confirmation",
            "CheckEmail.SendAgain"),
    });

    [HttpGet("confirm")]
    public async Task<IActionResult> ConfirmEmail(string? userId, string? code,
        [FromServices] InvitationService invitations)
    {
        var user = await users.FindByLinkIdAsync(userId);
        if (user is null || !TryDecode(code, out var token))
            return View("ConfirmEmailFailed");
        if (user.EmailConfirmed)
            return View("ConfirmEmailDone");
        var result = await users.ConfirmEmailAsync(user, token);
        if (result.Succeeded)
            // Invited from a contact import: the inviters' contact requests are waiting.
            await invitations.RedeemAsync(user);
        return View(result.Succeeded ? "ConfirmEmailDone" : "ConfirmEmailFailed");
    }

    [HttpGet("resend-confirmation")]
    public IActionResult ResendConfirmation(string? email) => View(new EmailOnlyModel { Email = email });

    [HttpPost("resend-confirmation")]
    [EnableRateLimiting(AppSetup.AuthRateLimit)]
    public async Task<IActionResult> ResendConfirmation(EmailOnlyModel model, CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return View(model);
        var user = await users.FindByEmailAsync(model.Email!.Trim());
        if (user is { EmailConfirmed: false })
        {
            await AddConfirmationMailAsync(user);
            await db.SaveChangesAsync(ct);
        }
        return RedirectToAction(nameof(CheckEmail), new { kind = "resend" });
    }

    // ---------- Log in / out ----------

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) =>
        User.Identity?.IsAuthenticated == true
            ? LocalRedirect(ReturnUrls.Safe(Url, returnUrl))
            : View(new LoginModel { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [EnableRateLimiting(AppSetup.AuthRateLimit)]
    public async Task<IActionResult> Login(LoginModel model)
    {
        if (!ModelState.IsValid)
            return View(model);

        var user = await users.FindByEmailAsync(model.Email!.Trim());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            // Identity answers these without checking a password: spend the same work, so that the time it takes
            // does not tell an unknown or locked account from a wrong password. A locked account does not tell
            // whether the password is right either (not even whether it still needs confirming), or guessing
            // would go on through the lock-out.
            DummyPassword.Verify(hasher, model.Password!);
            ModelState.AddModelError("", l["Login.Failed"]);
            return View(model);
        }
        if (!user.EmailConfirmed)
        {
            // Only someone who knows the password learns that the address still needs confirming.
            if (await users.CheckPasswordAsync(user, model.Password!))
            {
                model.ShowResendLink = true;
                ModelState.AddModelError("", l["Login.NotConfirmed"]);
            }
            else
            {
                await users.AccessFailedAsync(user);
                ModelState.AddModelError("", l["Login.Failed"]);
            }
            return View(model);
        }

        var result = await signIn.PasswordSignInAsync(user, model.Password!, model.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await RememberCultureAsync(user);
            await signInEvents.SignedInAsync(this, user, NetworkPlatform.Domain.Privacy.LoginHistoryService.Password);
            return LocalRedirect(ReturnUrls.Safe(Url, model.ReturnUrl));
        }
        if (result.RequiresTwoFactor)
            return RedirectToAction(nameof(LoginWithTwoFactor), new { model.ReturnUrl, model.RememberMe });

        // One message for a wrong password, an unknown address and a locked account: it must not tell which.
        ModelState.AddModelError("", l["Login.Failed"]);
        return View(model);
    }

    [HttpGet("login-2fa")]
    public async Task<IActionResult> LoginWithTwoFactor(string? returnUrl, bool rememberMe)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return RedirectToAction(nameof(Login), new { returnUrl });
        return View(new TwoFactorLoginModel { ReturnUrl = returnUrl, RememberMe = rememberMe });
    }

    [HttpPost("login-2fa")]
    [EnableRateLimiting(AppSetup.AuthRateLimit)]
    public async Task<IActionResult> LoginWithTwoFactor(TwoFactorLoginModel model)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return RedirectToAction(nameof(Login), new { model.ReturnUrl });
        if (!ModelState.IsValid)
            return View(model);

        var code = new string(model.Code!.Where(char.IsDigit).ToArray());
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, model.RememberMe, model.RememberDevice);
        if (result.Succeeded)
        {
            await RememberCultureAsync(user);
            await signInEvents.SignedInAsync(this, user, NetworkPlatform.Domain.Privacy.LoginHistoryService.TwoFactor);
            return LocalRedirect(ReturnUrls.Safe(Url, model.ReturnUrl));
        }
        ModelState.AddModelError(nameof(model.Code), result.IsLockedOut ? l["Login.Failed"] : l["Login.WrongCode"]);
        return View(model);
    }

    [HttpGet("login-recovery")]
    public async Task<IActionResult> LoginWithRecoveryCode(string? returnUrl)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return RedirectToAction(nameof(Login), new { returnUrl });
        return View(new RecoveryCodeLoginModel { ReturnUrl = returnUrl });
    }

    [HttpPost("login-recovery")]
    [EnableRateLimiting(AppSetup.AuthRateLimit)]
    public async Task<IActionResult> LoginWithRecoveryCode(RecoveryCodeLoginModel model)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return RedirectToAction(nameof(Login), new { model.ReturnUrl });
        if (!ModelState.IsValid)
            return View(model);

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(model.RecoveryCode!.Replace(" ", ""));
        if (result.Succeeded)
        {
            this.Success(l["Login.RecoveryCodeUsed"]);
            await signInEvents.SignedInAsync(this, user, NetworkPlatform.Domain.Privacy.LoginHistoryService.RecoveryCode);
            return LocalRedirect(ReturnUrls.Safe(Url, model.ReturnUrl));
        }
        ModelState.AddModelError(nameof(model.RecoveryCode), l["Login.WrongRecoveryCode"]);
        return View(model);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        if (await users.GetUserAsync(User) is { } user)
            // A new stamp ends the member's sessions on every other device too.
            await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        this.Success(l["Logout.Done"]);
        return Redirect("/");
    }

    // ---------- Forgotten password ----------

    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword(string? email) => View(new EmailOnlyModel { Email = email });

    [HttpPost("forgot-password")]
    [EnableRateLimiting(AppSetup.AuthRateLimit)]
    public async Task<IActionResult> ForgotPassword(EmailOnlyModel model, CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return View(model);
        var user = await users.FindByEmailAsync(model.Email!.Trim());
        if (user is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            outbox.Add(MailKind.ResetPassword, user, new Dictionary<string, string>
            {
                ["Link"] = outbox.Link($"/account/reset-password?userId={user.Id}&code={Encode(token)}"),
            });
            await db.SaveChangesAsync(ct);
        }
        return RedirectToAction(nameof(CheckEmail), new { kind = "reset" });
    }

    [HttpGet("reset-password")]
    public IActionResult ResetPassword(string? userId, string? code) =>
        string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code)
            ? View("ResetPasswordFailed")
            : View(new ResetPasswordModel { UserId = userId, Code = code });

    [HttpPost("reset-password")]
    [EnableRateLimiting(AppSetup.AuthRateLimit)]
    public async Task<IActionResult> ResetPassword(ResetPasswordModel model)
    {
        if (!ModelState.IsValid)
            return View(model);
        var user = await users.FindByLinkIdAsync(model.UserId);
        if (user is null || !TryDecode(model.Code, out var token))
            return View("ResetPasswordFailed");

        var result = await users.ResetPasswordAsync(user, token, model.Password!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                return View("ResetPasswordFailed");
            AddIdentityErrors(result, nameof(ResetPasswordModel.Password));
            return View(model);
        }
        // Following the link proved the mailbox is theirs; a locked account is open again.
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        this.Success(l["ResetPassword.Done"]);
        return RedirectToAction(nameof(Login));
    }

    // ---------- helpers ----------

    private async Task AddConfirmationMailAsync(AppUser user)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        outbox.Add(MailKind.ConfirmEmail, user, new Dictionary<string, string>
        {
            ["Link"] = outbox.Link($"/account/confirm?userId={user.Id}&code={Encode(token)}"),
        });
    }

    /// <summary>The language picked before logging in becomes the member's setting if they have none yet.</summary>
    /// <remarks>
    /// No RefreshSignInAsync here: during the login request the member is not signed in yet (the cookie is only on
    /// its way out), so Identity refuses it and logs an error. The claims, language included, are rebuilt from the
    /// database when the next request validates the security stamp.
    /// </remarks>
    private async Task RememberCultureAsync(AppUser user)
    {
        if (user.Culture is not null)
            return;
        user.Culture = CurrentCulture();
        await users.UpdateAsync(user);
    }

    private static string CurrentCulture()
    {
        var c = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return SupportedCultures.IsSupported(c) ? c : SupportedCultures.Default;
    }

    private void AddIdentityErrors(IdentityResult result, string passwordField)
    {
        foreach (var e in result.Errors)
        {
            var field = e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
                : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "Email"
                : "";
            var text = l[TextKeys.IdentityError(e.Code)];
            ModelState.AddModelError(field, text.ResourceNotFound ? e.Description : text);
        }
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static bool TryDecode(string? code, out string token)
    {
        token = "";
        if (string.IsNullOrEmpty(code))
            return false;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
