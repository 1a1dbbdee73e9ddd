namespace NetworkPlatform.Domain.Jobs;

/// <summary>
/// Runs the jobs of one <see cref="Kind"/>. Resolved from a fresh DI scope per job. Must be safe to run twice for the
/// same job (a crash after the work but before the job is marked done runs it again).
/// </summary>
public interface IJobHandler
{
    string Kind { get; }

    /// <summary>Does the work; returns the result to store (JSON or null). Throwing retries later with back-off.</summary>
    Task<string?> RunAsync(JobContext job, CancellationToken ct);
}

/// <summary>A job that keeps itself scheduled: one is queued at start-up and the next after each run.</summary>
public sealed record RecurringJob(string Kind, TimeSpan Interval);

/// <summary>The job being run and a way to report progress (committed at once, visible to the member's page).</summary>
public sealed class JobContext(BackgroundJob job, Func<int, int?, Task> reportProgress)
{
    public Guid Id => job.Id;
    public string Kind => job.Kind;
    public Guid? UserId => job.UserId;
    public string? Payload => job.Payload;
    public int Attempt => job.Attempts;

    /// <summary>Stores how far the job is (and extends its lease). Cheap: one UPDATE; call it every few hundred items.</summary>
    public Task ReportProgressAsync(int done, int? total) => reportProgress(done, total);
}
