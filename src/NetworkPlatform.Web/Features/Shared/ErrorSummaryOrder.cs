using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace NetworkPlatform.Web.Features.Shared;

/// <summary>
/// The errors of a form in the order its fields are declared on the view model, which is the order the form shows
/// them (keep the two the same). ModelState itself is in insertion order: binding adds every field, and a service's
/// problems or Identity's password rules come after, so a summary read from it lists the fields out of order.
/// Errors without a field (the form as a whole) come first; keys the model does not declare keep their place last.
/// </summary>
public static class ErrorSummaryOrder
{
    public static IReadOnlyList<(string Key, string Message)> Of(ViewDataDictionary viewData)
    {
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (viewData.ModelMetadata is { } metadata)
            Collect(metadata, "", positions, depth: 0);
        var prefix = viewData.TemplateInfo.HtmlFieldPrefix;
        return viewData.ModelState
            .SelectMany((entry, index) => entry.Value!.Errors.Select(e => (entry.Key, e.ErrorMessage, index)))
            .OrderBy(e => e.Key.Length == 0 ? -1 : Position(e.Key, prefix, positions))
            .ThenBy(e => e.index)
            .Select(e => (e.Key, e.ErrorMessage))
            .ToList();
    }

    private static int Position(string key, string prefix, Dictionary<string, int> positions)
    {
        if (prefix.Length > 0 && key.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase))
            key = key[(prefix.Length + 1)..];
        return positions.TryGetValue(key, out var position) ? position : int.MaxValue;
    }

    // Nested view models (the premium page's Redeem.Code) are walked two levels deep; collections are not.
    private static void Collect(ModelMetadata metadata, string prefix, Dictionary<string, int> positions, int depth)
    {
        foreach (var property in metadata.Properties)
        {
            var key = prefix + property.PropertyName;
            positions.TryAdd(key, positions.Count);
            if (depth < 2 && property.IsComplexType && !property.IsEnumerableType)
                Collect(property, key + ".", positions, depth + 1);
        }
    }
}
