using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Web.Infrastructure.Localization;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Tests.Localization;

/// <summary>
/// The .resx files are the one source of every text: German and English have the same keys, none empty; every key the
/// code uses exists, and every key is used. The sources name a key as a literal ("Contacts.Title"); a key built from a
/// value ("Industry." + code) is built only by <see cref="TextKeys"/>, whose All lists every key it can build.
/// </summary>
public partial class ResourceTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Web = Path.Combine(Root, "src", "NetworkPlatform.Web");
    private static readonly string TextKeysFile =
        Path.Combine(Web, "Infrastructure", "Localization", "TextKeys.cs");

    private static List<(string Key, string Value)> Entries(string lang) =>
        XDocument.Load(Path.Combine(Web, "Resources", $"SharedResource.{lang}.resx"))
            .Root!.Elements("data")
            .Select(d => (d.Attribute("name")!.Value, d.Element("value")?.Value ?? ""))
            .ToList();

    private static Dictionary<string, string> Load(string lang) =>
        Entries(lang).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.First().Value);

    /// <summary>Every C# file and view of the app and the domain, without comment lines, by path.</summary>
    private static readonly Lazy<Dictionary<string, string>> Sources = new(() =>
        Directory.EnumerateFiles(Web, "*.cs*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "src", "NetworkPlatform.Domain"), "*.cs",
                SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"))
            .ToDictionary(f => Path.GetRelativePath(Root, f), f => WithoutComments(File.ReadAllText(f))));

    [Fact]
    public void German_and_English_have_the_same_keys_and_no_empty_text()
    {
        var en = Load("en");
        var de = Load("de");
        Assert.True(en.Count > 900, $"found only {en.Count} English texts: is the file read?");
        NoneOf("only in English", en.Keys.Except(de.Keys));
        NoneOf("only in German", de.Keys.Except(en.Keys));
        NoneOf("empty English texts", en.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
        NoneOf("empty German texts", de.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
    }

    /// <summary>The files are edited by hand: one entry per key, in key order, so that both read alike.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public void Each_file_has_one_entry_per_key_sorted_by_key(string lang)
    {
        var keys = Entries(lang).Select(e => e.Key).ToList();
        NoneOf($"keys given twice in the {lang} file", keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key));
        var unsorted = keys.Zip(keys.Skip(1)).Where(p => string.CompareOrdinal(p.First, p.Second) >= 0)
            .Select(p => $"{p.Second} after {p.First}");
        NoneOf($"out of order in the {lang} file (ordinal order)", unsorted);
    }

    [Fact]
    public void Every_key_used_in_code_and_views_exists_in_the_resources()
    {
        var en = Load("en");
        var prefixes = en.Keys.Select(k => k.Split('.')[0]).ToHashSet();
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in Sources.Value.Values)
        {
            foreach (Match m in LocalizerKey().Matches(text)) used.Add(m.Groups[1].Value);
            foreach (Match m in MessageKey().Matches(text))
                used.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
            // Keys handed on before they reach a localizer (tuples, view models, domain results) look the same.
            foreach (Match m in KeyShapedLiteral().Matches(text))
                if (prefixes.Contains(m.Groups[1].Value.Split('.')[0]))
                    used.Add(m.Groups[1].Value);
        }
        Assert.True(used.Count > 500, $"found only {used.Count} keys: is the scan broken?");
        NoneOf("keys used but missing from the resources", used.Where(k => !en.ContainsKey(k)));

        var built = TextKeys.All.ToList();
        Assert.True(built.Count > 100, $"TextKeys.All lists only {built.Count} keys");
        NoneOf("keys TextKeys builds but missing from the resources", built.Where(k => !en.ContainsKey(k)));
    }

    [Fact]
    public void No_key_is_unused()
    {
        var sources = string.Join('\n', Sources.Value.Values);
        var built = TextKeys.All.ToHashSet();
        var unused = Load("en").Keys
            .Where(k => !built.Contains(k) && !sources.Contains($"\"{k}\"", StringComparison.Ordinal));
        NoneOf("keys no code, view or TextKeys uses (delete them, or build them through TextKeys)", unused);
    }

    /// <summary>Else a key could be missing, or unused, without a test knowing.</summary>
    [Fact]
    public void No_key_is_built_outside_TextKeys()
    {
        var prefixes = string.Join('|', Load("en").Keys.Select(k => Regex.Escape(k.Split('.')[0])).Distinct());
        // L[$"..."], L["..." + x], $"{x}.Title", and "Area." + x or $"Area.{x}" for any area the keys have.
        var built = new Regex(@"\b[Ll]\[\s*(\$""|""[^""]*""\s*\+)|\$""\{[^}""]+\}\.[A-Z]" +
                              $@"|(?<![\w.])\$?""(?:{prefixes})(?:\.[A-Za-z0-9]+)*\.(?:\{{|""\s*\+)");
        var found = Sources.Value
            .Where(f => Path.Combine(Root, f.Key) != TextKeysFile)
            .SelectMany(f => built.Matches(f.Value).Select(m => $"{f.Key}: {m.Value}"))
            .ToList();
        Assert.True(Sources.Value.Count > 200, $"found only {Sources.Value.Count} source files");
        NoneOf("keys built outside TextKeys", found);
    }

    /// <summary>TextKeys.All knows the Identity codes from this list; every error the describer gives must be in it.</summary>
    [Fact]
    public void Every_identity_error_the_describer_gives_has_its_code_listed()
    {
        var asked = new List<string>();
        var describer = new LocalizedIdentityErrorDescriber(new RecordingLocalizer(asked));
        var methods = typeof(LocalizedIdentityErrorDescriber)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.ReturnType == typeof(Microsoft.AspNetCore.Identity.IdentityError)).ToList();
        Assert.True(methods.Count >= 8, $"found only {methods.Count} overrides");
        var codes = methods
            .Select(m => (Microsoft.AspNetCore.Identity.IdentityError)m.Invoke(describer,
                m.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)12 : "x").ToArray())!)
            .Select(e => e.Code).ToHashSet();

        NoneOf("codes the describer gives but Codes does not list", codes.Except(LocalizedIdentityErrorDescriber.Codes));
        NoneOf("codes listed that nothing gives",
            LocalizedIdentityErrorDescriber.Codes.Except(codes)
                .Except([CommonPasswordValidator.TooLong, CommonPasswordValidator.TooCommon]));
        Assert.All(codes, c => Assert.Contains(TextKeys.IdentityError(c), asked));
    }

    private sealed class RecordingLocalizer(List<string> asked) : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name]
        {
            get
            {
                asked.Add(name);
                return new LocalizedString(name, name);
            }
        }

        public LocalizedString this[string name, params object[] arguments] => this[name];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    internal static void NoneOf(string what, IEnumerable<string> keys)
    {
        var list = keys.ToList();
        Assert.True(list.Count == 0, $"{what}: {string.Join(", ", list)}");
    }

    /// <summary>Comment lines and Razor comments may name a key without using it.</summary>
    private static string WithoutComments(string text) =>
        string.Join('\n', RazorComment().Replace(text, "").Split('\n')
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    // L["Key"], l["Key"], l["Key", args] and the ErrorMessage/Name/DomainException keys ("Validation.X").
    [GeneratedRegex(@"\b[Ll]\[""([A-Za-z0-9_.-]+)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(
        @"(?:ErrorMessage|Name) = ""([A-Z][A-Za-z0-9]*\.[A-Za-z0-9_.]+)""|DomainException\(""([A-Za-z0-9_.]+)""\)")]
    private static partial Regex MessageKey();

    // "Area.Name" anywhere, except a model path (for="Form.Note", name="Form.BuiltIn", a ModelState key) or a file name.
    [GeneratedRegex(
        @"(?<!\b(?:for|name|asp-for|id)=|AddModelError\()""([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9_-]+)+)(?<!\.(?:csv|json|txt|html|vcf|md|zip))""")]
    private static partial Regex KeyShapedLiteral();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    internal static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetworkPlatform.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found");
    }
}
