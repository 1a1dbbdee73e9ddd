using System.Xml.Linq;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Architecture;

/// <summary>Every pinned package is one that a project uses, so the pins say what the product depends on.</summary>
public class PackageTests
{
    private static readonly string Root = TestEnvironment.RepositoryRoot;

    private static IEnumerable<string> Includes(string file, string element) =>
        XDocument.Load(file).Descendants(element).Select(e => e.Attribute("Include")!.Value);

    [Fact]
    public void Every_pinned_package_is_referenced_by_a_project()
    {
        var pinned = Includes(Path.Combine(Root, "Directory.Packages.props"), "PackageVersion").ToList();
        var projects = new[] { "src", "tests", "bench" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.csproj", SearchOption.AllDirectories))
            .ToList();
        Assert.True(projects.Count >= 4, $"found only {projects.Count} projects: is the scan broken?");
        var referenced = projects.SelectMany(p => Includes(p, "PackageReference")).ToHashSet();

        Assert.True(pinned.Count > 10, $"found only {pinned.Count} pins: is the scan broken?");
        var unused = pinned.Except(referenced).ToList();
        var unpinned = referenced.Except(pinned).ToList();
        Assert.True(unused.Count == 0, "pinned but used by no project: " + string.Join(", ", unused));
        Assert.True(unpinned.Count == 0, "referenced without a pin: " + string.Join(", ", unpinned));
    }
}
