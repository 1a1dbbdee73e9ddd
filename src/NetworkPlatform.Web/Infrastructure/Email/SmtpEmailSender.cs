using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using NetworkPlatform.Domain.Email;

namespace NetworkPlatform.Web.Infrastructure.Email;

/// <summary>
/// MailKit. With an SMTP host it sends; without one it writes .eml files into the pickup folder and logs subject and
/// links, so a newcomer on the local run can confirm an account. One instance per dispatcher batch (scoped): the
/// batch shares one SMTP connection, opened at its first mail and closed with the scope.
/// </summary>
public sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, TimeProvider time,
    ILogger<SmtpEmailSender> logger) : IEmailSender, IAsyncDisposable, IDisposable
{
    private static readonly FormatOptions FileFormat = CrLf();
    private SmtpClient? _client;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value;
        using var mail = Compose(message, o, time.GetUtcNow());
        if (string.IsNullOrWhiteSpace(o.Smtp.Host))
        {
            await WriteToPickupAsync(mail, message, o.PickupDirectory, ct);
            return;
        }

        try
        {
            var client = await ConnectedAsync(o.Smtp.Host, o.Smtp, ct);
            await client.SendAsync(mail, ct);
        }
        catch
        {
            // After a refused recipient or a broken connection the session's state is unclear: the batch's next
            // mail starts a new one.
            await DropClientAsync();
            throw;
        }
    }

    /// <summary>multipart/alternative (text first, then HTML); MimeKit encodes non-ASCII headers as UTF-8.</summary>
    public static MimeMessage Compose(OutboxMessage message, EmailOptions o, DateTimeOffset now)
    {
        var from = new MailboxAddress(o.FromName, o.FromAddress);
        var mail = new MimeMessage
        {
            Subject = message.Subject,
            Date = now,
            // Made from the outbox row, not at random: a mail sent twice (the process died between the server's OK
            // and our commit, ADR 0003) carries the same id both times, so mail systems can tell it is one mail.
            MessageId = $"{message.Id:N}@{(string.IsNullOrEmpty(from.Domain) ? "networkplatform.local" : from.Domain)}",
            Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody(),
        };
        mail.From.Add(from);
        mail.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        mail.Headers.Add("X-NetworkPlatform-Kind", message.Kind);
        return mail;
    }

    private async Task WriteToPickupAsync(MimeMessage mail, OutboxMessage message, string directory,
        CancellationToken ct)
    {
        var dir = Path.GetFullPath(directory);
        Directory.CreateDirectory(dir);
        // 7-bit clean, as an SMTP server would get it; written beside and renamed, so no reader sees half a file,
        // and named after the outbox row, so a second attempt replaces the first.
        mail.Prepare(EncodingConstraint.SevenBit);
        var file = Path.Combine(dir, $"{message.Id:N}.eml");
        var partial = file + ".part";
        await mail.WriteToAsync(FileFormat, partial, ct);
        File.Move(partial, file, overwrite: true);
        LogPickedUp(logger, message.Kind, message.Subject, dir,
            string.Join(" ", LinkPattern().Matches(message.TextBody).Select(m => m.Value)));
    }

    private async Task<SmtpClient> ConnectedAsync(string host, SmtpOptions smtp, CancellationToken ct)
    {
        if (_client is { IsConnected: true })
            return _client;
        await DropClientAsync();
        _client = new SmtpClient();
        await _client.ConnectAsync(host, smtp.Port, ToMailKit(smtp.EffectiveSecurity), ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await _client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        return _client;
    }

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private async Task DropClientAsync()
    {
        if (_client is not { } client)
            return;
        _client = null;
        try
        {
            if (client.IsConnected)
            {
                // QUIT is a courtesy; a server that does not answer must not hold up the dispatcher.
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, quit.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or MailKit.ProtocolException
                                       or SmtpCommandException or System.Net.Sockets.SocketException)
        {
            // The connection is gone either way.
        }
        finally
        {
            client.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(DropClientAsync());

    public void Dispose()
    {
        _client?.Dispose();
        _client = null;
    }

    private static FormatOptions CrLf()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Mail {Kind} \"{Subject}\" written to {Directory} (no SMTP host configured). Links: {Links}")]
    private static partial void LogPickedUp(ILogger logger, string kind, string subject, string directory, string links);
}
