using System.Text;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>
/// A second, independent reader of vCard 4.0 for the tests: unfolds lines (CRLF followed by a space or tab),
/// splits "NAME;PARAM=x:value", and unescapes \\ \, \; \n. Structured values (N, ADR) are split on unescaped ";".
/// </summary>
public sealed class VCardParser
{
    public record Property(string Name, IReadOnlyList<string> Parameters, string RawValue)
    {
        public string Value => Unescape(RawValue);
        public IReadOnlyList<string> Components => SplitUnescaped(RawValue, ';').Select(Unescape).ToList();
        public bool Has(string parameter) => Parameters.Contains(parameter, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<string> PhysicalLines { get; }
    public IReadOnlyList<Property> Properties { get; }

    private VCardParser(IReadOnlyList<string> physical, IReadOnlyList<Property> properties)
    {
        PhysicalLines = physical;
        Properties = properties;
    }

    public static VCardParser Parse(string text)
    {
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        var physical = text[..^2].Split("\r\n");
        var logical = new List<string>();
        foreach (var line in physical)
        {
            if (line.Length > 0 && line[0] is ' ' or '\t')
                logical[^1] += line[1..];
            else
                logical.Add(line);
        }
        Assert.Equal("BEGIN:VCARD", logical[0]);
        Assert.Equal("VERSION:4.0", logical[1]);
        Assert.Equal("END:VCARD", logical[^1]);
        var properties = logical.Skip(2).SkipLast(1).Select(line =>
        {
            var colon = line.IndexOf(':');
            Assert.True(colon > 0, $"no name in \"{line}\"");
            var head = line[..colon].Split(';');
            return new Property(head[0].ToUpperInvariant(), head[1..], line[(colon + 1)..]);
        }).ToList();
        return new VCardParser(physical, properties);
    }

    public Property? One(string name, string? parameter = null) =>
        Properties.SingleOrDefault(p => p.Name == name && (parameter is null || p.Has(parameter)));

    public IReadOnlyList<Property> All(string name) => Properties.Where(p => p.Name == name).ToList();

    public static string Unescape(string value)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                sb.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else
            {
                sb.Append(value[i]);
            }
        }
        return sb.ToString();
    }

    private static IEnumerable<string> SplitUnescaped(string value, char separator)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
                i++;
            else if (value[i] == separator)
            {
                yield return value[start..i];
                start = i + 1;
            }
        }
        yield return value[start..];
    }
}
