using NetworkPlatform.Domain;

namespace NetworkPlatform.Tests.Architecture;

public class BoundaryTests
{
    /// <summary>
    /// The domain project needs the ASP.NET shared framework only for Identity's password hashing; this keeps MVC,
    /// Razor and HTTP out of it, as the project layout promises.
    /// </summary>
    [Fact]
    public void The_domain_layer_does_not_reference_MVC_or_the_web_project()
    {
        var references = typeof(AppDbContext).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("Microsoft.EntityFrameworkCore", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore.Razor", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal));
        Assert.DoesNotContain("NetworkPlatform.Web", references);
    }
}
