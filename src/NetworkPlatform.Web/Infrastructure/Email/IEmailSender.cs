using NetworkPlatform.Domain.Email;

namespace NetworkPlatform.Web.Infrastructure.Email;

/// <summary>Delivers one mail now. Only the outbox dispatcher calls it; features write to the outbox.</summary>
public interface IEmailSender
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}
