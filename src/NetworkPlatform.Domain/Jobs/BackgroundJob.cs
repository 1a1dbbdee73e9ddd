namespace NetworkPlatform.Domain.Jobs;

public enum JobState
{
    Queued = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
}

/// <summary>
/// A piece of work done in the background by <c>JobRunner</c> (contact imports, data exports, the deletion purge).
/// It is written in the same transaction as the change that asks for it. A job that is claimed holds a lease; if the
/// instance dies, the lease runs out and another instance runs it again, so every handler must be safe to run twice.
/// </summary>
public class BackgroundJob
{
    public const int MaxAttempts = 5;

    public Guid Id { get; set; }

    /// <summary>Which <see cref="IJobHandler"/> runs it, e.g. "ContactImport".</summary>
    public string Kind { get; set; } = "";

    /// <summary>The member it is for (shown their progress; null for work of the whole platform).</summary>
    public Guid? UserId { get; set; }

    /// <summary>What the handler needs (JSON, small; large inputs live in their own tables).</summary>
    public string? Payload { get; set; }

    /// <summary>While queued or running, at most one job with the same key (e.g. one purge, one export per member).</summary>
    public string? DedupKey { get; set; }

    public JobState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset RunAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>Items done and the total, for a progress bar (total null while unknown).</summary>
    public int Progress { get; set; }
    public int? ProgressTotal { get; set; }

    /// <summary>What the handler reports at the end (JSON), e.g. counts.</summary>
    public string? Result { get; set; }
    public string? LastError { get; set; }

    public static BackgroundJob Create(string kind, Guid? userId, string? payload, DateTimeOffset now,
        DateTimeOffset? runAt = null, string? dedupKey = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = kind,
        UserId = userId,
        Payload = payload,
        DedupKey = dedupKey,
        State = JobState.Queued,
        CreatedAt = now,
        RunAt = runAt ?? now,
    };

    public bool IsFinished => State is JobState.Done or JobState.Failed;
}
