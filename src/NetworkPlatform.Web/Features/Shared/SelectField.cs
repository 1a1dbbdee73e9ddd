using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace NetworkPlatform.Web.Features.Shared;

/// <summary>A select field drawn the way form-field draws inputs (label, hint, error, kept value).</summary>
public record SelectField(string Name, string Label, IReadOnlyList<SelectOption> Options, string? Selected,
    string? Hint = null, bool Required = false);

public record SelectOption(string Value, string Text);

public static class SelectOptions
{
    /// <summary>The localized industries sorted by their name in the member's language, after a "none" entry.</summary>
    public static List<SelectOption> Industries(IStringLocalizer l, string noneKey)
    {
        var comparer = StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, ignoreCase: true);
        var options = new List<SelectOption> { new("", l[noneKey]) };
        options.AddRange(NetworkPlatform.Domain.Profiles.Industries.All
            .Select(code => new SelectOption(code, l[TextKeys.Industry(code)])).OrderBy(o => o.Text, comparer));
        return options;
    }
}
