using System.Text.RegularExpressions;

namespace NetworkPlatform.Tests.Architecture;

/// <summary>Rules every view keeps because of the Content-Security-Policy (no inline styles or scripts run).</summary>
public partial class ViewRulesTests
{
    [Fact]
    public void No_view_uses_an_inline_style_or_an_inline_script()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetworkPlatform.sln")))
            dir = dir.Parent;
        Assert.NotNull(dir);
        var views = Directory.GetFiles(Path.Combine(dir!.FullName, "src", "NetworkPlatform.Web"), "*.cshtml",
            SearchOption.AllDirectories);
        Assert.NotEmpty(views);
        var offending = views
            .SelectMany(v => File.ReadLines(v).Select((line, i) => (v, line, i)))
            .Where(x => InlineStyle().IsMatch(x.line) || InlineScript().IsMatch(x.line) || EventHandler().IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.v)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offending.Count == 0, "The CSP blocks these:\n" + string.Join("\n", offending));
    }

    [GeneratedRegex(@"\sstyle\s*=\s*""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    // A JSON-LD data block is never executed, so the CSP does not apply to it.
    [GeneratedRegex(@"<script(?![^>]*\b(src=|type=""application/ld\+json""))[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son(click|load|change|submit|input)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
