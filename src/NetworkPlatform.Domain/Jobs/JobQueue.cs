using Microsoft.EntityFrameworkCore;

namespace NetworkPlatform.Domain.Jobs;

/// <summary>Queues background jobs. Enqueue adds to the caller's unit of work: the job exists only if the change commits.</summary>
public class JobQueue(AppDbContext db, TimeProvider time)
{
    public BackgroundJob Enqueue(string kind, Guid? userId = null, string? payload = null, DateTimeOffset? runAt = null,
        string? dedupKey = null)
    {
        var job = BackgroundJob.Create(kind, userId, payload, time.GetUtcNow(), runAt, dedupKey);
        db.BackgroundJobs.Add(job);
        return job;
    }

    /// <summary>
    /// Queues a job unless one with the same key is queued or running (at once, outside the caller's unit of work).
    /// Returns whether a job was added. Safe when several instances call it at the same time (a unique index decides).
    /// </summary>
    public async Task<bool> EnsureQueuedAsync(string kind, string dedupKey, DateTimeOffset runAt, Guid? userId = null,
        string? payload = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var job = BackgroundJob.Create(kind, userId, payload, now, runAt, dedupKey);
        var added = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "BackgroundJobs" ("Id", "Kind", "UserId", "Payload", "DedupKey", "State", "CreatedAt", "RunAt",
                                          "Attempts", "Progress")
            VALUES ({job.Id}, {job.Kind}, {job.UserId}, {job.Payload}, {job.DedupKey}, 0, {job.CreatedAt}, {job.RunAt}, 0, 0)
            ON CONFLICT ("DedupKey") WHERE "State" IN (0, 1) DO NOTHING
            """, ct);
        return added == 1;
    }

    /// <summary>The newest job of a kind for a member (for a status page), or null.</summary>
    public Task<BackgroundJob?> LatestForUserAsync(string kind, Guid userId, CancellationToken ct = default) =>
        db.BackgroundJobs.AsNoTracking()
            .Where(j => j.Kind == kind && j.UserId == userId)
            .OrderByDescending(j => j.CreatedAt)
            .FirstOrDefaultAsync(ct);
}
