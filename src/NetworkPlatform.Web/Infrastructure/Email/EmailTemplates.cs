using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using NetworkPlatform.Domain.Email;

namespace NetworkPlatform.Web.Infrastructure.Email;

public record RenderedEmail(string Subject, string Html, string Text);

/// <summary>
/// Every <see cref="MailKind"/> is a pair of templates per language, <c>{Kind}.{culture}.txt</c> (first line
/// "Subject: ...") and <c>{Kind}.{culture}.html</c>, embedded in the assembly, with <c>{{Placeholder}}</c> values. A
/// Razor-to-string pipeline would be heavier than these few mails need; values are HTML-encoded in the HTML part.
/// </summary>
public static partial class EmailTemplates
{
    private static readonly ConcurrentDictionary<string, string> Cache = new();
    private static readonly Assembly Assembly = typeof(EmailTemplates).Assembly;
    private const string Prefix = "NetworkPlatform.Web.Infrastructure.Email.Templates.";

    public static RenderedEmail Render(MailKind kind, string culture, IReadOnlyDictionary<string, string> values)
    {
        var text = Fill(Load($"{kind}.{culture}.txt"), values, encode: false);
        var newline = text.IndexOf('\n');
        if (!text.StartsWith("Subject: ", StringComparison.Ordinal) || newline < 0)
            throw new InvalidOperationException($"Template {kind}.{culture}.txt must start with a 'Subject: ' line.");
        var subject = text[9..newline].Trim();
        var body = text[(newline + 1)..].TrimStart('\r', '\n');

        var layoutValues = new Dictionary<string, string>(values) { ["Subject"] = subject };
        var inner = Fill(Load($"{kind}.{culture}.html"), values, encode: true);
        var html = Fill(Load($"_Layout.{culture}.html"), layoutValues, encode: true).Replace("{{{Content}}}", inner);
        return new RenderedEmail(subject, html, body);
    }

    private static string Load(string name) => Cache.GetOrAdd(name, n =>
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + n)
            ?? throw new InvalidOperationException($"Mail template {n} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool encode) =>
        Placeholder().Replace(template, m =>
        {
            var key = m.Groups[1].Value;
            if (!values.TryGetValue(key, out var value))
                throw new InvalidOperationException($"Mail template needs a value for {{{{{key}}}}}.");
            return encode ? WebUtility.HtmlEncode(value) : value;
        });

    // {{Name}} but not the layout's {{{Content}}} slot.
    [GeneratedRegex(@"(?<!\{)\{\{([A-Za-z]+)\}\}(?!\})")]
    private static partial Regex Placeholder();
}
