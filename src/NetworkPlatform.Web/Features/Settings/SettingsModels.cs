using NetworkPlatform.Web.Features.Shared;
using System.ComponentModel.DataAnnotations;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Web.Features.Settings;

public record SettingsOverview(string Email, string? Culture, bool TwoFactorEnabled, string? PendingEmail);

public class ChangePasswordModel
{
    [Display(Name = "Field.CurrentPassword")]
    [Required(ErrorMessage = "Validation.CurrentPasswordRequired")]
    [StringLength(1024, ErrorMessage = "Validation.TooLong")]
    public string? CurrentPassword { get; set; }

    [Display(Name = "Field.NewPassword")]
    [Required(ErrorMessage = "Validation.PasswordRequired")]
    [StringLength(CommonPasswordValidator.MaxLength, MinimumLength = 12, ErrorMessage = "Validation.PasswordLength")]
    public string? NewPassword { get; set; }

    [Display(Name = "Field.ConfirmPassword")]
    [Required(ErrorMessage = "Validation.ConfirmPasswordRequired")]
    [Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer")]
    public string? ConfirmPassword { get; set; }
}

public class ChangeEmailModel
{
    public string? CurrentEmail { get; set; }

    [Display(Name = "Field.NewEmail")]
    [Required(ErrorMessage = "Validation.EmailRequired")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [SingleLine(ErrorMessage = "Validation.ControlCharacters")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    public string? NewEmail { get; set; }

    [Display(Name = "Field.CurrentPassword")]
    [Required(ErrorMessage = "Validation.CurrentPasswordRequired")]
    [StringLength(1024, ErrorMessage = "Validation.TooLong")]
    public string? CurrentPassword { get; set; }
}

public class TwoFactorModel
{
    public bool Enabled { get; set; }
    public bool Required { get; set; }
    public bool IsAdmin { get; set; }
    public int RecoveryCodesLeft { get; set; }
    public string? SharedKey { get; set; }
    public string? QrCodeDataUri { get; set; }

    [Display(Name = "Field.AuthenticatorCode")]
    [Required(ErrorMessage = "Validation.CodeRequired")]
    [StringLength(12, ErrorMessage = "Validation.CodeFormat")]
    public string? Code { get; set; }
}

public record RecoveryCodesModel(IReadOnlyList<string> Codes);
