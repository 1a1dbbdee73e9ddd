using System.Reflection;
using System.Text.RegularExpressions;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Email;
using NetworkPlatform.Web.Infrastructure.Email;
using static NetworkPlatform.Tests.Localization.ResourceTests;

namespace NetworkPlatform.Tests.Localization;

/// <summary>
/// Mail texts live in their templates (Infrastructure/Email/Templates/{Kind}.{culture}.{txt,html}), one pair per
/// <see cref="MailKind"/> and language: each kind has them, no template is left without its kind, both languages use
/// the same placeholders, and the code that sends a kind supplies exactly the values its templates use.
/// </summary>
public partial class MailTemplateTests
{
    private const string Prefix = "NetworkPlatform.Web.Infrastructure.Email.Templates.";
    private static readonly Assembly WebAssembly = typeof(EmailTemplates).Assembly;
    private static readonly string Root = FindRoot();
    private static readonly string Folder =
        Path.Combine(Root, "src", "NetworkPlatform.Web", "Infrastructure", "Email", "Templates");

    /// <summary>What MailOutbox adds to every mail's own values.</summary>
    private static readonly string[] CommonValues = ["AppName", "BaseUrl", "Name"];

    private static readonly MailKind[] Kinds = Enum.GetValues<MailKind>();

    private static string? Template(string name)
    {
        using var stream = WebAssembly.GetManifestResourceStream(Prefix + name);
        if (stream is null)
            return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SortedSet<string> Placeholders(string name) =>
        new(Placeholder().Matches(Template(name) ?? "").Select(m => m.Groups[1].Value), StringComparer.Ordinal);

    [Fact]
    public void Every_mail_kind_has_a_subject_a_text_and_an_html_body_in_both_languages()
    {
        Assert.True(Kinds.Length >= 10, $"only {Kinds.Length} mail kinds");
        foreach (var culture in SupportedCultures.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(Template($"_Layout.{culture}.html")),
                $"_Layout.{culture}.html is missing");
            foreach (var kind in Kinds)
            {
                var text = Template($"{kind}.{culture}.txt");
                var html = Template($"{kind}.{culture}.html");
                Assert.True(text is not null, $"{kind}.{culture}.txt is missing");
                Assert.True(html is not null, $"{kind}.{culture}.html is missing");
                var lines = text.Split('\n');
                Assert.True(lines[0].StartsWith("Subject: ", StringComparison.Ordinal) && lines[0].Length > 12,
                    $"{kind}.{culture}.txt must start with a 'Subject: ...' line");
                Assert.True(string.Join('\n', lines.Skip(1)).Trim().Length > 20, $"{kind}.{culture}.txt has no body");
                Assert.True(html.Trim().Length > 20, $"{kind}.{culture}.html has no body");
            }
        }
    }

