using System.Text;
using System.Text.RegularExpressions;

namespace NetworkPlatform.Tests.Infrastructure;

public record CaughtMail(string To, string Subject, string Kind, string Text, string Html)
{
    public string FirstLink(string pathStart)
    {
        var match = Regex.Match(Text, @"https?://\S+");
        while (match.Success)
        {
            var uri = new Uri(match.Value);
            if (uri.AbsolutePath.StartsWith(pathStart, StringComparison.Ordinal))
                return uri.PathAndQuery;
            match = match.NextMatch();
        }
        throw new Xunit.Sdk.XunitException($"No link to {pathStart} in mail \"{Subject}\":\n{Text}");
    }
}

/// <summary>
/// Reads what the real SMTP catcher (aiosmtpd, started by scripts/test.sh) wrote to its maildir. Every test uses
/// its own addresses, so tests running side by side never read each other's mail.
/// </summary>
public static partial class MailCatcher
{
    public static async Task<CaughtMail> WaitForAsync(string to, string kind, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = All(to).FirstOrDefault(m => m.Kind == kind);
            if (found is not null)
                return found;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException(
            $"No {kind} mail to {to} within the timeout. Mails to it: {string.Join(", ", All(to).Select(m => m.Kind))}");
    }

    /// <summary>Waits a little to be sure that no mail of this kind arrives (the dispatcher polls every 100 ms).</summary>
    public static async Task<int> CountAfterQuietAsync(string to, string kind)
    {
        await Task.Delay(1500);
        return All(to).Count(m => m.Kind == kind);
    }

    public static IReadOnlyList<CaughtMail> All(string to)
    {
        var dir = Path.Combine(TestEnvironment.MailDir, "new");
        if (!Directory.Exists(dir))
            return [];
        var mails = new List<CaughtMail>();
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            string raw;
            try { raw = File.ReadAllText(file); }
            catch (IOException) { continue; }
            var mail = Parse(raw);
            if (mail is not null && mail.To.Contains(to, StringComparison.OrdinalIgnoreCase))
                mails.Add(mail);
        }
        return mails;
    }

    private static CaughtMail? Parse(string raw)
    {
        raw = raw.Replace("\r\n", "\n");
        var split = raw.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0) return null;
        var headers = Headers(raw[..split]);
        var to = headers.GetValueOrDefault("to", "");
        var subject = DecodeWords(headers.GetValueOrDefault("subject", ""));
        var kind = headers.GetValueOrDefault("x-networkplatform-kind", "");
        var text = Part(raw, "text/plain");
        var html = Part(raw, "text/html");
        return new CaughtMail(to, subject, kind, text, html);
    }

    private static Dictionary<string, string> Headers(string block)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in block.Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                result[last] += " " + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            last = line[..colon].Trim();
            result[last] = line[(colon + 1)..].Trim();
        }
        return result;
    }

    /// <summary>The body of the first MIME part of this type, decoded (base64 or quoted-printable).</summary>
    private static string Part(string raw, string type)
    {
        var at = raw.IndexOf("Content-Type: " + type, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return "";
        var headEnd = raw.IndexOf("\n\n", at, StringComparison.Ordinal);
        var head = Headers(raw[at..headEnd]);
        var bodyEnd = raw.IndexOf("\n--", headEnd, StringComparison.Ordinal);
        var body = raw[(headEnd + 2)..(bodyEnd < 0 ? raw.Length : bodyEnd)];
        var encoding = head.GetValueOrDefault("Content-Transfer-Encoding", "").ToLowerInvariant();
        return encoding switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
            "quoted-printable" => QuotedPrintable(body),
            _ => body,
        };
    }

    private static string QuotedPrintable(string body) => Encoding.UTF8.GetString(QuotedPrintableBytes(body));

    private static byte[] QuotedPrintableBytes(string body)
    {
        var joined = body.Replace("=\n", "");
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }
        return bytes.ToArray();
    }

    /// <summary>
    /// RFC 2047: the white space between adjacent encoded words (a folded subject) is not part of the text, and one
    /// character's bytes may be split over two words, so a run of adjacent words is decoded as one.
    /// </summary>
    private static string DecodeWords(string header) => EncodedWordRun().Replace(header, run =>
    {
        Encoding? charset = null;
        var bytes = new List<byte>();
        foreach (Match m in EncodedWord().Matches(run.Value))
        {
            charset ??= Encoding.GetEncoding(m.Groups[1].Value);
            var payload = m.Groups[3].Value;
            bytes.AddRange(m.Groups[2].Value.ToUpperInvariant() == "B"
                ? Convert.FromBase64String(payload)
                : QuotedPrintableBytes(payload.Replace('_', ' ')));
        }
        return charset!.GetString(bytes.ToArray());
    });

    [GeneratedRegex(@"=\?[^?]+\?[BbQq]\?[^?]*\?=(?:\s+=\?[^?]+\?[BbQq]\?[^?]*\?=)*")]
    private static partial Regex EncodedWordRun();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
