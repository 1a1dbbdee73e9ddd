using System.Text;

namespace NetworkPlatform.Domain.ContactImports;

/// <summary>
/// Reads vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350, and the 2.1 spec phones still write): one or many cards,
/// folded lines, quoted-printable values with a CHARSET (2.1), property groups ("item1.EMAIL"), several EMAIL lines,
/// N and FN. Only the name, the e-mail addresses and profile addresses (URL) are taken; PHOTO data and everything else are stepped over.
/// Written by hand: no vCard package restores here, and this subset is small.
/// </summary>
public static class VCardReader
{
    private sealed record LogicalLine(int Number, string Text);

    public static ContactFileResult Read(string text)
    {
        var result = new ContactFileResult { Format = ContactFileFormat.VCard };
        var seen = new Dictionary<string, int>();
        int? cardLine = null;
        string? fn = null, n = null;
        var emails = new List<string>();
        var urls = new List<string>();

        foreach (var line in Unfold(text))
        {
            var (name, parameters, value) = Split(line.Text);
            if (name is null)
                continue; // base64 lines of a 2.1 PHOTO, or other noise
            if (name == "BEGIN" && value.Trim().Equals("VCARD", StringComparison.OrdinalIgnoreCase))
            {
                if (cardLine is { } open) // a card without END: take what it had
                    ContactFile.Take(result, seen, open, NameOf(fn, n), emails, urls);
                cardLine = line.Number;
                fn = n = null;
                emails = [];
                urls = [];
                continue;
            }
            if (cardLine is null)
                continue;
            switch (name)
            {
                case "END" when value.Trim().Equals("VCARD", StringComparison.OrdinalIgnoreCase):
                    ContactFile.Take(result, seen, cardLine.Value, NameOf(fn, n), emails, urls);
                    cardLine = null;
                    break;
                case "FN":
                    fn = Unescape(Decode(value, parameters));
                    break;
                case "N":
                    n = Decode(value, parameters);
                    break;
                case "EMAIL":
                    emails.Add(Unescape(Decode(value, parameters)));
                    break;
                case "URL":
                    urls.Add(Unescape(Decode(value, parameters)));
                    break;
            }
        }
        if (cardLine is { } last)
            ContactFile.Take(result, seen, last, NameOf(fn, n), emails, urls);
        if (result.Read == 0)
            throw new ContactFileException("ContactImport.NotRecognised");
        return result;
    }

    /// <summary>
    /// Joins folded lines (a line starting with a space or tab continues the previous one) and 2.1 quoted-printable
    /// soft line breaks (a QP value ending in '='), keeping the number of the line each logical line starts on.
    /// </summary>
    private static IEnumerable<LogicalLine> Unfold(string text)
    {
        var lines = text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        StringBuilder? current = null;
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (current is not null && line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                current.Append(line, 1, line.Length - 1);
                continue;
            }
            if (current is not null && IsQuotedPrintable(current) && current.Length > 0 && current[^1] == '=')
            {
                current.Length--;
                current.Append(line);
                continue;
            }
            if (current is not null)
                yield return new LogicalLine(start, current.ToString());
            current = new StringBuilder(line);
            start = i + 1;
        }
        if (current is not null)
            yield return new LogicalLine(start, current.ToString());
    }

    private static bool IsQuotedPrintable(StringBuilder line)
    {
        var colon = line.ToString().IndexOf(':');
        return colon > 0 && line.ToString(0, colon).Contains("QUOTED-PRINTABLE", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"item1.EMAIL;TYPE=INTERNET:x@y" → ("EMAIL", ["TYPE=INTERNET"], "x@y"); the name is null for non-properties.</summary>
    private static (string? Name, string[] Parameters, string Value) Split(string line)
    {
        var quoted = false;
        var colon = -1;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            else if (line[i] == ':' && !quoted) { colon = i; break; }
        }
        if (colon <= 0)
            return (null, [], "");
        var head = line[..colon].Split(';');
        var name = head[0];
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
            name = name[(dot + 1)..];
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return (null, [], "");
        return (name.ToUpperInvariant(), head[1..], line[(colon + 1)..]);
    }

    private static string Decode(string value, string[] parameters)
    {
        var qp = parameters.Any(p => p.Equals("QUOTED-PRINTABLE", StringComparison.OrdinalIgnoreCase) ||
                                     p.Equals("ENCODING=QUOTED-PRINTABLE", StringComparison.OrdinalIgnoreCase));
        if (!qp)
            return value;
        var charset = parameters.Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].Equals("CHARSET", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim('"')).FirstOrDefault();
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '=' && i + 2 < value.Length &&
                Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }
        return EncodingOf(charset).GetString(bytes.ToArray());
    }

    private static Encoding EncodingOf(string? charset)
    {
        if (string.IsNullOrEmpty(charset))
            return Encoding.UTF8;
        try
        {
            return charset.ToUpperInvariant() switch
            {
                "ISO-8859-1" or "LATIN1" or "WINDOWS-1252" or "CP1252" => Encoding.Latin1,
                _ => Encoding.GetEncoding(charset),
            };
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    /// <summary>FN as written; else N's given, additional and family names (N is "Family;Given;Additional;Prefix;Suffix").</summary>
    private static string? NameOf(string? fn, string? n)
    {
        if (!string.IsNullOrWhiteSpace(fn))
            return fn.Trim();
        if (string.IsNullOrWhiteSpace(n))
            return null;
        var parts = SplitUnescaped(n, ';').Select(Unescape).ToList();
        string Part(int i) => i < parts.Count ? parts[i] : "";
        return $"{Part(3)} {Part(1)} {Part(2)} {Part(0)} {Part(4)}".Trim();
    }

    private static IEnumerable<string> SplitUnescaped(string value, char separator)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\') { i++; continue; }
            if (value[i] == separator)
            {
                yield return value[start..i];
                start = i + 1;
            }
        }
        yield return value[start..];
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('\\'))
            return value.Trim();
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                sb.Append(next is 'n' or 'N' ? ' ' : next);
            }
            else
            {
                sb.Append(value[i]);
            }
        }
        return sb.ToString().Trim();
    }
}
