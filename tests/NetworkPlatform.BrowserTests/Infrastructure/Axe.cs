using System.Text.Json;
using Microsoft.Playwright;

namespace NetworkPlatform.BrowserTests.Infrastructure;

/// <summary>Runs axe-core (vendored in Assets/) on the page as it is now.</summary>
public static class Axe
{
    private static readonly string ScriptPath = Path.Combine(AppContext.BaseDirectory, "Assets", "axe.min.js");
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(ScriptPath));

    // Violations, and what axe could not decide on its own ("incomplete", e.g. text on a gradient): a person
    // should look at those in the report.
    private const string Run =
        """
        async () => {
          const r = await axe.run();
          const brief = v => ({ id: v.id, impact: v.impact ?? '', nodes: v.nodes.length, help: v.help,
                                targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) });
          return { violations: r.violations.map(brief), incomplete: r.incomplete.map(brief) };
        }
        """;

    /// <summary>
    /// Fails on any violation of impact serious or critical, listing all violations found. Everything axe reported
    /// is also written next to the screenshot as <paramref name="reportName"/>.axe.txt.
    /// </summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string reportName)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
            await page.EvaluateAsync(Script.Value);
        var result = await page.EvaluateAsync<JsonElement>(Run);
        var violations = Read(result.GetProperty("violations"));
        var incomplete = Read(result.GetProperty("incomplete"));

        await File.WriteAllTextAsync(Path.Combine(Screenshots.Directory, reportName + ".axe.txt"),
            $"axe-core on {page.Url}\n\nViolations ({violations.Count}):\n" + Lines(violations) +
            $"\nNeeds review ({incomplete.Count}):\n" + Lines(incomplete));

        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0,
            $"axe found {serious.Count} serious or critical violation(s) on {page.Url}:\n" + Lines(violations));
    }

    private static List<Finding> Read(JsonElement list) => list.EnumerateArray()
        .Select(v => new Finding(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").GetString()!,
            v.GetProperty("nodes").GetInt32(),
            v.GetProperty("help").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList()))
        .ToList();

    private static string Lines(List<Finding> findings) => string.Concat(findings.Select(f => $"  {f}\n"));

    private sealed record Finding(string Id, string Impact, int Nodes, string Help, IReadOnlyList<string> Targets)
    {
        public override string ToString() =>
            $"[{Impact}] {Id}: {Help} ({Nodes} node(s): {string.Join(" | ", Targets)})";
    }
}
