using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace NetworkPlatform.Web.Features.Bench;

public static class BenchSetup
{
    public const string EnabledSetting = "Bench:Enabled";

    /// <summary>
    /// <c>Bench:Enabled</c> (default false): only then is <see cref="BenchController"/> an MVC controller at all, so
    /// that elsewhere /bench/... is not a route (404 like any unknown URL, not 403) and costs the router nothing.
    /// </summary>
    public static IMvcBuilder AddBenchEndpoints(this IMvcBuilder mvc, IConfiguration config)
    {
        if (!config.GetValue(EnabledSetting, false))
            mvc.ConfigureApplicationPartManager(m => m.FeatureProviders.Add(new WithoutBenchController()));
        return mvc;
    }

    private sealed class WithoutBenchController : IApplicationFeatureProvider<ControllerFeature>
    {
        public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature) =>
            feature.Controllers.Remove(typeof(BenchController).GetTypeInfo());
    }
}
