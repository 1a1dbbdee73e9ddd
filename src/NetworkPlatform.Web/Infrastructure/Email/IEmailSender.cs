using System.Net;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain.Email;

namespace NetworkPlatform.Web.Infrastructure.Email;

/// <summary>Delivers one mail now. Only the outbox dispatcher calls it; features write to the outbox.</summary>
public interface IEmailSender
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>
/// System.Net.Mail (MailKit is not available here). With an SMTP host it sends; without one it drops .eml files
/// into the pickup folder and logs subject and links, so a newcomer on the local run can confirm an account.
/// </summary>
public partial class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value;
        using var mail = new MailMessage
        {
            From = new MailAddress(o.FromAddress, o.FromName, Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = message.TextBody,
            IsBodyHtml = false,
        };
        mail.To.Add(new MailAddress(message.ToAddress, message.ToName ?? "", Encoding.UTF8));
        mail.Headers.Add("X-NetworkPlatform-Kind", message.Kind);
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, "text/html"));

        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(o.Smtp.Host))
        {
            var dir = Path.GetFullPath(o.PickupDirectory);
            Directory.CreateDirectory(dir);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = dir;
            await client.SendMailAsync(mail, ct);
            LogPickedUp(logger, message.Kind, message.Subject, dir,
                string.Join(" ", LinkPattern().Matches(message.TextBody).Select(m => m.Value)));
            return;
        }

        client.Host = o.Smtp.Host;
        client.Port = o.Smtp.Port;
        client.EnableSsl = o.Smtp.EnableSsl;
        if (!string.IsNullOrEmpty(o.Smtp.UserName))
            client.Credentials = new NetworkCredential(o.Smtp.UserName, o.Smtp.Password);
        await client.SendMailAsync(mail, ct);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Mail {Kind} \"{Subject}\" written to {Directory} (no SMTP host configured). Links: {Links}")]
    private static partial void LogPickedUp(ILogger logger, string kind, string subject, string directory, string links);
}
