using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace NetworkPlatform.Bench;

/// <summary>The markdown report: machine, data, what was measured, the table, the targets, the CTE references.</summary>
public static class Report
{
    private static readonly string[] Settings =
    [
        "shared_buffers", "huge_pages", "effective_cache_size", "work_mem", "maintenance_work_mem", "random_page_cost",
        "effective_io_concurrency", "max_parallel_workers_per_gather", "jit", "fsync", "synchronous_commit",
        "full_page_writes", "wal_level", "max_wal_size",
    ];

    public static async Task<string> WriteAsync(BenchOptions o, string cs, GenerationInfo info, List<ScenarioResult> results,
        List<NaiveCte.Row> naive, List<(ScenarioResult Scenario, CommandLog.Entry Entry, string Plan)> explained,
        DateTime started, TimeSpan elapsed, double samplingSeconds, string loadAverage, string prewarm)
    {
        var path = o.Out ?? Path.Combine(o.RepositoryRoot, "bench", "results", $"network-{info.Members}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);

        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var (version, settings) = await ServerAsync(conn);
        var dbSize = (string)(await Scalar(conn, "SELECT pg_size_pretty(pg_database_size(current_database()))"))!;
        var contactsHeap = (string)(await Scalar(conn, """SELECT pg_size_pretty(pg_relation_size('"Contacts"'))"""))!;
        var contactsPk = (string)(await Scalar(conn, """SELECT pg_size_pretty(pg_relation_size('"PK_Contacts"'))"""))!;
        var contactsIx = (string)(await Scalar(conn, """SELECT pg_size_pretty(pg_relation_size('"IX_Contacts_ContactUserId_UserId"'))"""))!;

        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');

        L($"# Contact network benchmark: {info.Members:N0} members");
        L();
        if (o.Label is not null)
        {
            L($"**{o.Label}**");
            L();
        }
        L($"Run {started:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalMinutes:N1} min (choosing the inputs: {samplingSeconds:N0} s). " +
          $"Command: `NetworkPlatform.Bench run {string.Join(' ', o.Raw.Select(a => a.Contains(' ') ? $"\"{a}\"" : a))}` " +
          $"after `generate --members {info.Members}` (seed {info.Seed}).");
        L("How to run it: bench/README.md (`bench/run.sh`). Numbers are wall-clock times of one call as the web app makes it: a new");
        L("`AppDbContext` per call (pooled Npgsql connection), the `NetworkService` method, and reading the result; one client, ");
        L($"no other load from us, after {o.Warmup} unmeasured warm-up calls per scenario. Cache: {prewarm}.");
        L();

        Machine(L, o, version, settings, loadAverage);

        L("## Data");
        L();
        L($"- {info.Members:N0} members (AspNetUsers + MemberProfiles: German names from Bogus, employers from a pool of " +
          $"{MemberData.CompanyCount:N0} companies with Zipf-distributed sizes, industry from `Industries.All`), " +
          $"{info.ContactRows:N0} rows in \"Contacts\" = {info.ContactRows / 2:N0} contacts stored in both directions.");
        L($"- Contacts per member: mean {info.AvgDegree:N1}, median {info.DegreeP50}, p90 {info.DegreeP90}, p99 {info.DegreeP99}, " +
          $"p99.9 {info.DegreeP999}, max {info.DegreeMax:N0}; {info.WithoutContacts:N0} members without contacts.");
        L($"- {info.SuperConnectors.Count} super-connectors with {string.Join(", ", info.SuperConnectors.Select(s => s.Degree.ToString("N0", CultureInfo.InvariantCulture)))} contacts; " +
          $"the 1,000 largest other hubs have {info.Hubs.LastOrDefault()?.Degree:N0} to {info.Hubs.FirstOrDefault()?.Degree:N0}.");
        L($"- Model: two-layer Chung-Lu (Miller-Hagberg sampling) with Lomax weights, tail exponent {info.Alpha}, ordinary members " +
          $"capped at {info.MaxDegree:N0}; half of each member's contacts (at most 100) inside one of {info.Communities:N0} " +
          $"communities of ~{info.CommunitySize:N0} members, the rest network-wide. No self-loops, no duplicates (the primary key proves it).");
        L($"- Size: database {dbSize}; \"Contacts\" heap {contactsHeap}, PK_Contacts {contactsPk}, IX_Contacts_ContactUserId_UserId {contactsIx}.");
        L($"- Load (`generate`, binary COPY in one transaction, Contacts indexes dropped and rebuilt" +
          $"{(info.ForeignKeyChecksSkipped ? ", foreign-key triggers off during COPY" : "")}):");
        L();
        L("| phase | seconds |");
        L("|---|---:|");
        foreach (var (phase, seconds) in info.Timings)
            L($"| {phase} | {seconds:N1} |");
        L();

        L("## Results (NetworkService)");
        L();
        L("Milliseconds per call. \"queries\" = SQL round trips per call (min-max). \"in SQL p50\" = the median time per call from sending");
        L("each statement until its last row was read (server, network, reading); the rest is EF Core, the service's own work");
        L("and waiting for a core. \"check\" = calls whose answer was verified against the distance known from sampling");
        L("(path length 2 or 3, or no path); wrong answers would be listed.");
        L();
        ResultsTable(L, results);
        foreach (var r in results)
            L($"- **{r.Name}**: {r.Description}.");
        L();

        L("## Targets (issue 4)");
        L();
        L("Contact path p95 <= 10 ms at 1M members, supernode cases p99 <= 100 ms, badges for 20 members <= 10 ms (no");
        L("percentile given; judged at p95 like the path). Badges where the viewer or half the targets are super-connectors");
        L("or hubs count as supernode cases.");
        L();
        TargetsTable(L, results);
        if (info.Members < 1_000_000)
            L($"The path target is stated for 1M members; this run has {info.Members:N0}, so it shows the trend, not the verdict.");
        L();

        L("## Beside it: the contact path as a recursive CTE");
        L();
        L($"The same pairs (the first {o.NaivePairs} measured pairs of each group, half as many for the super-connector group, three for the");
        L($"ORDER BY variant), `statement_timeout = {o.NaiveTimeoutMs} ms`; a timed-out call counts as {o.NaiveTimeoutMs} ms.");
        L("The SQL is in bench/NetworkPlatform.Bench/NaiveCte.cs.");
        L();
        L("| pairs | query | calls | p50 | p95 | max | timeouts | NetworkService p50 / p95 | check | other load | outcomes |");
        L("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---|");
        foreach (var row in naive)
        {
            var r = row.Result;
            string T(double v) => r.Timeouts > 0 && v >= o.NaiveTimeoutMs ? "timeout" : F(v);
            var check = r.Checked == 0 ? "" : $"{r.Checked - r.WrongAnswers} of {r.Checked} right";
            L($"| {row.Group} | {row.Variant.Name} | {r.Millis.Count} | {T(r.Percentile(0.5))} | {T(r.Percentile(0.95))} | {T(r.Max)} | " +
              $"{r.Timeouts} | {F(row.Service.Percentile(0.5))} / {F(row.Service.Percentile(0.95))} | {check} | {Cores(r)} | {Outcomes(r)} |");
        }
        L();
        L("\"right\" means the shortest path it returned has the known length; the unbounded query returns longer paths too");
        L("when fewer than three shortest ones exist (its depth limit is only a filter), and finds none before the timeout");
        L("when fewer than three paths of at most three steps exist at all.");
        L();

        L("## The slowest call of each scenario");
        L();
        L("Its slowest statement (sent until all rows read), re-run with EXPLAIN ANALYZE with the same");
        L("parameters (a second run, so the plan's timing is warm).");
        L();
        Slowest(L, explained);

        await File.WriteAllTextAsync(path, sb.ToString());
        return path;
    }

    internal static void Machine(Action<string> L, BenchOptions o, string version, List<(string, string)> settings,
        string loadAverage, string? settingsNote = null)
    {
        L("## Machine");
        L("");
        L($"- CPU: {CpuModel()}, `nproc` = {Environment.ProcessorCount}; RAM: {MemTotal()}; {OsName()}; {HugePages()}");
        L($"- {RuntimeInformation.FrameworkDescription}, Npgsql {typeof(NpgsqlConnection).Assembly.GetName().Version}, " +
          $"client and server on the same machine (TCP to 127.0.0.1)");
        L($"- {version}");
        L($"- Load average (1, 5, 15 min): {loadAverage}. The machine is shared: other sessions' builds, tests and browsers");
        L("  ran at the same time. The column \"other load\" is the CPU time of all other processes during each scenario, in");
        L("  cores (of 2): where it is high, the tail (p95, p99, max) includes waiting for a core, not only our work. A scenario");
        L($"  that saw more than {Runner.QuietCores:N1} cores of it was measured again after a pause (up to {o.Attempts} times, same inputs) and");
        L("  the quietest attempt is the one shown (\"(n attempts)\").");
        L($"- Settings: {string.Join(", ", settings.Select(s => $"`{s.Item1}={s.Item2}`"))}.");
        L(settingsNote ?? "  fsync, synchronous_commit and full_page_writes are off and wal_level is minimal to make loading fast; the\n" +
                          "  benchmark itself only reads, so they do not change its numbers. jit is off as for an OLTP workload.");
        L("");
    }

    internal static async Task<(string Version, List<(string, string)> Settings)> ServerAsync(NpgsqlConnection conn)
    {
        var version = (string)(await Scalar(conn, "SELECT version()"))!;
        var settings = new List<(string, string)>();
        foreach (var s in Settings)
            settings.Add((s, (string)(await Scalar(conn, $"SELECT current_setting('{s}')"))!));
        return (version, settings);
    }

    internal static void ResultsTable(Action<string> L, List<ScenarioResult> results)
    {
        var concurrent = results.Any(r => r.Clients > 1);
        L("| scenario | calls | queries | p50 | p95 | p99 | max | mean | in SQL p50 | in SQL p95 | target | check | other load |" +
          (concurrent ? " calls/s |" : "") + " outcomes |");
        L("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|" + (concurrent ? "---:|" : "") + "---|");
        foreach (var r in results)
        {
            var queries = r.Queries.Count == 0 ? "-" : r.Queries.Min() == r.Queries.Max() ? $"{r.Queries.Min()}" : $"{r.Queries.Min()}-{r.Queries.Max()}";
            var check = r.Checked == 0 ? "" : r.WrongAnswers == 0 ? $"{r.Checked} ok" : $"**{r.WrongAnswers} wrong** of {r.Checked}";
            L($"| {r.Name} | {r.Millis.Count} | {queries} | {F(r.Percentile(0.5))} | {F(r.Percentile(0.95))} | {F(r.Percentile(0.99))} | " +
              $"{F(r.Max)} | {F(r.Mean)} | {F(ScenarioResult.Percentile(r.SqlMillis, 0.5))} | {F(ScenarioResult.Percentile(r.SqlMillis, 0.95))} | " +
              $"{Verdict(r)} | {check}{(r.Errors > 0 ? $" **{r.Errors} errors**" : "")} | {Cores(r)} |" +
              (concurrent ? $" {r.CallsPerSecond:N0} |" : "") + $" {Outcomes(r)} |");
        }
    }

    internal static void TargetsTable(Action<string> L, List<ScenarioResult> results)
    {
        L("| target | scenario | measured | verdict |");
        L("|---|---|---:|---|");
        foreach (var r in results.Where(r => r.TargetMillis is not null))
        {
            var value = r.Percentile(r.TargetQuantile);
            var q = r.TargetQuantile == 0.95 ? "p95" : "p99";
            var verdict = value <= r.TargetMillis
                ? $"met ({value / r.TargetMillis!.Value * 100:N0} % of the budget)"
                : $"**missed** by {value - r.TargetMillis!.Value:N1} ms ({value / r.TargetMillis.Value:N1}x)";
            L($"| {r.Target} | {r.Name} | {q} {F(value)} ms | {verdict} |");
        }
    }

    internal static void Slowest(Action<string> L, List<(ScenarioResult Scenario, CommandLog.Entry Entry, string Plan)> explained)
    {
        foreach (var (scenario, entry, plan) in explained)
        {
            L($"<details><summary>{scenario.Name}: {entry.Duration.TotalMilliseconds:N1} ms of the call's {F(scenario.Max)} ms</summary>");
            L("");
            L("```sql");
            L(entry.Sql.Trim());
            L("```");
            L("");
            if (entry.Parameters.Length > 0)
            {
                L("Parameters: " + string.Join(", ", entry.Parameters.Select(p => $"`{p.ParameterName}` = `{ShortValue(p.Value)}`")));
                L("");
            }
            L("```");
            L(ShortenArrays(plan));
            L("```");
            L("");
            L("</details>");
            L("");
        }
    }

    private static string ShortValue(object? value) => value switch
    {
        null or DBNull => "null",
        Array a => $"[{a.Length} values]",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 80 } t ? t[..80] + "..." : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The member-search report (issue 5): the same tables as the network report, one set per phase.</summary>
    public static async Task<string> WriteSearchAsync(BenchOptions o, string cs, GenerationInfo info,
        List<SearchBenchmark.Phase> phases, string? burst, DateTime started, TimeSpan elapsed, double samplingSeconds,
        string loadAverage, string prewarm)
    {
        var path = o.Out ?? Path.Combine(o.RepositoryRoot, "bench", "results", $"search-{info.Members}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var (version, settings) = await ServerAsync(conn);
        var dbSize = (string)(await Scalar(conn, "SELECT pg_size_pretty(pg_database_size(current_database()))"))!;
        var sizes = (string)(await Scalar(conn, """
            SELECT string_agg(format('%s %s', relname, pg_size_pretty(pg_total_relation_size(oid))), ', ' ORDER BY relname)
            FROM pg_class WHERE relname IN ('MemberProfiles', 'IX_MemberProfiles_SearchDocument', 'IX_MemberProfiles_NameWords', 'IX_MemberProfiles_SkillKeys', 'SearchNameWords')
            """))!;
        var frequencies = (string)(await Scalar(conn, $"""
            SELECT format('%s of %s profiles contain "{ProfileText.RareTerm}", %s "{ProfileText.MediumTerm}", %s "{ProfileText.CommonTerm}"; %s are named Müller, %s Schmidt, %s Schmitt',
                count(*) FILTER (WHERE 'zolltarifrecht' = ANY(regexp_split_to_array(np_search_fold(np_search_join("Skills")), ' '))),
                count(*), count(*) FILTER (WHERE '{ProfileText.MediumTerm}' = ANY("Skills")),
                count(*) FILTER (WHERE '{ProfileText.CommonTerm}' = ANY("Interests")),
                count(*) FILTER (WHERE "FullName" LIKE '% Müller'), count(*) FILTER (WHERE "FullName" LIKE '% Schmidt'),
                count(*) FILTER (WHERE "FullName" LIKE '% Schmitt'))
            FROM "MemberProfiles" WHERE "UserId" IS NOT NULL AND "Slug" NOT LIKE '%-{SearchBenchmark.BurstTag}%'
            """))!;

        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');

        L($"# Member search benchmark: {info.Members:N0} members");
        L();
        if (o.Label is not null)
        {
            L($"**{o.Label}**");
            L();
        }
        L($"Run {started:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalMinutes:N1} min (choosing the inputs: {samplingSeconds:N0} s). " +
          $"Command: `NetworkPlatform.Bench run-search {string.Join(' ', o.Raw.Select(a => a.Contains(' ') ? $"\"{a}\"" : a))}` " +
          $"after `generate --members {info.Members}` (seed {info.Seed}).");
        L("How to run it: bench/README.md (`bench/run.sh N search`). Numbers are wall-clock times of one search as the results page");
        L("makes it: a new `AppDbContext` per call (pooled Npgsql connection), `SearchService.SearchAsync(viewer, query, filters, page 1)`");
        L("(the page's degree badges, shared contacts and contact requests in the same query), and reading the 20 hits. Every other call is by a premium member");
        L("(limit 300, the first page is the same). The viewer is a random member with contacts. \"16 clients\" = 16 callers at");
        L($"once, each starting its next search when the last returned (the machine has {Environment.ProcessorCount} cores, shared by the server and the");
        L("callers: up to that many searches run side by side, beyond they queue, and a p95 at 16 clients is about 16 / cores");
        L("times the time one search takes alone). After");
        L($"{o.Warmup} unmeasured warm-up calls per scenario. Cache: {prewarm}.");
        L();
        Machine(L, o, version, settings, loadAverage,
            "  fsync, synchronous_commit and full_page_writes are off and wal_level is minimal to make loading fast; they\n" +
            "  make the burst's inserts cheaper than on a durable server, not the searches. jit is off as for an OLTP workload.");

        L("## Data");
        L();
        L($"- {info.Members:N0} members from `generate` (the contact network of bench/README.md: {info.ContactRows:N0} contact rows, " +
          $"mean {info.AvgDegree:N1} contacts), each with a profile whose text comes from `ProfileText.cs`: one of " +
          $"{ProfileText.Personas.Length} personas by industry (positions, skills, offers, wants, studies; German and English mixed),");
        L("  up to three long-tail skills (Zipf), interests, a German (80 %) or English summary, languages, one or two jobs and studies.");
        L($"- Probe terms with known frequency: {frequencies}.");
        L($"- Size: database {dbSize}; {sizes} (total with TOAST and indexes).");
        L("- Load (`generate`):");
        L();
        L("| phase | seconds |");
        L("|---|---:|");
        foreach (var (phase, seconds) in info.Timings)
            L($"| {phase} | {seconds:N1} |");
        L();

        L("## Targets (issue 5)");
        L();
        L($"At 1M members, one client and 16 concurrent clients: p95 <= {SearchBenchmark.TermTargetMs} ms for rare and medium terms, " +
          $"<= {SearchBenchmark.CommonTargetMs} ms for a term in 5 % of");
        L($"profiles, <= {SearchBenchmark.TypoTargetMs} ms for a name with a typo; after a burst of 100k new profiles, p95 no more than 2x the steady");
        L("state. \"DB p95\" is read here as the p95 of the whole call (all its round trips; \"in SQL p95\" is the part spent in");
        L("statements). Several words, filters and the visitor are judged against the term target; filters only has no target.");
        L();
        foreach (var p in phases)
        {
            L($"### {p.Name}");
            L();
            TargetsTable(L, p.Results);
            L();
        }
        if (phases.Count > 1)
        {
            L("### Burst: p95 against 2x the steady state");
            L();
            L("| scenario | steady p95 | " + string.Join(" | ", phases.Skip(1).Select(p => $"{p.Name} p95 (ratio)")) + " |");
            L("|---|---:|" + string.Concat(phases.Skip(1).Select(_ => "---:|")));
            foreach (var r in phases[0].Results)
            {
                var cells = phases.Skip(1).Select(p => p.Results.FirstOrDefault(x => x.Name == r.Name) is { } after
                    ? $"{F(after.Percentile(0.95))} ({after.Percentile(0.95) / r.Percentile(0.95):N2}x{(after.Percentile(0.95) > 2 * r.Percentile(0.95) ? ", **over 2x**" : "")})"
                    : "-");
                L($"| {r.Name} | {F(r.Percentile(0.95))} | {string.Join(" | ", cells)} |");
            }
            L();
        }
        if (info.Members < 1_000_000)
            L($"The targets are stated for 1M members; this run has {info.Members:N0}, so it shows the trend, not the verdict.");
        L();

        foreach (var p in phases)
        {
            L($"## Results: {p.Name}");
            L();
            L($"State: {p.Description}. {p.State}.");
            L();
            L("Milliseconds per call. \"queries\" = SQL round trips per call (min-max): one, the ranked page with its total and, for each");
            L("member on it, the degree badge, shared contacts and a contact request. \"in SQL\" = the time per call from sending");
            L("each statement until its last row was read.");
            L();
            ResultsTable(L, p.Results);
            L();
        }
        L("Scenarios:");
        L();
        foreach (var r in phases[0].Results.Where(r => r.Clients == 1))
            L($"- **{r.Name}**: {r.Description}.");
        L();

        foreach (var p in phases)
        {
            L($"## The slowest call of each scenario: {p.Name}");
            L();
            L("Its slowest statement (sent until all rows read), re-run with EXPLAIN ANALYZE with the same parameters right after");
            L("the phase (a second run, so the plan's timing is warm, and alone, so without the other clients).");
            L();
            Slowest(L, p.Explained);
        }

        await File.WriteAllTextAsync(path, sb.ToString());
        return path;
    }

    private static string Cores(ScenarioResult r) =>
        (r.OtherCores is { } c ? c.ToString("N2") : "?") + (r.Attempts > 1 ? $" ({r.Attempts} attempts)" : "");

    /// <summary>Array parameters of thousands of ids would fill pages; the plan needs only their length.</summary>
    private static string ShortenArrays(string plan) =>
        Regex.Replace(plan, @"'\{[0-9a-f,\-]{200,}\}'::uuid\[\]",
            m => $"'{{... {m.Value.Count(c => c == ',') + 1} ids ...}}'::uuid[]");

    private static string Verdict(ScenarioResult r)
    {
        if (r.TargetMillis is not { } t)
            return "";
        return r.Percentile(r.TargetQuantile) <= t ? $"{r.Target}: met" : $"{r.Target}: **missed**";
    }

    private static string Outcomes(ScenarioResult r) =>
        string.Join(", ", r.Outcomes.OrderByDescending(kv => kv.Value).Take(4).Select(kv => $"{kv.Key}: {kv.Value}"));

    private static string F(double ms) => double.IsNaN(ms) ? "-" : ms < 10 ? ms.ToString("N2") : ms < 100 ? ms.ToString("N1") : ms.ToString("N0");

    private static async Task<object?> Scalar(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }

    internal static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? RuntimeInformation.ProcessArchitecture.ToString();

    /// <summary>
    /// Whether the server's shared memory can be in huge pages (bench/README.md, fifth round): the machine's reserved
    /// pool and how much of it is taken (mapped or promised to a running server) when the report is written.
    /// </summary>
    private static string HugePages()
    {
        long Value(string key) => ReadLines("/proc/meminfo").Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var total = Value("HugePages_Total");
        var size = Value("Hugepagesize");
        if (total == 0)
            return "huge pages: none reserved";
        var taken = total - Value("HugePages_Free") + Value("HugePages_Rsvd");
        return $"huge pages: {total * size / 1024.0 / 1024.0:N1} GiB reserved, {taken * size / 1024.0 / 1024.0:N1} GiB of it taken (the server's shared memory)";
    }

    internal static string MemTotal()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        if (line is null)
            return "unknown";
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return $"{kb / 1024.0 / 1024.0:N1} GiB";
    }

    internal static string OsName() =>
        ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"')
        ?? RuntimeInformation.OSDescription;

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
