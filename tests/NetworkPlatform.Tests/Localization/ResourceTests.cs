using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NetworkPlatform.Tests.Localization;

/// <summary>Every text a person sees exists in German and English, and every key the code uses exists.</summary>
public partial class ResourceTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Web = Path.Combine(Root, "src", "NetworkPlatform.Web");

    private static Dictionary<string, string> Load(string lang) =>
        XDocument.Load(Path.Combine(Web, "Resources", $"SharedResource.{lang}.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void German_and_English_have_the_same_keys_and_no_empty_text()
    {
        var en = Load("en");
        var de = Load("de");
        NoneOf("only in English", en.Keys.Except(de.Keys));
        NoneOf("only in German", de.Keys.Except(en.Keys));
        NoneOf("empty English texts", en.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
        NoneOf("empty German texts", de.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
    }

    [Fact]
    public void Every_key_used_in_code_and_views_exists_in_the_resources()
    {
        var en = Load("en");
        var used = new SortedSet<string>();
        var sources = Directory.EnumerateFiles(Web, "*.cs*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "src", "NetworkPlatform.Domain"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LocalizerKey().Matches(text)) used.Add(m.Groups[1].Value);
            foreach (Match m in MessageKey().Matches(text)) used.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
        }
        Assert.True(used.Count > 100, $"found only {used.Count} keys: is the scan broken?");
        // A key ending in "." is the prefix of a computed key ("Identity." + code); the prefix itself is no text.
        NoneOf("keys used but missing from the resources", used.Where(k => !k.EndsWith('.') && !en.ContainsKey(k)));
    }

    [Fact]
    public void Every_mail_template_exists_as_html_and_text_in_both_languages()
    {
        var dir = Path.Combine(Web, "Infrastructure", "Email", "Templates");
        var kinds = Directory.EnumerateFiles(dir).Select(Path.GetFileName)
            .Select(f => f!.Split('.')[0]).Where(k => k != "_Layout").Distinct().ToList();
        Assert.NotEmpty(kinds);
        foreach (var kind in kinds)
            foreach (var file in new[] { "de.txt", "en.txt", "de.html", "en.html" })
                Assert.True(File.Exists(Path.Combine(dir, $"{kind}.{file}")), $"{kind}.{file} is missing");
    }

    private static void NoneOf(string what, IEnumerable<string> keys)
    {
        var list = keys.ToList();
        Assert.True(list.Count == 0, $"{what}: {string.Join(", ", list)}");
    }

    // L["Key"], l["Key"], l["Key", args] and the ErrorMessage/Name/DomainException keys ("Validation.X").
    [GeneratedRegex(@"\b[Ll]\[""([A-Za-z0-9_.]+)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"(?:ErrorMessage|Name) = ""([A-Z][A-Za-z0-9]*\.[A-Za-z0-9_.]+)""|DomainException\(""([A-Za-z0-9_.]+)""\)")]
    private static partial Regex MessageKey();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetworkPlatform.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found");
    }
}
