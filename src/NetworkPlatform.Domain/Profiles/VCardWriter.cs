using System.Text;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>
/// Writes vCard 4.0 (RFC 6350): CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character,
/// text values escaped (backslash, comma, semicolon, line breaks). Used for a profile's vCard now and for the
/// contact export later.
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
    public VCardWriter Text(string name, string? value, string? parameters = null)
    {
        if (!string.IsNullOrWhiteSpace(value))
            Property(name, parameters, Escape(value.Trim()));
        return this;
    }

    /// <summary>A structured property (N, ADR): components separated by ";", each escaped on its own.</summary>
    public VCardWriter Structured(string name, IReadOnlyList<string?> components, string? parameters = null)
    {
        if (components.Any(c => !string.IsNullOrWhiteSpace(c)))
            Property(name, parameters, string.Join(';', components.Select(c => Escape(c?.Trim() ?? ""))));
        return this;
    }

    /// <summary>A property whose value is a URI (URL, PHOTO, UID): written as it is, never escaped.</summary>
    public VCardWriter Uri(string name, string? uri, string? parameters = null)
    {
        if (!string.IsNullOrWhiteSpace(uri))
            Property(name, parameters, uri.Trim());
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

    private void Property(string name, string? parameters, string value) =>
        WriteLine(string.IsNullOrEmpty(parameters) ? $"{name}:{value}" : $"{name};{parameters}:{value}");

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
