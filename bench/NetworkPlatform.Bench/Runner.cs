using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;

namespace NetworkPlatform.Bench;

/// <summary>
/// Times each call with a fresh DbContext, as one web request would make it, from one client or from several at
/// once (<paramref name="clients"/>: that many callers, each taking the next input as soon as its last call returned).
/// Both benchmarks (`run`, `run-search`) measure through this one class.
/// </summary>
public sealed class Runner(DbContextOptions<AppDbContext> options, QueryCounter counter, CommandLog log,
    MachineLoad machine, int warmup, int attempts, int pauseSeconds, double maxSeconds = double.PositiveInfinity)
{
    /// <summary>A scenario that runs past its time budget stops early, but not before this many measured calls.</summary>
    public const int MinCalls = 20;

    /// <summary>
    /// On a shared machine another session's build can take both cores for a minute. When more than
    /// <see cref="QuietCores"/> of other load was seen, the scenario is measured again after a pause (same inputs),
    /// up to <c>--attempts</c> times, and the attempt with the least other load is kept; the report says so.
    /// </summary>
    public const double QuietCores = 0.5;

    public async Task RunAsync<T>(ScenarioResult r, IReadOnlyList<T> inputs, Func<AppDbContext, T, Task> call,
        Dictionary<ScenarioResult, IReadOnlyList<CommandLog.Entry>> slowest, int clients = 1)
    {
        r.Clients = clients;
        ScenarioResult? best = null;
        IReadOnlyList<CommandLog.Entry>? bestSlowest = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            r.Reset();
            slowest.Remove(r);
            await MeasureAsync(r, inputs, call, slowest, clients);
            if (best is null || r.OtherCores < best.OtherCores)
            {
                best = r.Copy();
                bestSlowest = slowest.GetValueOrDefault(r);
            }
            if (r.OtherCores is null || r.OtherCores <= QuietCores || attempt == attempts)
                break;
            Log($"  {r.Name}: {r.OtherCores:N2} cores of other load; measuring again in {pauseSeconds} s");
            await Task.Delay(TimeSpan.FromSeconds(pauseSeconds));
            r.Attempts = attempt + 1;
        }
        r.RestoreFrom(best!);
        if (bestSlowest is not null)
            slowest[r] = bestSlowest;
        Log($"  {r.Name,-38} kept: p50 {r.Percentile(0.5),8:N2}  p95 {r.Percentile(0.95),8:N2}  p99 {r.Percentile(0.99),8:N2}  max {r.Max,8:N2} ms" +
            $"  (other load {r.OtherCores:N2} cores, attempt(s) {r.Attempts})");
    }

    private async Task MeasureAsync<T>(ScenarioResult r, IReadOnlyList<T> inputs, Func<AppDbContext, T, Task> call,
        Dictionary<ScenarioResult, IReadOnlyList<CommandLog.Entry>> slowest, int clients)
    {
        GC.Collect();
        var worst = -1.0;
        var gate = new object();

        // One call: its own count of round trips and its own statement log (both follow the async flow, so
        // concurrent callers do not mix), timed from the new DbContext until the result is read.
        async Task One(T input, bool measured)
        {
            counter.BeginCall();
            log.TakeCall();
            var sw = Stopwatch.StartNew();
            try
            {
                await using var db = new AppDbContext(options);
                await call(db, input);
                sw.Stop();
            }
            catch (Exception e)
            {
                // A failing call is a finding, not a reason to stop: count it, show the first few, go on.
                sw.Stop();
                log.TakeCall();
                lock (gate)
                {
                    if (measured)
                        r.Errors++;
                    if (r.Errors <= 3)
                        Log($"  {r.Name}: {e.GetType().Name}: {e.Message}");
                }
                return;
            }
            var calls = log.TakeCall();
            if (!measured)
                return;
            var ms = sw.Elapsed.TotalMilliseconds;
            lock (gate)
            {
                r.Millis.Add(ms);
                r.Queries.Add(counter.CallCount);
                r.SqlMillis.Add(calls.Sum(c => c.Duration.TotalMilliseconds));
                if (ms > worst)
                {
                    worst = ms;
                    slowest[r] = calls;
                }
            }
        }

        async Task Phase(int from, int to, bool measured)
        {
            r.Recording = measured;
            if (clients <= 1)
            {
                for (var i = from; i < to && !OverBudget(i - from, measured); i++)
                    await One(inputs[i], measured);
                return;
            }
            var next = from - 1;
            var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < to && !OverBudget(i - from, measured); i = Interlocked.Increment(ref next))
                    await One(inputs[i], measured);
            }));
            await Task.WhenAll(workers);
        }

        // Slow scenarios (seconds per call) stop at the time budget: the warm-up after a tenth of it, the measured
        // calls once the budget is spent and at least MinCalls were made.
        var wall = Stopwatch.StartNew();
        bool OverBudget(int done, bool measured) => measured
            ? done >= MinCalls && wall.Elapsed.TotalSeconds > maxSeconds
            : done >= Math.Min(3, warmup) && wall.Elapsed.TotalSeconds > maxSeconds / 10;
        var warm = Math.Min(warmup, inputs.Count);
        await Phase(0, warm, measured: false);
        var start = machine.Take();
        wall.Restart();
        await Phase(warm, inputs.Count, measured: true);
        r.WallSeconds = wall.Elapsed.TotalSeconds;
        r.OtherCores = MachineLoad.OtherCores(start, machine.Take());
        Log($"  {r.Name,-38} p50 {r.Percentile(0.5),8:N2}  p95 {r.Percentile(0.95),8:N2}  p99 {r.Percentile(0.99),8:N2}  max {r.Max,8:N2} ms" +
            $"  (other load {r.OtherCores:N2} cores)");
    }

    private static void Log(string message) => NetworkBenchmark.Log(message);
}