    [Fact]
    public void No_mail_template_is_unused_and_every_one_is_in_the_assembly()
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var culture in SupportedCultures.All)
        {
            expected.Add($"_Layout.{culture}.html");
            foreach (var kind in Kinds)
                foreach (var part in new[] { "txt", "html" })
                    expected.Add($"{kind}.{culture}.{part}");
        }
        var embedded = WebAssembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..]).ToList();
        var files = Directory.EnumerateFiles(Folder).Select(f => Path.GetFileName(f)!).ToList();

        NoneOf("templates of no mail kind or language (delete them, or add the kind to MailKind)",
            embedded.Concat(files).Distinct().Where(n => !expected.Contains(n)));
        NoneOf("template files not embedded in the assembly", files.Except(embedded));
    }

    [Fact]
    public void German_and_English_templates_use_the_same_placeholders()
    {
        var names = Kinds.SelectMany(k => new[] { $"{k}.{{0}}.txt", $"{k}.{{0}}.html" }).Append("_Layout.{0}.html");
        var differ = names
            .Select(n => (Name: n, De: Placeholders(string.Format(n, "de")), En: Placeholders(string.Format(n, "en"))))
            .Where(t => !t.De.SetEquals(t.En))
            .Select(t => $"{string.Format(t.Name, "*")}: de {{{string.Join(", ", t.De)}}}, en {{{string.Join(", ", t.En)}}}");
        NoneOf("templates whose languages use different placeholders", differ);
        Assert.Contains("Link", Placeholders("ConfirmEmail.de.txt"));
    }

    /// <summary>
    /// Read from the sources: each <c>Add(MailKind.X, ..., new Dictionary&lt;string, string&gt; { ["Key"] = ... })</c>.
    /// A template value nobody supplies would make the mail fail when it is queued; a supplied value no template uses
    /// is a sign that a text lost a line.
    /// </summary>
    [Fact]
    public void The_code_that_sends_each_kind_supplies_exactly_the_values_its_templates_use()
    {
        var calls = SendCalls();
        Assert.True(calls.Count >= 8, $"found only {calls.Count} places that send mail: is the scan broken?");
        NoneOf("mail kinds that no code sends (delete the kind and its templates)",
            Kinds.Select(k => k.ToString()).Except(calls.Select(c => c.Kind)));

        var problems = new List<string>();
        foreach (var (kind, where, supplied) in calls)
        {
            var used = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var culture in SupportedCultures.All)
            {
                used.UnionWith(Placeholders($"{kind}.{culture}.txt"));
                used.UnionWith(Placeholders($"{kind}.{culture}.html"));
            }
            problems.AddRange(used.Except(supplied).Except(CommonValues)
                .Select(p => $"{where} does not supply {{{{{p}}}}} for {kind}"));
            problems.AddRange(supplied.Except(used).Select(p => $"{where} supplies {p}, which no {kind} template uses"));
        }
        NoneOf("mismatched values", problems);

        var layout = SupportedCultures.All.SelectMany(c => Placeholders($"_Layout.{c}.html"));
        NoneOf("layout placeholders MailOutbox does not supply", layout.Except(CommonValues).Except(["Subject"]));
    }

    [Fact]
    public void Every_mail_renders_in_both_languages_with_every_value_in_place()
    {
        foreach (var kind in Kinds)
            foreach (var culture in SupportedCultures.All)
            {
                var names = Placeholders($"{kind}.{culture}.txt").Union(Placeholders($"{kind}.{culture}.html"))
                    .Union(CommonValues);
                var values = names.ToDictionary(n => n, n => $"value-of-{n}");

                var mail = EmailTemplates.Render(kind, culture, values);

                Assert.False(string.IsNullOrWhiteSpace(mail.Subject), $"{kind}.{culture} has no subject");
                foreach (var part in new[] { mail.Subject + mail.Text, mail.Html })
                    Assert.DoesNotContain("{{", part);
                foreach (var n in Placeholders($"{kind}.{culture}.html"))
                    Assert.Contains($"value-of-{n}", mail.Html);
                foreach (var n in Placeholders($"{kind}.{culture}.txt"))
                    Assert.Contains($"value-of-{n}", mail.Subject + mail.Text);
            }
    }

    private static List<(string Kind, string Where, SortedSet<string> Supplied)> SendCalls()
    {
        var calls = new List<(string, string, SortedSet<string>)>();
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (Match call in SendCall().Matches(text))
            {
                var where = $"{Path.GetRelativePath(Root, file)} line {text[..call.Index].Count(c => c == '\n') + 1}";
                var start = text.IndexOf("new Dictionary<string, string>", call.Index, StringComparison.Ordinal);
                var end = text.IndexOf(';', call.Index);
                Assert.True(start >= 0 && start < end,
                    $"{where}: pass the mail's values as a new Dictionary<string, string> {{ ... }} in the call, " +
                    "so this test can read them");
                var open = text.IndexOf('{', start);
                var depth = 0;
                var close = open;
                for (; close < text.Length; close++)
                {
                    depth += text[close] switch { '{' => 1, '}' => -1, _ => 0 };
                    if (depth == 0)
                        break;
                }
                var keys = ValueKey().Matches(text[open..close]).Select(m => m.Groups[1].Value);
                calls.Add((call.Groups[1].Value, where, new SortedSet<string>(keys, StringComparer.Ordinal)));
            }
        }
        return calls;
    }

    // {{Name}} but not the layout's {{{Content}}} slot (as EmailTemplates reads them).
    [GeneratedRegex(@"(?<!\{)\{\{([A-Za-z]+)\}\}(?!\})")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\.Add\(\s*MailKind\.([A-Za-z]+)\s*,")]
    private static partial Regex SendCall();

    // A top-level entry of the values' initializer: ["Link"] = ...
    [GeneratedRegex(@"\[""([A-Za-z]+)""\]\s*=")]
    private static partial Regex ValueKey();
}
