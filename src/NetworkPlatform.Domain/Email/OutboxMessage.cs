namespace NetworkPlatform.Domain.Email;

/// <summary>
/// A mail waiting to be sent. It is written in the same transaction as the change that caused it, so a mail is
/// never sent for a change that was rolled back, and never lost for one that was committed.
/// </summary>
public class OutboxMessage
{
    public const int MaxAttempts = 8;

    public Guid Id { get; set; }
    public string ToAddress { get; set; } = "";
    public string? ToName { get; set; }
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";

    /// <summary>The <see cref="MailKind"/> it was made from, by name, for logs and tests (e.g. "ConfirmEmail").</summary>
    public string Kind { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set when the mail was given up after <see cref="MaxAttempts"/>; it stays for the operator to see.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }

    public static OutboxMessage Create(MailKind kind, string toAddress, string? toName, string subject, string html,
        string text, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = kind.ToString(),
        ToAddress = toAddress,
        ToName = toName,
        Subject = subject,
        HtmlBody = html,
        TextBody = text,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        LastError = null;
    }

    /// <summary>Exponential back-off: 30 s, 1 min, 2 min, ... capped at an hour; gives up after MaxAttempts.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (Attempts >= MaxAttempts)
        {
            FailedAt = now;
            return;
        }
        var delay = TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Attempts - 1)));
        NextAttemptAt = now + delay;
    }
}
