using Microsoft.Extensions.Options;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Email;

namespace NetworkPlatform.Web.Infrastructure.Email;

/// <summary>
/// Renders a mail in the recipient's language and adds it to the outbox on the caller's DbContext. It does not
/// save: the caller's SaveChanges writes the mail in the same transaction as the change that caused it.
/// </summary>
public class MailOutbox(AppDbContext db, TimeProvider time, IOptions<AppOptions> app) : IMailOutbox
{
    public void Add(MailKind kind, string toAddress, string? toName, string? culture, IDictionary<string, string> values)
    {
        var lang = SupportedCultures.IsSupported(culture) ? culture! : SupportedCultures.Default;
        var all = new Dictionary<string, string>(values)
        {
            ["AppName"] = app.Value.Name,
            ["BaseUrl"] = app.Value.BaseUrl.TrimEnd('/'),
        };
        all.TryAdd("Name", toName ?? "");
        var mail = EmailTemplates.Render(kind, lang, all);
        db.OutboxMessages.Add(OutboxMessage.Create(kind, toAddress, toName, mail.Subject, mail.Html, mail.Text,
            time.GetUtcNow()));
    }

    public void Add(MailKind kind, AppUser to, IDictionary<string, string> values, string? toAddress = null) =>
        Add(kind, toAddress ?? to.Email!, to.DisplayName, to.Culture, values);

    /// <summary>An absolute link for a mail, from a path such as "/account/confirm?...".</summary>
    public string Link(string pathAndQuery) => app.Value.BaseUrl.TrimEnd('/') + pathAndQuery;
}
