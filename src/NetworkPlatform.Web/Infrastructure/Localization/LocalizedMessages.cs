using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Infrastructure.Localization;

/// <summary>Identity's errors, in the member's language. Only the codes our forms can meet get their own text.</summary>
public class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    /// <summary>Every code that has its own text: the ones below, and our password validator's.</summary>
    public static readonly IReadOnlyList<string> Codes =
    [
        nameof(PasswordTooShort), nameof(PasswordMismatch), nameof(InvalidToken), nameof(InvalidEmail),
        nameof(DuplicateEmail), nameof(DefaultError), nameof(RecoveryCodeRedemptionFailed),
        CommonPasswordValidator.TooLong, CommonPasswordValidator.TooCommon,
    ];

    private IdentityError Error(string code) => new() { Code = code, Description = l[TextKeys.IdentityError(code)] };

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort));
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken));
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail));
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail));
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateEmail));
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidEmail));
    public override IdentityError DefaultError() => Error(nameof(DefaultError));
    public override IdentityError ConcurrencyFailure() => Error(nameof(DefaultError));
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed));
}

/// <summary>Model binding's own messages ("The value 'x' is not valid"), localized.</summary>
public class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var p = options.ModelBindingMessageProvider;
        p.SetValueMustNotBeNullAccessor(_ => l["Validation.Required"]);
        p.SetMissingBindRequiredValueAccessor(_ => l["Validation.Required"]);
        p.SetMissingKeyOrValueAccessor(() => l["Validation.Required"]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Required"]);
        p.SetAttemptedValueIsInvalidAccessor((_, _) => l["Validation.Invalid"]);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => l["Validation.Invalid"]);
        p.SetUnknownValueIsInvalidAccessor(_ => l["Validation.Invalid"]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.Invalid"]);
        p.SetValueIsInvalidAccessor(_ => l["Validation.Invalid"]);
        p.SetValueMustBeANumberAccessor(_ => l["Validation.Number"]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.Number"]);
    }
}
