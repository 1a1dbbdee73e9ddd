using System.Text;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>
/// Writes vCard 4.0 (RFC 6350): CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character,
/// text values escaped (backslash, comma, semicolon, line breaks; other control characters dropped), URI values with
/// control characters and spaces percent-encoded, parameter values quoted where RFC 6350 asks and escaped as RFC 6868
/// says (^n, ^^, ^'). Whatever a stored value holds, it stays inside its own property: a line break in an old row
/// cannot end the card and start another (issue 15). Used for a profile's vCard and the contact export.
/// </summary>
public sealed class VCardWriter
{
    private const int MaxLineOctets = 75;
    private readonly StringBuilder _out = new();

    public VCardWriter()
    {
        WriteLine("BEGIN:VCARD");
        WriteLine("VERSION:4.0");
    }

    /// <summary>A property whose value is text (FN, ORG, TITLE, NOTE, EMAIL, TEL): escaped.</summary>
    public VCardWriter Text(string name, string? value, VCardParameter? parameter = null)
    {
        if (!string.IsNullOrWhiteSpace(value))
            Property(name, parameter, Escape(value.Trim()));
        return this;
    }

    /// <summary>A structured property (N, ADR): components separated by ";", each escaped on its own.</summary>
    public VCardWriter Structured(string name, IReadOnlyList<string?> components, VCardParameter? parameter = null)
    {
        if (components.Any(c => !string.IsNullOrWhiteSpace(c)))
            Property(name, parameter, string.Join(';', components.Select(c => Escape(c?.Trim() ?? ""))));
        return this;
    }

    /// <summary>
    /// A property whose value is a URI (URL, PHOTO, UID): not text-escaped (RFC 6350 section 4), but control
    /// characters and spaces, which no URI holds, are percent-encoded.
    /// </summary>
    public VCardWriter Uri(string name, string? uri, VCardParameter? parameter = null)
    {
        if (!string.IsNullOrWhiteSpace(uri))
            Property(name, parameter, EscapeUri(uri.Trim()));
        return this;
    }

    /// <summary>A date (BDAY): yyyyMMdd, the basic format of RFC 6350 section 4.3.1.</summary>
    public VCardWriter Date(string name, DateOnly? date)
    {
        if (date is { } d)
            Property(name, null, d.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
        return this;
    }

    public override string ToString() => _out.ToString() + "END:VCARD\r\n";

    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case ',': sb.Append("\\,"); break;
                case ';': sb.Append("\\;"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                        i++;
                    sb.Append("\\n");
                    break;
                case '\n': sb.Append("\\n"); break;
                default:
                    // Other control characters have no place in a vCard line.
                    if (!char.IsControl(c))
                        sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    public static string EscapeUri(string uri)
    {
        var sb = new StringBuilder(uri.Length);
        foreach (var c in uri)
        {
            if (c <= ' ' || c == '\x7f' || char.IsControl(c))
                sb.Append('%').Append(((int)c & 0xFF).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else
                sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// A parameter value (RFC 6350 section 3.3, RFC 6868): ^ as ^^, a line break as ^n, a double quote as ^', other
    /// control characters dropped, and the whole in double quotes when it holds ; : or ,.
    /// </summary>
    public static string EscapeParameterValue(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '^': sb.Append("^^"); break;
                case '"': sb.Append("^'"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                        i++;
                    sb.Append("^n");
                    break;
                case '\n': sb.Append("^n"); break;
                default:
                    if (!char.IsControl(c))
                        sb.Append(c);
                    break;
            }
        }
        var escaped = sb.ToString();
        return escaped.IndexOfAny([';', ':', ',']) >= 0 ? "\"" + escaped + "\"" : escaped;
    }

    private void Property(string name, VCardParameter? parameter, string value)
    {
        if (!IsName(name))
            throw new ArgumentException($"Not a vCard property name: {name}", nameof(name));
        if (parameter is not { } p)
        {
            WriteLine($"{name}:{value}");
            return;
        }
        if (!IsName(p.Name))
            throw new ArgumentException($"Not a vCard parameter name: {p.Name}", nameof(parameter));
        WriteLine($"{name};{p.Name}={EscapeParameterValue(p.Value)}:{value}");
    }

    private static bool IsName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>
    /// Folds a content line: at most 75 octets per physical line, each continuation starting with one space
    /// (which counts towards its 75), never inside a UTF-8 sequence or between the two halves of a surrogate pair.
    /// </summary>
    private void WriteLine(string line)
    {
        var octets = 0;
        var limit = MaxLineOctets;
        for (var i = 0; i < line.Length; i++)
        {
            var size = char.IsHighSurrogate(line[i]) && i + 1 < line.Length
                ? Encoding.UTF8.GetByteCount(line.AsSpan(i, 2))
                : Encoding.UTF8.GetByteCount(line.AsSpan(i, 1));
            if (octets + size > limit)
            {
                _out.Append("\r\n ");
                octets = 1;
            }
            _out.Append(line[i]);
            if (size == 4)
                _out.Append(line[++i]);
            octets += size;
        }
        _out.Append("\r\n");
    }
}

/// <summary>One parameter of a vCard property, e.g. TYPE=work.</summary>
public readonly record struct VCardParameter(string Name, string Value)
{
    public static VCardParameter Type(string value) => new("TYPE", value);
}
