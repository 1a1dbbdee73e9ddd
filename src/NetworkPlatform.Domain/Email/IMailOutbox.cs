using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Domain.Email;

/// <summary>
/// Lets domain services queue a mail in the same unit of work as their change; the web layer renders it from the
/// template pair in the recipient's language (MailOutbox).
/// </summary>
public interface IMailOutbox
{
    void Add(MailKind kind, AppUser to, IDictionary<string, string> values, string? toAddress = null);

    /// <summary>A mail to an address that belongs to no member (an invitation), in the given language.</summary>
    void Add(MailKind kind, string toAddress, string? toName, string? culture, IDictionary<string, string> values);

    /// <summary>An absolute link for a mail, from a path such as "/contacts/requests".</summary>
    string Link(string pathAndQuery);
}
