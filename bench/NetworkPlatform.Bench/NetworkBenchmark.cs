using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Contacts;
using Npgsql;

namespace NetworkPlatform.Bench;

/// <summary>
/// `run`: one client calls NetworkService the way a page does (a fresh DbContext per call, pooled connections) for
/// each scenario, after a warm-up, and writes the percentiles to a markdown report together with the recursive-CTE
/// references for the same pairs.
/// </summary>
public static class NetworkBenchmark
{
    public const double PathTargetMs = 10;
    public const double SupernodeTargetMs = 100;
    public const double BadgesTargetMs = 10;

    public static async Task RunAsync(BenchOptions o)
    {
        var started = DateTime.UtcNow;
        var total = Stopwatch.StartNew();
        var cs = o.ConnectionString;
        var info = await ReadGenerationInfoAsync(cs)
                   ?? throw new ArgumentException($"database {o.DatabaseName} was not made by `generate` (no comment)");
        Log($"run against {o.DatabaseName}: {info.Members:N0} members, {info.ContactRows:N0} contact rows");

        var prewarm = o.Prewarm ? await PrewarmAsync(cs) : "not prewarmed (--no-prewarm)";
        Log($"cache: {prewarm}");
        var members = await MemberIdsAsync(cs);
        var supers = info.SuperConnectors.Select(s => s.Id).ToArray();
        var hubs = info.Hubs.Select(s => s.Id).ToArray();
        var rng = new Random(o.Seed ?? 7);

        await using var samplerConn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "bench-sampler" }.ConnectionString);
        await samplerConn.OpenAsync();
        var sampler = new PairSampler(samplerConn, members, rng);
        var machine = new MachineLoad(await PostmasterPidAsync(samplerConn, cs));
        var loadBefore = MachineLoad.LoadAverage();

        var count = o.Warmup + o.Iterations;
        var sw = Stopwatch.StartNew();
        Log($"sampling inputs ({count} per scenario)...");
        var d2 = await PairsAsync(count, () => sampler.PairAtDistanceAsync(2, sampler.RandomMemberWithContactsAsync));
        var d3 = await PairsAsync(count, () => sampler.PairAtDistanceAsync(3, sampler.RandomMemberWithContactsAsync));
        var randomPairs = Enumerable.Range(0, count).Select(_ => new SampledPair(sampler.RandomMember(), sampler.RandomMember(), null)).ToList();
        var superOneEnd = await PairsAsync(count, async () =>
        {
            var s = supers[rng.Next(supers.Length)];
            // A super-connector reaches most members in two steps, so a third-degree pair is rare; try, else take 2.
            var pair = await sampler.PairAtDistanceAsync(3, () => Task.FromResult(s), attempts: 5)
                       ?? await sampler.PairAtDistanceAsync(2, () => Task.FromResult(s));
            return pair is null ? null : rng.Next(2) == 0 ? pair : new SampledPair(pair.To, pair.From, pair.Distance);
        });
        var bothEnds = await PairsAsync(count, async () =>
        {
            // Two super-connectors, or a super-connector and one of the largest hubs. Most such pairs are direct
            // contacts (the badge says "1st", no path is shown, but both contact lists are still read); prefer pairs
            // that are not, and take a direct pair only when none turns up.
            for (var attempt = 0; ; attempt++)
            {
                var a = supers[rng.Next(supers.Length)];
                var b = rng.Next(3) == 0 ? supers[rng.Next(supers.Length)] : hubs[rng.Next(hubs.Length)];
                var d = await sampler.DistanceAsync(a, b);
                if (d is null or >= 2 || (d == 1 && attempt >= 20))
                    return new SampledPair(a, b, d);
            }
        }, allowRepeats: true);
        var throughSuper = await PairsAsync(count, async () =>
        {
            // A -> S -> B or A -> S -> X -> B: A a contact of the super-connector S, B a walk of 1 or 2 steps from S.
            var s = supers[rng.Next(supers.Length)];
            var distance = rng.Next(2) + 2;
            var a = await sampler.RandomContactAsync(s);
            var b = await sampler.WalkAsync(s, distance - 1);
            return a is { } from && b is { } to && await sampler.DistanceAsync(from, to) == distance
                ? new SampledPair(from, to, distance)
                : null;
        });
        var viewers = await ListAsync(count, sampler.RandomMemberWithContactsAsync);
        var randomTargets = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 20).Select(_ => sampler.RandomMember()).ToArray()).ToList();
        var hubTargets = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 20)
            .Select(i => i % 2 == 0 ? sampler.RandomMember() : rng.Next(3) == 0 ? supers[rng.Next(supers.Length)] : hubs[rng.Next(hubs.Length)]).ToArray()).ToList();
        var sampling = sw.Elapsed.TotalSeconds;
        Log($"inputs ready after {sampling:N1} s");

        var counter = new QueryCounter();
        var log = new CommandLog();
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "bench-service" }.ConnectionString)
            .AddInterceptors(counter, log)
            .Options;
        var runner = new Runner(options, counter, log, machine, o.Warmup, o.Attempts, o.PauseSeconds);

        // The sampler's cache and the inputs' garbage would otherwise be traced by every collection while we measure.
        sampler.Forget();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        var results = new List<ScenarioResult>();
        var slowest = new Dictionary<ScenarioResult, IReadOnlyList<CommandLog.Entry>>();

        async Task<ScenarioResult> Paths(string name, string description, List<SampledPair> pairs, double target, double quantile)
        {
            var r = new ScenarioResult(name, description)
            { Target = quantile == 0.95 ? $"p95 <= {target} ms" : $"p99 <= {target} ms", TargetMillis = target, TargetQuantile = quantile };
            if (!o.Wanted(name))
                return r;
            await runner.RunAsync(r, pairs, async (db, p) =>
            {
                var paths = await new NetworkService(db).PathsAsync(p.From, p.To);
                var length = paths.Count == 0 ? (int?)null : paths[0].Count - 1;
                r.Outcome(length is not null ? $"{length} steps, {paths.Count} path(s)"
                    : p.Distance == 1 ? "direct contacts" : "no path");
                // Only 2nd-degree paths are shown (ADR 0009: a 3rd-degree one reveals contacts of strangers), and not
                // even those where the target or every middle member keeps their list to themselves (one in ten
                // generated members): a pair at distance 2 may have none.
                if (p.Distance is { } d)
                    r.Check(d == 2 ? length is null or 2 : length is null);
            }, slowest);
            results.Add(r);
            return r;
        }

        Log("measuring...");
        var floor = new ScenarioResult("floor: one trivial query",
            "A new AppDbContext and `SELECT 1` through EF Core: what one round trip costs on this machine right now, the floor under every number above");
        await runner.RunAsync(floor, Enumerable.Range(0, count).ToList(),
            async (db, _) => await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\"").ToListAsync(), slowest);
        results.Add(floor);
        var pathD2 = await Paths("path, 2nd degree", "PathsAsync(A, B) for pairs at distance 2 (random walks from random members)", d2, PathTargetMs, 0.95);
        var pathD3 = await Paths("path, 3rd degree", "PathsAsync(A, B) for pairs at distance 3 (random walks, closer pairs rejected); since ADR 0009 the answer is no path", d3, PathTargetMs, 0.95);
        await Paths("path, random pair", "PathsAsync(A, B) for two members drawn uniformly (any distance, incl. none)", randomPairs, PathTargetMs, 0.95);
        var pathSuper = await Paths("supernode: one end", "PathsAsync between a super-connector (~5,000 contacts) and a member 2-3 steps away, either direction", superOneEnd, SupernodeTargetMs, 0.99);
        await Paths("supernode: both ends", "PathsAsync between two super-connectors, or a super-connector and one of the 1,000 largest other hubs (not direct contacts where such a pair can be found)", bothEnds, SupernodeTargetMs, 0.99);
        await Paths("supernode: routed through", "PathsAsync A -> S -> B or A -> S -> X -> B, where S is a super-connector among A's contacts", throughSuper, SupernodeTargetMs, 0.99);

        async Task Badges(string name, string description, List<Guid> viewerList, List<Guid[]> targets, bool supernode)
        {
            var r = supernode
                ? new ScenarioResult(name, description) { Target = $"p99 <= {SupernodeTargetMs} ms", TargetMillis = SupernodeTargetMs, TargetQuantile = 0.99 }
                : new ScenarioResult(name, description) { Target = $"p95 <= {BadgesTargetMs} ms", TargetMillis = BadgesTargetMs, TargetQuantile = 0.95 };
            if (!o.Wanted(name))
                return;
            var inputs = viewerList.Zip(targets).ToList();
            await runner.RunAsync(r, inputs, async (db, x) =>
            {
                var degrees = await new NetworkService(db).DegreesAsync(x.First, x.Second);
                foreach (var d in degrees.Values)
                    r.Outcome(d is null ? "none" : $"{d}.");
            }, slowest);
            results.Add(r);
        }

        await Badges("badges for 20, random", "DegreesAsync(viewer, 20 members drawn uniformly), viewer a random member with contacts", viewers, randomTargets, supernode: false);
        await Badges("supernode: badges, hubs among the 20", "DegreesAsync(viewer, 10 random members + 10 super-connectors/hubs), viewer a random member", viewers, hubTargets, supernode: true);
        await Badges("supernode: badges, super-connector viewer", "DegreesAsync(super-connector, 20 random members)",
            Enumerable.Range(0, count).Select(i => supers[i % supers.Length]).ToList(), randomTargets, supernode: true);

        async Task Suggestions(string name, string description, List<Guid> who, string? target, double? targetMs)
        {
            var r = new ScenarioResult(name, description) { Target = target, TargetMillis = targetMs, TargetQuantile = 0.99 };
            if (!o.Wanted(name))
                return;
            await runner.RunAsync(r, who, async (db, m) =>
            {
                var (list, _) = await new SuggestionService(db).SuggestionsAsync(m);
                r.Outcome(list.Count == 10 ? "10 suggestions" : $"{list.Count} suggestions");
            }, slowest);
            results.Add(r);
        }

        await Suggestions("people you may know", "SuggestionsAsync(me) for a random member with contacts (10 cards)", viewers, null, null);
        await Suggestions("supernode: people you may know", "SuggestionsAsync(me) for a super-connector: ~5,000 contacts, their contacts ranked",
            // Seconds per call before the fix: 30 measured calls (each super-connector three times) are enough.
            Enumerable.Range(0, o.Warmup + Math.Min(o.Iterations, 30)).Select(i => supers[i % supers.Length]).ToList(),
            $"p99 <= {SupernodeTargetMs} ms", SupernodeTargetMs);

        Log("recursive CTE references...");
        var naive = o.NaivePairs == 0 ? [] : await NaiveCte.RunAsync(cs, o, machine, [
            ("path, 2nd degree", d2.Skip(o.Warmup).Take(o.NaivePairs).ToList(), pathD2),
            ("path, 3rd degree", d3.Skip(o.Warmup).Take(o.NaivePairs).ToList(), pathD3),
            ("supernode: one end", superOneEnd.Skip(o.Warmup).Take(Math.Max(1, o.NaivePairs / 2)).ToList(), pathSuper),
        ]);

        Log("explaining the slowest calls...");
        var explained = await CommandLog.ExplainSlowestAsync(cs, results, slowest);

        var load = $"{loadBefore} before, {MachineLoad.LoadAverage()} after";
        var report = await Report.WriteAsync(o, cs, info, results, naive, explained, started, total.Elapsed, sampling, load, prewarm);
        Log($"report: {report}");
        foreach (var r in results)
            Log($"  {r.Name,-38} p50 {r.Percentile(0.5),8:N2}  p95 {r.Percentile(0.95),8:N2}  p99 {r.Percentile(0.99),8:N2}  max {r.Max,8:N2} ms");
    }

    /// <summary>
    /// A warm cache, as on a database server sized for its data: the indexes and the member tables go into shared
    /// buffers, the contacts' heap (read only for "people you may know") into the OS cache. Without it the first
    /// minutes measure the disk. Needs the pg_prewarm extension (postgresql-contrib); without it, says so and goes on.
    /// </summary>
    private static async Task<string> PrewarmAsync(string cs)
    {
        var sw = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        try
        {
            await using (var ext = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_prewarm", conn))
                await ext.ExecuteNonQueryAsync();
            await using var cmd = new NpgsqlCommand("""
                SELECT sum(pg_prewarm(r::regclass, mode)) * current_setting('block_size')::bigint / 1048576
                FROM (VALUES ('"PK_Contacts"', 'buffer'), ('"IX_Contacts_ContactUserId_UserId"', 'buffer'),
                             ('"PK_AspNetUsers"', 'buffer'), ('"AspNetUsers"', 'buffer'),
                             ('"PK_MemberProfiles"', 'buffer'), ('"MemberProfiles"', 'buffer'),
                             ('"Contacts"', 'read')) AS x(r, mode)
                """, conn) { CommandTimeout = 0 };
            var mb = await cmd.ExecuteScalarAsync();
            return $"prewarmed {mb:N0} MB with pg_prewarm in {sw.Elapsed.TotalSeconds:N0} s (indexes and member tables into shared buffers, the Contacts heap into the OS cache)";
        }
        catch (PostgresException e)
        {
            return $"not prewarmed ({e.MessageText})";
        }
    }

    /// <summary>The server's main process, when it runs on this machine (its CPU time is ours, not other load).</summary>
    internal static async Task<int?> PostmasterPidAsync(NpgsqlConnection conn, string cs)
    {
        var host = new NpgsqlConnectionStringBuilder(cs).Host ?? "";
        if (host is not ("127.0.0.1" or "localhost" or "::1") && !host.StartsWith('/'))
            return null;
        await using var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", conn);
        return MachineLoad.PostmasterOf((int)(await cmd.ExecuteScalarAsync())!);
    }

    private static async Task<List<SampledPair>> PairsAsync(int count, Func<Task<SampledPair?>> next, bool allowRepeats = false)
    {
        var list = new List<SampledPair>();
        var seen = new HashSet<(Guid, Guid)>();
        for (var attempts = 0; list.Count < count && attempts < count * 20; attempts++)
        {
            if (await next() is { } p && (allowRepeats || seen.Add((p.From, p.To))))
                list.Add(p);
        }
        if (list.Count == 0)
            throw new InvalidOperationException("no pairs found for a scenario; is the network empty?");
        // Too few distinct pairs (tiny networks): repeat them.
        for (var i = 0; list.Count < count; i++)
            list.Add(list[i]);
        return list;
    }

    private static async Task<List<Guid>> ListAsync(int count, Func<Task<Guid>> next)
    {
        var list = new List<Guid>();
        for (var i = 0; i < count; i++)
            list.Add(await next());
        return list;
    }

    internal static async Task<GenerationInfo?> ReadGenerationInfoAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()", conn);
        return await cmd.ExecuteScalarAsync() is string json ? JsonSerializer.Deserialize<GenerationInfo>(json) : null;
    }

    internal static async Task<Guid[]> MemberIdsAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""SELECT "Id" FROM "AspNetUsers" ORDER BY "Id" """, conn);
        var ids = new List<Guid>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            ids.Add(r.GetGuid(0));
        return ids.ToArray();
    }

    internal static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
