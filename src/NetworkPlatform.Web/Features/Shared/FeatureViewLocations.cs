using Microsoft.AspNetCore.Mvc.Razor;

namespace NetworkPlatform.Web.Features.Shared;

/// <summary>
/// Views live beside their controller: a controller in namespace <c>...Features.Profiles</c> named
/// <c>ProfileEditController</c> finds its views in <c>Features/Profiles/ProfileEdit/</c>, then <c>Features/Profiles/</c>
/// (partials the area shares), then <c>Features/{Controller}/</c> for one-controller features, then Shared.
/// </summary>
public class FeatureViewLocations : IViewLocationExpander
{
    private const string FeatureKey = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        var ns = (context.ActionContext.ActionDescriptor as Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor)
            ?.ControllerTypeInfo.Namespace ?? "";
        var marker = ".Features.";
        var at = ns.IndexOf(marker, StringComparison.Ordinal);
        context.Values[FeatureKey] = at < 0 ? null : ns[(at + marker.Length)..].Split('.')[0];
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue(FeatureKey, out var feature) && !string.IsNullOrEmpty(feature))
        {
            yield return $"/Features/{feature}/{{1}}/{{0}}{RazorViewEngine.ViewExtension}";
            yield return $"/Features/{feature}/{{0}}{RazorViewEngine.ViewExtension}";
        }
        foreach (var location in viewLocations)
            yield return location;
    }
}
