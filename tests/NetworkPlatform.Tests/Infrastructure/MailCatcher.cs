using System.Text.RegularExpressions;
using MimeKit;

namespace NetworkPlatform.Tests.Infrastructure;

/// <summary>A mail as the catcher received it, parsed by MimeKit (<see cref="Message"/> has every header).</summary>
public record CaughtMail(MimeMessage Message)
{
    public string To => string.Join(", ", Message.To.Mailboxes.Select(m => m.Address));
    public string Subject => Message.Subject ?? "";
    public string Kind => Message.Headers["X-NetworkPlatform-Kind"] ?? "";
    public string Text => Message.TextBody ?? "";
    public string Html => Message.HtmlBody ?? "";

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
public static class MailCatcher
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
            try
            {
                // The headers first: the whole suite's mails are in this folder, and a test wants only its own.
                if (IsTo(HeaderList.Load(file), to))
                    mails.Add(new CaughtMail(MimeMessage.Load(file)));
            }
            catch (IOException)
            {
                // Removed or still being moved in: the next poll reads it.
            }
        }
        return mails;
    }

    private static bool IsTo(HeaderList headers, string to) =>
        InternetAddressList.TryParse(headers[HeaderId.To] ?? "", out var list) &&
        list.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase));
}
