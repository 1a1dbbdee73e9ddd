using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Email;

namespace NetworkPlatform.Web.Infrastructure.Email;

/// <summary>
/// Sends due mails from the outbox. Several app instances may run this at once: each batch is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> inside a transaction that stays open while the batch is sent, so no two instances
/// send the same mail, and a crash before the commit leaves the rows due again (a mail is never lost; it can be
/// sent twice only if the process dies between the SMTP server's "OK" and our commit, which SMTP cannot avoid).
/// </summary>
public partial class OutboxDispatcher(IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogBatchFailed(logger, ex);
            }

            if (sent < BatchSize)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Sends one batch; returns how many mails were handled (sent or failed).</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<IEmailSender>();
        var now = time.GetUtcNow();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.OutboxMessages
            .FromSql($"""
                SELECT * FROM "OutboxMessages"
                WHERE "SentAt" IS NULL AND "FailedAt" IS NULL AND "NextAttemptAt" <= {now}
                ORDER BY "NextAttemptAt"
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (batch.Count == 0)
            return 0;

        foreach (var message in batch)
        {
            try
            {
                await sender.SendAsync(message, ct);
                message.MarkSent(time.GetUtcNow());
                LogSent(logger, message.Kind, message.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.MarkFailed(ex.Message, time.GetUtcNow());
                LogSendFailed(logger, message.Kind, message.Id, message.Attempts, ex.Message);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {Kind} {MailId} sent")]
    private static partial void LogSent(ILogger logger, string kind, Guid mailId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Kind} {MailId} failed (attempt {Attempt}): {Error}")]
    private static partial void LogSendFailed(ILogger logger, string kind, Guid mailId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox batch failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception ex);
}
