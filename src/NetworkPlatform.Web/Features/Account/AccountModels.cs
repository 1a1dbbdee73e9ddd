using NetworkPlatform.Web.Features.Shared;
using System.ComponentModel.DataAnnotations;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Web.Features.Account;

public class RegisterModel : NewPasswordModel
{
    [Display(Name = "Field.FirstName")]
    [Required(ErrorMessage = "Validation.FirstNameRequired")]
    [StringLength(AppUser.NameMaxLength, ErrorMessage = "Validation.TooLong")]
    [SingleLine(ErrorMessage = "Validation.ControlCharacters")]
    public string? FirstName { get; set; }

    [Display(Name = "Field.LastName")]
    [Required(ErrorMessage = "Validation.LastNameRequired")]
    [StringLength(AppUser.NameMaxLength, ErrorMessage = "Validation.TooLong")]
    [SingleLine(ErrorMessage = "Validation.ControlCharacters")]
    public string? LastName { get; set; }

    [Display(Name = "Field.Email")]
    [Required(ErrorMessage = "Validation.EmailRequired")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [SingleLine(ErrorMessage = "Validation.ControlCharacters")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    public string? Email { get; set; }

    /// <summary>The terms of use, accepted with a checkbox below the password fields (hence the order).</summary>
    [Display(Name = "Field.AcceptTerms", Order = 10001)]
    [Range(typeof(bool), "true", "true", ErrorMessage = "Validation.AcceptTerms")]
    public bool AcceptTerms { get; set; }
}

public class LoginModel
{
    [Display(Name = "Field.Email")]
    [Required(ErrorMessage = "Validation.EmailRequired")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    public string? Email { get; set; }

    [Display(Name = "Field.Password")]
    [Required(ErrorMessage = "Validation.PasswordRequired")]
    [StringLength(1024, ErrorMessage = "Validation.TooLong")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "Field.RememberMe")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }

    /// <summary>Set when the login was refused because the address is not confirmed yet.</summary>
    public bool ShowResendLink { get; set; }
}

public class TwoFactorLoginModel
{
    [Display(Name = "Field.AuthenticatorCode")]
    [Required(ErrorMessage = "Validation.CodeRequired")]
    [StringLength(12, ErrorMessage = "Validation.CodeFormat")]
    public string? Code { get; set; }

    [Display(Name = "Field.RememberDevice")]
    public bool RememberDevice { get; set; }

    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
}

public class RecoveryCodeLoginModel
{
    [Display(Name = "Field.RecoveryCode")]
    [Required(ErrorMessage = "Validation.CodeRequired")]
    [StringLength(32, ErrorMessage = "Validation.CodeFormat")]
    public string? RecoveryCode { get; set; }

    public string? ReturnUrl { get; set; }
}

public class EmailOnlyModel
{
    [Display(Name = "Field.Email")]
    [Required(ErrorMessage = "Validation.EmailRequired")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [SingleLine(ErrorMessage = "Validation.ControlCharacters")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    public string? Email { get; set; }
}

public class ResetPasswordModel : NewPasswordModel
{
    public string? UserId { get; set; }
    public string? Code { get; set; }
}

/// <summary>A new password typed twice, with the length rule; the common-password rule is Identity's validator.</summary>
public abstract class NewPasswordModel
{
    [Display(Name = "Field.Password")]
    [Required(ErrorMessage = "Validation.PasswordRequired")]
    [StringLength(CommonPasswordValidator.MaxLength, MinimumLength = 12, ErrorMessage = "Validation.PasswordLength")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "Field.ConfirmPassword")]
    [Required(ErrorMessage = "Validation.ConfirmPasswordRequired")]
    [Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }
}

/// <summary>"Check your e-mail", with the way to ask for the same mail again (<paramref name="AgainUrl"/>).</summary>
public record CheckEmailModel(string TitleKey, string TextKey, string AgainUrl, string AgainKey);
