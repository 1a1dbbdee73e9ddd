using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain;

namespace NetworkPlatform.Web.Features.Shared;

/// <summary>
/// A form field that is stored as one line (a name, an address): no line breaks or other control characters
/// (<see cref="TextRules"/>), said at the field before the domain would refuse it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SingleLineAttribute : ValidationAttribute
{
    public SingleLineAttribute() => ErrorMessage = TextRules.ControlCharactersKey;

    public override bool IsValid(object? value) => value is not string text || !TextRules.HasControlCharacters(text.Trim());
}

/// <summary>
/// MVC localizes the messages of its own attributes through their adapters and shows a custom attribute's
/// <see cref="ValidationAttribute.ErrorMessage"/> as it is: this gives our attributes an adapter that localizes it.
/// </summary>
public sealed class LocalizedAttributeAdapterProvider : IValidationAttributeAdapterProvider
{
    private readonly ValidationAttributeAdapterProvider inner = new();

    public IAttributeAdapter? GetAttributeAdapter(ValidationAttribute attribute, IStringLocalizer? stringLocalizer) =>
        attribute is SingleLineAttribute singleLine
            ? new Adapter(singleLine, stringLocalizer)
            : inner.GetAttributeAdapter(attribute, stringLocalizer);

    private sealed class Adapter(SingleLineAttribute attribute, IStringLocalizer? localizer)
        : AttributeAdapterBase<SingleLineAttribute>(attribute, localizer)
    {
        public override void AddValidation(ClientModelValidationContext context) { }

        public override string GetErrorMessage(ModelValidationContextBase validationContext) =>
            GetErrorMessage(validationContext.ModelMetadata, validationContext.ModelMetadata.GetDisplayName());
    }
}
