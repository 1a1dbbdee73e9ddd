using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Jobs;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Jobs;

namespace NetworkPlatform.Tests.Jobs;

/// <summary>What the test handlers saw: how often each job ran, and which ones are told to fail.</summary>
public sealed class JobLog
{
    public ConcurrentDictionary<Guid, int> Runs { get; } = new();
    public ConcurrentDictionary<Guid, bool> FailAlways { get; } = new();
}

public sealed class CountingHandler(JobLog log) : IJobHandler
{
    public string Kind => "TestCount";

    public async Task<string?> RunAsync(JobContext job, CancellationToken ct)
    {
        await job.ReportProgressAsync(1, 2);
        await Task.Delay(5, ct);
        log.Runs.AddOrUpdate(job.Id, 1, (_, n) => n + 1);
        if (log.FailAlways.ContainsKey(job.Id))
            throw new InvalidOperationException("told to fail");
        return $$"""{"payload": {{job.Payload ?? "null"}}}""";
    }
}

public sealed class RecurringHandler(JobLog log) : IJobHandler
{
    public string Kind => "TestRecurring";

    public Task<string?> RunAsync(JobContext job, CancellationToken ct)
    {
        log.Runs.AddOrUpdate(job.Id, 1, (_, n) => n + 1);
        return Task.FromResult<string?>(null);
    }
}

/// <summary>The app with test job handlers and no background runner: the tests run the jobs themselves.</summary>
public class JobsFactory : AppFactory
{
    public JobLog Log { get; } = new();

    protected override IDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Jobs:RunInBackground"] = "false" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Log);
            services.AddJobHandler<CountingHandler>();
            services.AddRecurringJob<RecurringHandler>("TestRecurring", TimeSpan.FromHours(1));
        });
    }
}

public class JobRunnerTests(JobsFactory app) : IClassFixture<JobsFactory>
{
    private JobRunner Runner => app.Services.GetRequiredService<JobRunner>();

    private async Task<BackgroundJob> EnqueueAsync(string payload = "1", DateTimeOffset? runAt = null) =>
        await app.WithDbAsync(async db =>
        {
            var job = new JobQueue(db, app.Clock).Enqueue("TestCount", payload: payload, runAt: runAt);
            await db.SaveChangesAsync();
            return job;
        });

    private Task<BackgroundJob> LoadAsync(Guid id) =>
        app.WithDbAsync(db => db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == id));

    [Fact]
    public async Task A_queued_job_runs_once_and_keeps_its_result_and_progress()
    {
        var job = await EnqueueAsync("42");

        await Runner.RunDueAsync();

        var done = await LoadAsync(job.Id);
        Assert.Equal(JobState.Done, done.State);
        Assert.Equal(1, app.Log.Runs[job.Id]);
        Assert.Equal(1, done.Attempts);
        Assert.Equal(1, done.Progress);
        Assert.Equal(2, done.ProgressTotal);
        Assert.Contains("42", done.Result);
        Assert.NotNull(done.FinishedAt);
        Assert.Equal(0, await Runner.RunDueAsync());
    }

    [Fact]
    public async Task A_job_for_later_waits_until_its_time()
    {
        var job = await EnqueueAsync(runAt: app.Clock.GetUtcNow().AddHours(1));
        await Runner.RunDueAsync();
        Assert.Equal(JobState.Queued, (await LoadAsync(job.Id)).State);

        app.Clock.Advance(TimeSpan.FromHours(1.01));
        await Runner.RunDueAsync();
        Assert.Equal(JobState.Done, (await LoadAsync(job.Id)).State);
    }

    [Fact]
    public async Task A_failing_job_is_retried_with_back_off_and_given_up_after_the_last_attempt()
    {
        var job = await EnqueueAsync();
        app.Log.FailAlways[job.Id] = true;

        await Runner.RunDueAsync();
        var first = await LoadAsync(job.Id);
        Assert.Equal(JobState.Queued, first.State);
        Assert.Equal("told to fail", first.LastError);
        Assert.True(first.RunAt > app.Clock.GetUtcNow(), "the retry waits");

        for (var attempt = 2; attempt <= BackgroundJob.MaxAttempts; attempt++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(attempt * attempt + 1));
            await Runner.RunDueAsync();
        }
        var last = await LoadAsync(job.Id);
        Assert.Equal(JobState.Failed, last.State);
        Assert.Equal(BackgroundJob.MaxAttempts, last.Attempts);
        Assert.Equal(BackgroundJob.MaxAttempts, app.Log.Runs[job.Id]);
    }

    [Fact]
    public async Task Two_runners_at_once_run_each_of_20_jobs_exactly_once()
    {
        var jobs = new List<BackgroundJob>();
        for (var i = 0; i < 20; i++)
            jobs.Add(await EnqueueAsync(i.ToString()));
        var second = ActivatorUtilities.CreateInstance<JobRunner>(app.Services);

        using var go = new ManualResetEventSlim();
        var runs = new[] { Runner, second }
            .Select(r => Task.Run(async () => { go.Wait(); return await r.RunDueAsync(); }))
            .ToList();
        go.Set();
        var counts = await Task.WhenAll(runs);

        Assert.True(counts.Sum() >= 20);
        foreach (var job in jobs)
        {
            Assert.Equal(1, app.Log.Runs[job.Id]);
            Assert.Equal(JobState.Done, (await LoadAsync(job.Id)).State);
        }
    }

    [Fact]
    public async Task A_job_whose_instance_died_is_run_again_when_its_lease_runs_out()
    {
        var job = await EnqueueAsync();
        // An instance claimed it and died: running, lease in the future.
        await app.WithDbAsync(db => db.BackgroundJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobState.Running)
            .SetProperty(j => j.Attempts, 1)
            .SetProperty(j => j.LeaseUntil, app.Clock.GetUtcNow().AddMinutes(10))));

        await Runner.RunDueAsync();
        Assert.False(app.Log.Runs.ContainsKey(job.Id));

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await Runner.RunDueAsync();
        var done = await LoadAsync(job.Id);
        Assert.Equal(JobState.Done, done.State);
        Assert.Equal(2, done.Attempts);
    }

    [Fact]
    public async Task A_recurring_job_is_queued_once_however_often_instances_start_and_again_after_each_run()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Runner.EnsureRecurringAsync(default))));
        var key = JobRunner.RecurringKey("TestRecurring");
        var open = await app.WithDbAsync(db => db.BackgroundJobs.AsNoTracking()
            .Where(j => j.DedupKey == key && (j.State == JobState.Queued || j.State == JobState.Running)).ToListAsync());
        var first = Assert.Single(open);

        await Runner.RunDueAsync();

        Assert.Equal(JobState.Done, (await LoadAsync(first.Id)).State);
        var next = await app.WithDbAsync(db => db.BackgroundJobs.AsNoTracking()
            .SingleAsync(j => j.DedupKey == key && j.State == JobState.Queued));
        Assert.True(next.RunAt >= app.Clock.GetUtcNow().AddMinutes(59));
    }
}
