using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Jobs;

namespace NetworkPlatform.Web.Infrastructure.Jobs;

public class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>How often an idle runner looks for due jobs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claimed job is reserved; progress reports extend it. After it, another instance may retry.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>False: this instance runs no jobs in the background (another instance, or a test, runs them).</summary>
    public bool RunInBackground { get; set; } = true;
}

/// <summary>
/// Runs due background jobs, one at a time per instance. A job is claimed with <c>FOR UPDATE SKIP LOCKED</c> and a
/// lease in one short statement (the transaction does not stay open while the job runs, so progress reports commit
/// and are visible at once). A job whose instance died is claimed again when its lease has run out. Failures are
/// retried with back-off (1, 4, 9, 16 minutes) and given up after <see cref="BackgroundJob.MaxAttempts"/> attempts.
/// Recurring jobs (<see cref="RecurringJob"/>) are queued at start-up and again after each run.
/// </summary>
public partial class JobRunner(IServiceScopeFactory scopes, IEnumerable<RecurringJob> recurring,
    Microsoft.Extensions.Options.IOptions<JobOptions> options, TimeProvider time, ILogger<JobRunner> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
            return;
        try
        {
            await EnsureRecurringAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLoopFailed(logger, ex);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = false;
            try
            {
                ran = await RunOneAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLoopFailed(logger, ex);
            }

            if (!ran)
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

    /// <summary>Queues each recurring job unless one is already queued or running.</summary>
    public async Task EnsureRecurringAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        foreach (var r in recurring)
            await queue.EnsureQueuedAsync(r.Kind, RecurringKey(r.Kind), time.GetUtcNow(), ct: ct);
    }

    /// <summary>Runs due jobs until none is left (for tests and the command line); returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var n = 0;
        while (await RunOneAsync(ct))
            n++;
        return n;
    }

    /// <summary>Claims and runs one due job; false when there was none.</summary>
    public async Task<bool> RunOneAsync(CancellationToken ct)
    {
        var lease = options.Value.Lease;
        BackgroundJob? job;
        await using (var claimScope = scopes.CreateAsyncScope())
        {
            var db = claimScope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = time.GetUtcNow();
            var leaseUntil = now + lease;
            job = (await db.BackgroundJobs.FromSql($"""
                UPDATE "BackgroundJobs" SET "State" = 1, "Attempts" = "Attempts" + 1, "StartedAt" = {now},
                                            "LeaseUntil" = {leaseUntil}
                WHERE "Id" = (
                    SELECT "Id" FROM "BackgroundJobs"
                    WHERE ("State" = 0 AND "RunAt" <= {now}) OR ("State" = 1 AND "LeaseUntil" < {now})
                    ORDER BY "RunAt"
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).AsNoTracking().ToListAsync(ct)).FirstOrDefault();
        }
        if (job is null)
            return false;

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var handler = services.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind);
        string? result = null;
        Exception? error = null;
        if (handler is null)
        {
            error = new InvalidOperationException($"No handler for job kind '{job.Kind}'.");
        }
        else
        {
            var context = new JobContext(job, (done, total) => ReportProgressAsync(job.Id, done, total, ct));
            try
            {
                result = await handler.RunAsync(context, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                error = ex;
            }
        }

        await FinishAsync(job, result, error, CancellationToken.None);
        return true;
    }

    private async Task ReportProgressAsync(Guid id, int done, int? total, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var leaseUntil = time.GetUtcNow() + options.Value.Lease;
        await db.BackgroundJobs.Where(j => j.Id == id && j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Progress, done)
                .SetProperty(j => j.ProgressTotal, total)
                .SetProperty(j => j.LeaseUntil, leaseUntil), ct);
    }

    private async Task FinishAsync(BackgroundJob job, string? result, Exception? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow();
        var jobs = db.BackgroundJobs.Where(j => j.Id == job.Id && j.State == JobState.Running);
        if (error is null)
        {
            await jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Done)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(j => j.Result, result)
                .SetProperty(j => j.LastError, (string?)null), ct);
            LogDone(logger, job.Kind, job.Id, job.Attempts);
        }
        else
        {
            var message = error.Message.Length > 2000 ? error.Message[..2000] : error.Message;
            if (job.Attempts >= BackgroundJob.MaxAttempts)
            {
                await jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Failed)
                    .SetProperty(j => j.FinishedAt, now)
                    .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(j => j.LastError, message), ct);
            }
            else
            {
                var retryAt = now + TimeSpan.FromMinutes(job.Attempts * job.Attempts);
                await jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Queued)
                    .SetProperty(j => j.RunAt, retryAt)
                    .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(j => j.LastError, message), ct);
            }
            LogFailed(logger, error, job.Kind, job.Id, job.Attempts);
        }

        var again = recurring.FirstOrDefault(r => r.Kind == job.Kind);
        if (again is not null && (error is null || job.Attempts >= BackgroundJob.MaxAttempts))
        {
            var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
            await queue.EnsureQueuedAsync(again.Kind, RecurringKey(again.Kind), now + again.Interval, ct: ct);
        }
    }

    public static string RecurringKey(string kind) => "recurring:" + kind;

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Kind} {JobId} done (attempt {Attempt})")]
    private static partial void LogDone(ILogger logger, string kind, Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind} {JobId} failed (attempt {Attempt})")]
    private static partial void LogFailed(ILogger logger, Exception ex, string kind, Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job runner loop failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception ex);
}

public static class JobsSetup
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<JobOptions>(config.GetSection(JobOptions.Section));
        services.AddScoped<JobQueue>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return services;
    }

    /// <summary>Registers the handler of one job kind.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services)
        where THandler : class, IJobHandler => services.AddScoped<IJobHandler, THandler>();

    /// <summary>Registers a handler and keeps one job of its kind scheduled every <paramref name="interval"/>.</summary>
    public static IServiceCollection AddRecurringJob<THandler>(this IServiceCollection services, string kind,
        TimeSpan interval) where THandler : class, IJobHandler
    {
        services.AddJobHandler<THandler>();
        services.AddSingleton(new RecurringJob(kind, interval));
        return services;
    }
}
