using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Domain.Search;
using Npgsql;
using NpgsqlTypes;

namespace NetworkPlatform.Bench;

/// <summary>
/// `run-search` (issue 5, "Scale"): the member search as the results page calls it (<see cref="SearchService"/>, first
/// page of 20, free and premium viewers with their network), for terms of known frequency, names with typos, several
/// words and filters; from one client and from 16 at once. Then a burst of sign-ups (100,000 new profiles by batched
/// INSERTs), measured right after, and again after VACUUM (ANALYZE).
/// </summary>
public static class SearchBenchmark
{
    public const double TermTargetMs = 30;
    public const double CommonTargetMs = 100;
    public const double TypoTargetMs = 30;
    public const string BurstTag = "burst";
    private const string SteadyPhase = "steady state";

    private sealed record Search(Guid? Viewer, bool Premium, string? Query, MemberSearchFilters Filters, string? Expect = null);

    public sealed record Phase(string Name, string Description, List<ScenarioResult> Results,
        List<(ScenarioResult Scenario, CommandLog.Entry Entry, string Plan)> Explained, string State);

    public static async Task RunAsync(BenchOptions o)
    {
        var started = DateTime.UtcNow;
        var total = Stopwatch.StartNew();
        var cs = new NpgsqlConnectionStringBuilder(o.ConnectionString) { MaxPoolSize = 4 * o.Clients + 4 }.ConnectionString;
        var info = await NetworkBenchmark.ReadGenerationInfoAsync(cs)
                   ?? throw new ArgumentException($"database {o.DatabaseName} was not made by `generate` (no comment)");
        Log($"search benchmark against {o.DatabaseName}: {info.Members:N0} members");

        var removed = await RemoveBurstAsync(cs);
        if (removed > 0)
            Log($"removed {removed:N0} members of an earlier burst (and vacuumed)");
        var prewarm = o.Prewarm ? await PrewarmAsync(cs) : "not prewarmed (--no-prewarm)";
        Log($"cache: {prewarm}");

        var members = await NetworkBenchmark.MemberIdsAsync(cs);
        var rng = new Random(o.Seed ?? 7);
        await using var samplerConn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "bench-sampler" }.ConnectionString);
        await samplerConn.OpenAsync();
        var sampler = new PairSampler(samplerConn, members, rng);
        var machine = new MachineLoad(await NetworkBenchmark.PostmasterPidAsync(samplerConn, cs));
        var loadBefore = MachineLoad.LoadAverage();

        var count = o.Warmup + o.Iterations;
        var sw = Stopwatch.StartNew();
        var viewers = new List<Guid>();
        for (var i = 0; i < count; i++)
            viewers.Add(await sampler.RandomMemberWithContactsAsync());
        var cities = await CitiesAsync(samplerConn, viewers);
        var names = await NamesAsync(samplerConn, Enumerable.Range(0, count).Select(_ => sampler.RandomMember()).ToList());
        sampler.Forget();
        var sampling = sw.Elapsed.TotalSeconds;

        // Every other call by a premium member (limit 300 instead of 30; the first page is the same 20).
        Search Free(int i, string? q, MemberSearchFilters? f = null) => new(viewers[i], i % 2 == 1, q, f ?? new());
        var emptyFilters = new MemberSearchFilters();
        string[] fixedTypos = ["Muller", "Mueller", "Schmitt", "Schneidr", "Hofman", "Fischr"];
        string[] multiWords = ["Kubernetes Docker", "Senior Consultant Projektmanagement", "Controlling SAP",
            "Python Machine Learning", "Marketing Managerin SEO", "Architektin BIM", "Nachhaltigkeit Coaching"];
        var scenarios = new List<(string Name, string Description, List<Search> Inputs, string? Target, double? TargetMs)>
        {
            ("rare term (0.01 %)", $"\"{ProfileText.RareTerm}\", a skill in {ProfileText.RareShare:P2} of the profiles",
                Enumerable.Range(0, count).Select(i => Free(i, ProfileText.RareTerm)).ToList(), $"p95 <= {TermTargetMs} ms", TermTargetMs),
            ("medium term (0.5 %)", $"\"{ProfileText.MediumTerm}\", a skill in {ProfileText.MediumShare:P1} of the profiles",
                Enumerable.Range(0, count).Select(i => Free(i, ProfileText.MediumTerm)).ToList(), $"p95 <= {TermTargetMs} ms", TermTargetMs),
            ("common term (5 %)", $"\"{ProfileText.CommonTerm}\", an interest in {ProfileText.CommonShare:P0} of the profiles",
                Enumerable.Range(0, count).Select(i => Free(i, ProfileText.CommonTerm)).ToList(), $"p95 <= {CommonTargetMs} ms", CommonTargetMs),
            ("name with a typo", $"in turn one of {string.Join(", ", fixedTypos.Select(t => $"\"{t}\""))} (common names: Müller 0.7 %, Schmidt 0.5 %), and a random member's first name with a typo in the last name (a letter changed, dropped or swapped; umlauts written without e); outcome: whether that member is on the first page",
                Enumerable.Range(0, count).Select(i => i % 2 == 0
                    ? Free(i, fixedTypos[i / 2 % fixedTypos.Length])
                    : Free(i, $"{names[i].First} {Typo(names[i].Last, rng)}") with { Expect = names[i].Full }).ToList(),
                $"p95 <= {TypoTargetMs} ms", TypoTargetMs),
            ("several words", $"in turn {string.Join(", ", multiWords.Select(t => $"\"{t}\""))} (all words must match)",
                Enumerable.Range(0, count).Select(i => Free(i, multiWords[i % multiWords.Length])).ToList(), $"p95 <= {TermTargetMs} ms", TermTargetMs),
            ("medium term + city + 2nd degree", $"\"{ProfileText.MediumTerm}\" with the viewer's own city and the 2nd-degree filter",
                Enumerable.Range(0, count).Select(i => Free(i, ProfileText.MediumTerm, new() { City = cities[viewers[i]], Degree = DegreeFilter.Second })).ToList(),
                $"p95 <= {TermTargetMs} ms", TermTargetMs),
            ("common term + premium filters", $"premium viewer: \"{ProfileText.CommonTerm}\" with offers \"Workshops\", language \"Englisch\", at least 5 years of experience",
                Enumerable.Range(0, count).Select(i => new Search(viewers[i], true, ProfileText.CommonTerm,
                    new() { Offers = "Workshops", Language = "Englisch", MinYears = 5 })).ToList(), $"p95 <= {CommonTargetMs} ms", CommonTargetMs),
            ("visitor, medium term", $"an anonymous visitor (public profiles only, no network): \"{ProfileText.MediumTerm}\"",
                Enumerable.Range(0, count).Select(i => new Search(null, false, ProfileText.MediumTerm, emptyFilters)).ToList(), $"p95 <= {TermTargetMs} ms", TermTargetMs),
            ("filters only: skill + city", "no words, the skill filter \"Python\" and the viewer's city (ADR 0006 expects a scan)",
                Enumerable.Range(0, o.Warmup + Math.Min(o.Iterations, o.SlowIterations)).Select(i => Free(i, null, new() { Skill = "Python", City = cities[viewers[i]] })).ToList(),
                null, null),
        };
        Log($"inputs ready after {sampling:N1} s");

        var counter = new QueryCounter();
        var log = new CommandLog();
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(DatabaseConnection.Tune(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "bench-service" }.ConnectionString))
            .AddInterceptors(counter, log)
            .Options;
        var runner = new Runner(options, counter, log, machine, o.Warmup, o.Attempts, o.PauseSeconds,
            double.IsPositiveInfinity(o.MaxSeconds) ? 30 : o.MaxSeconds);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        async Task<Phase> MeasurePhase(string phase, string description)
        {
            Log($"phase: {phase}");
            var state = await TableStateAsync(cs);
            var results = new List<ScenarioResult>();
            var slowest = new Dictionary<ScenarioResult, IReadOnlyList<CommandLog.Entry>>();
            foreach (var s in scenarios)
            {
                // The scan takes seconds a call at 1M and has no target: measured in the steady state only.
                if (s.Target is null && results.Count > 0 && phase != SteadyPhase)
                    continue;
                foreach (var clients in o.ClientCounts)
                {
                    var name = clients == 1 ? s.Name : $"{s.Name}, {clients} clients";
                    if (!o.Wanted(name))
                        continue;
                    var r = new ScenarioResult(name, s.Description)
                    {
                        Target = s.Target, TargetMillis = s.TargetMs, TargetQuantile = 0.95,
                    };
                    await runner.RunAsync(r, s.Inputs, async (db, x) =>
                    {
                        var service = new SearchService(db, TimeProvider.System)
                        {
                            RankCap = EnvInt("NP_BENCH_RANK_CAP") ?? SearchService.DefaultRankCap,
                            CountCap = EnvInt("NP_BENCH_COUNT_CAP") ?? SearchService.DefaultCountCap,
                        };
                        var found = await service.SearchAsync(new SearchViewer(x.Viewer, x.Premium), x.Query, x.Filters, 1);
                        r.Outcome(Bucket(found.Total));
                        if (x.Expect is { } who)
                            r.Outcome(found.Hits.Any(h => $"{h.FirstName} {h.LastName}" == who) ? "member on page 1" : "member not on page 1");
                    }, slowest, clients);
                    results.Add(r);
                }
            }
            Log("explaining the slowest calls...");
            var explained = await CommandLog.ExplainSlowestAsync(cs, results, slowest);
            return new Phase(phase, description, results, explained, state);
        }

        var phases = new List<Phase>
        {
            await MeasurePhase(SteadyPhase, "the generated database after `generate` (VACUUM ANALYZE done, GIN indexes freshly built, pending lists empty)"),
        };

        string? burst = null;
        if (o.Burst > 0)
        {
            sw.Restart();
            burst = await BurstAsync(cs, info, o.Burst, o.BurstBatch);
            Log($"burst: {burst}");
            phases.Add(await MeasurePhase("right after the burst",
                $"right after the burst ({burst}); no manual VACUUM or ANALYZE (autovacuum may run meanwhile: see the table state)"));
            sw.Restart();
            await using (var conn = new NpgsqlConnection(cs))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("""VACUUM (ANALYZE) "AspNetUsers", "MemberProfiles" """, conn) { CommandTimeout = 0 };
                await cmd.ExecuteNonQueryAsync();
            }
            var vacuum = sw.Elapsed.TotalSeconds;
            phases.Add(await MeasurePhase("after VACUUM (ANALYZE)",
                $"after `VACUUM (ANALYZE) \"AspNetUsers\", \"MemberProfiles\"` ({vacuum:N0} s), which also moves the GIN pending lists into the indexes"));
        }

        var load = $"{loadBefore} before, {MachineLoad.LoadAverage()} after";
        var report = await Report.WriteSearchAsync(o, cs, info, phases, burst, started, total.Elapsed, sampling, load, prewarm);
        Log($"report: {report}");
        foreach (var p in phases)
        {
            Log(p.Name);
            foreach (var r in p.Results)
                Log($"  {r.Name,-48} p50 {r.Percentile(0.5),8:N2}  p95 {r.Percentile(0.95),8:N2}  p99 {r.Percentile(0.99),8:N2}  max {r.Max,8:N2} ms");
        }
    }

    /// <summary>NP_BENCH_RANK_CAP, NP_BENCH_COUNT_CAP: run SearchService with other caps than the app's defaults.</summary>
    private static int? EnvInt(string name) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : null;

    private static string Bucket(int total) => total switch
    {
        0 => "0 found",
        < 100 => "1-99 found",
        < 1_000 => "100-999 found",
        < 10_000 => "1,000-9,999 found",
        < 100_000 => "10,000-99,999 found",
        _ => "100,000+ found",
    };

    /// <summary>One typing mistake in a name: a letter changed, dropped or two swapped; umlauts typed without e.</summary>
    internal static string Typo(string name, Random rng)
    {
        var plain = name.Replace("ä", "a").Replace("ö", "o").Replace("ü", "u").Replace("ß", "ss");
        if (plain != name)
            return plain;
        if (name.Length < 5)
            return name + name[^1];
        var i = rng.Next(1, name.Length - 1);
        return rng.Next(3) switch
        {
            0 => name[..i] + (char)('a' + (name[i] - 'a' + 1 + rng.Next(24)) % 26) + name[(i + 1)..],
            1 => name[..i] + name[(i + 1)..],
            _ => name[..i] + name[i + 1] + name[i] + name[(i + 2)..],
        };
    }

    private static async Task<Dictionary<Guid, string?>> CitiesAsync(NpgsqlConnection conn, List<Guid> ids)
    {
        await using var cmd = new NpgsqlCommand("""SELECT "UserId", "City" FROM "MemberProfiles" WHERE "UserId" = ANY($1)""", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids.Distinct().ToArray() });
        var map = new Dictionary<Guid, string?>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            map[r.GetGuid(0)] = r.IsDBNull(1) ? null : r.GetString(1);
        return map;
    }

    internal static async Task<List<(string First, string Last, string Full)>> NamesAsync(NpgsqlConnection conn, List<Guid> ids)
    {
        await using var cmd = new NpgsqlCommand("""SELECT "Id", "FirstName", "LastName" FROM "AspNetUsers" WHERE "Id" = ANY($1)""", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids.Distinct().ToArray() });
        var map = new Dictionary<Guid, (string, string, string)>();
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
                map[r.GetGuid(0)] = (r.GetString(1), r.GetString(2), $"{r.GetString(1)} {r.GetString(2)}");
        }
        return ids.Select(id => map[id]).ToList();
    }

    /// <summary>
    /// A burst of sign-ups: <paramref name="members"/> new members, each an account and a filled profile, written as
    /// the application writes them (INSERT, foreign keys and all indexes on, GIN pending lists as configured), by
    /// batches of <paramref name="batch"/> sign-ups per transaction (an NpgsqlBatch: one round trip each), on two
    /// connections at once. Their text comes from the same generator as the network's profiles.
    /// </summary>
    private static async Task<string> BurstAsync(string cs, GenerationInfo info, int members, int batch)
    {
        var now = DateTime.UtcNow;
        var data = new MemberData(members, Math.Max(1, info.Communities), info.Seed + 1000, now, BurstTag, now.AddHours(-1));
        var profiles = new ProfileFields[members];
        var rng = new Random(info.Seed + 1001);
        for (var i = 0; i < members; i++)
            profiles[i] = data.Profile(i, -1, rng);
        var sw = Stopwatch.StartNew();
        var next = -1;
        var stamp = new byte[20];
        async Task Writer()
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            for (var b = Interlocked.Increment(ref next); b * batch < members; b = Interlocked.Increment(ref next))
            {
                await using var tx = await conn.BeginTransactionAsync();
                await using var cmd = new NpgsqlBatch(conn, tx);
                for (var i = b * batch; i < Math.Min(members, (b + 1) * batch); i++)
                {
                    var email = data.Email(i);
                    var user = new NpgsqlBatchCommand("""
                        INSERT INTO "AspNetUsers" ("Id", "FirstName", "LastName", "Culture", "CreatedAt", "UserName",
                            "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp",
                            "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                        VALUES ($1, $2, $3, 'de', $4, $5, $6, $5, $6, true, $7, $8, false, false, true, 0)
                        """);
                    user.Parameters.Add(new NpgsqlParameter { Value = data.Ids[i] });
                    user.Parameters.Add(new NpgsqlParameter { Value = data.First(i) });
                    user.Parameters.Add(new NpgsqlParameter { Value = data.Last(i) });
                    user.Parameters.Add(new NpgsqlParameter { Value = data.CreatedAt[i] });
                    user.Parameters.Add(new NpgsqlParameter { Value = email });
                    user.Parameters.Add(new NpgsqlParameter { Value = email.ToUpperInvariant() });
                    user.Parameters.Add(new NpgsqlParameter { Value = Convert.ToHexString(stamp) });
                    user.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid().ToString() });
                    cmd.BatchCommands.Add(user);

                    var p = profiles[i];
                    var profile = new NpgsqlBatchCommand("""
                        INSERT INTO "MemberProfiles" ("UserId", "Slug", "FullName", "AcademicTitle", "Headline", "Position",
                            "Employer", "City", "Country", "IndustryCode", "Summary", "Skills", "Haves", "Wants", "Interests",
                            "Audience", "AllowSearchEngines", "ShowMeAsVisitor", "FindableByEmail", "ContactListVisibility",
                            "PhoneVisibility", "MobileVisibility", "BusinessEmailVisibility", "AddressVisibility",
                            "BirthdayVisibility", "CreatedAt", "UpdatedAt")
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Deutschland', $9, $10, $11, $12, $13, $14, 0, false, true, true, 0,
                            0, 0, 0, 0, 0, $15, $15)
                        """);
                    void Add(object? value, NpgsqlDbType type) =>
                        profile.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
                    Add(data.Ids[i], NpgsqlDbType.Uuid);
                    Add(data.Slug(i), NpgsqlDbType.Varchar);
                    Add(data.FullName(i), NpgsqlDbType.Varchar);
                    Add(p.AcademicTitle, NpgsqlDbType.Varchar);
                    Add(p.Headline, NpgsqlDbType.Varchar);
                    Add(p.Position, NpgsqlDbType.Varchar);
                    Add(p.Employer, NpgsqlDbType.Varchar);
                    Add(p.City, NpgsqlDbType.Varchar);
                    Add(p.Industry, NpgsqlDbType.Varchar);
                    Add(p.Text.Summary, NpgsqlDbType.Varchar);
                    Add(p.Text.Skills, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    Add(p.Text.Haves, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    Add(p.Text.Wants, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    Add(p.Text.Interests, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    Add(data.CreatedAt[i], NpgsqlDbType.TimestampTz);
                    cmd.BatchCommands.Add(profile);
                }
                await cmd.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }
        }
        await Task.WhenAll(Writer(), Writer());
        var seconds = sw.Elapsed.TotalSeconds;
        return $"{members:N0} sign-ups (account + filled profile) inserted in {seconds:N0} s = {members / seconds:N0} per second, " +
               $"{batch} per transaction, 2 connections";
    }

    /// <summary>Members left over from an earlier run's burst: removed, so every run starts from the generated data.</summary>
    private static async Task<int> RemoveBurstAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""DELETE FROM "AspNetUsers" WHERE "Email" LIKE '%@{BurstTag}.example.com'""", conn) { CommandTimeout = 0 };
        var n = await cmd.ExecuteNonQueryAsync();
        if (n > 0)
        {
            await using var vacuum = new NpgsqlCommand("""VACUUM (ANALYZE) "AspNetUsers", "MemberProfiles" """, conn) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync();
        }
        return n;
    }

    private static async Task<string> PrewarmAsync(string cs)
    {
        var sw = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        try
        {
            await using (var ext = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_prewarm", conn))
                await ext.ExecuteNonQueryAsync();
            // The big relations (tables, the Contacts indexes: 8 GB at 1M) into the OS cache ('read'), then the small
            // indexes every search goes through into shared buffers (bench/README.md: shared_buffers for the search).
            await using var cmd = new NpgsqlCommand("""
                SELECT sum(pg_prewarm(r::regclass, mode)) * current_setting('block_size')::bigint / 1048576
                FROM (VALUES ('"PK_Contacts"', 'read'), ('"IX_Contacts_ContactUserId_UserId"', 'read'),
                             ('"AspNetUsers"', 'read'), ('"MemberProfiles"', 'read'),
                             ('"ProfileLanguages"', 'read'), ('"IX_ProfileLanguages_UserId"', 'read'),
                             ('"ProfileEntries"', 'read'), ('"IX_ProfileEntries_UserId_Kind"', 'read'),
                             ('"PK_AspNetUsers"', 'buffer'), ('"PK_MemberProfiles"', 'buffer'),
                             ('"IX_MemberProfiles_SearchDocument"', 'buffer'), ('"IX_MemberProfiles_NameWords"', 'buffer'),
                             ('"IX_MemberProfiles_SkillKeys"', 'buffer'), ('"SearchNameWords"', 'buffer'),
                             ('"IX_SearchNameWords_Word"', 'buffer')) AS x(r, mode)
                """, conn) { CommandTimeout = 0 };
            var mb = await cmd.ExecuteScalarAsync();
            // TOAST: the summaries, and a search document longer than a page (SearchSql.DocumentStorage); warm that too.
            await using var toast = new NpgsqlCommand("""
                SELECT pg_prewarm(reltoastrelid, 'read') FROM pg_class WHERE relname = 'MemberProfiles' AND reltoastrelid <> 0
                """, conn) { CommandTimeout = 0 };
            await toast.ExecuteScalarAsync();
            return $"prewarmed {mb:N0} MB with pg_prewarm in {sw.Elapsed.TotalSeconds:N0} s (the member tables and the Contacts indexes into the OS cache, the search's indexes into shared buffers)";
        }
        catch (PostgresException e)
        {
            return $"not prewarmed ({e.MessageText})";
        }
    }

    /// <summary>What the planner and the GIN indexes know at the start of a phase.</summary>
    private static async Task<string> TableStateAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var sb = new StringBuilder();
        await using (var cmd = new NpgsqlCommand("""
            SELECT n_live_tup, n_mod_since_analyze, n_ins_since_vacuum,
                   COALESCE(to_char(last_autovacuum, 'HH24:MI:SS'), '-'), COALESCE(to_char(last_autoanalyze, 'HH24:MI:SS'), '-'),
                   COALESCE(to_char(last_vacuum, 'HH24:MI:SS'), '-'), COALESCE(to_char(last_analyze, 'HH24:MI:SS'), '-'),
                   (SELECT reltuples::bigint FROM pg_class WHERE relname = 'MemberProfiles')
            FROM pg_stat_user_tables WHERE relname = 'MemberProfiles'
            """, conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            if (await r.ReadAsync())
                sb.Append(CultureInfo.InvariantCulture, $"MemberProfiles: {r.GetInt64(0):N0} live rows, planner estimate (reltuples) {r.GetInt64(7):N0}, ")
                  .Append(CultureInfo.InvariantCulture, $"{r.GetInt64(1):N0} changed since the last ANALYZE, {r.GetInt64(2):N0} inserted since the last VACUUM; ")
                  .Append(CultureInfo.InvariantCulture, $"last autovacuum {r.GetString(3)}, autoanalyze {r.GetString(4)}, manual vacuum {r.GetString(5)}, analyze {r.GetString(6)} (UTC)");
        }
        try
        {
            await using (var ext = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pgstattuple", conn))
                await ext.ExecuteNonQueryAsync();
            foreach (var index in new[] { "IX_MemberProfiles_SearchDocument", "IX_MemberProfiles_NameWords", "IX_MemberProfiles_SkillKeys" })
            {
                await using var cmd = new NpgsqlCommand($"""
                    SELECT pending_pages, pending_tuples, pg_size_pretty(pg_relation_size('"{index}"')) FROM pgstatginindex('"{index}"')
                    """, conn);
                await using var r = await cmd.ExecuteReaderAsync();
                if (await r.ReadAsync())
                    sb.Append(CultureInfo.InvariantCulture, $"; {index}: {r.GetString(2)}, pending list {r.GetInt32(0):N0} pages / {r.GetInt64(1):N0} rows");
            }
        }
        catch (PostgresException e)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; GIN pending lists unknown ({e.MessageText})");
        }
        return sb.ToString();
    }

    private static void Log(string message) => NetworkBenchmark.Log(message);
}
