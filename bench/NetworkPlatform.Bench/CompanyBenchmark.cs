using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Domain.Profiles;
using Npgsql;

namespace NetworkPlatform.Bench;

/// <summary>
/// `run-companies` (issue 18, "Scale"): the company directory as the /companies page calls it,
/// <see cref="CompanyDirectoryService.SearchAsync"/>, with no filter, each filter alone, each sort, full-text terms and
/// combinations; one client, a new <see cref="AppDbContext"/> per call, inputs varied per call (industry, band, city,
/// page, viewer). Target: p95 <= 30 ms in the database at 1M members / 100k companies.
/// </summary>
public static class CompanyBenchmark
{
    public const double TargetMs = 30;

    private sealed record Input(CompanyQuery Query, Guid? Viewer);

    public static async Task RunAsync(BenchOptions o)
    {
        var started = DateTime.UtcNow;
        var total = Stopwatch.StartNew();
        var cs = new NpgsqlConnectionStringBuilder(o.ConnectionString) { MaxPoolSize = 8 }.ConnectionString;
        var info = await NetworkBenchmark.ReadGenerationInfoAsync(cs)
                   ?? throw new ArgumentException($"database {o.DatabaseName} was not made by `generate` (no comment)");
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var companyCount = Convert.ToInt64(await Scalar(conn, """SELECT count(*) FROM "CompanyPages" """));
        if (companyCount == 0)
            throw new ArgumentException($"{o.DatabaseName} has no company pages: run `generate --members {o.Members} --if-missing` first");
        Log($"company directory benchmark against {o.DatabaseName}: {info.Members:N0} members, {companyCount:N0} companies");
        var prewarm = o.Prewarm ? await PrewarmAsync(conn) : "not prewarmed (--no-prewarm)";
        Log($"cache: {prewarm}");

        var rng = new Random(o.Seed ?? 7);
        var members = await NetworkBenchmark.MemberIdsAsync(cs);
        var count = o.Warmup + o.Iterations;
        // Cities and name words of random companies (a city is then as often asked for as companies are there).
        var sample = new List<(string City, string Name)>();
        await using (var cmd = new NpgsqlCommand($"""
            SELECT "City", "Name" FROM "CompanyPages" TABLESAMPLE BERNOULLI (50) REPEATABLE (7)
            WHERE "City" IS NOT NULL AND "TakenDownAt" IS NULL LIMIT {count}
            """, conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
                sample.Add((r.GetString(0), r.GetString(1)));
        }
        string Sampled(int i, bool name) => name ? sample[i % sample.Count].Name : sample[i % sample.Count].City;
        Guid? Viewer(int i) => i % 4 == 3 ? null : members[rng.Next(members.Length)];
        int Page(int i) => 1 + i % 3;
        string[] countries = ["Österreich", "Schweiz", "Deutschland", "schweiz"];
        var bands = Enum.GetValues<CompanySize>().Where(s => s != CompanySize.Unknown).ToArray();
        var terms = CompanyGenerator.TextTerms.Select(t => t.Query).ToArray();
        string FirstWord(string name) => name.Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.Length > 3) ?? name;

        List<Input> Make(Func<int, CompanyQuery> query) =>
            Enumerable.Range(0, count).Select(i => new Input(query(i), Viewer(i))).ToList();
        var scenarios = new List<(string Name, string Description, List<Input> Inputs)>
        {
            ("no filter", "no text, no filter, default sort (most followed), pages 1-3",
                Make(i => new CompanyQuery(null, null, null, null, null, Page(i)))),
            ("industry", $"each of the {Industries.All.Count} industries in turn, default sort, pages 1-3",
                Make(i => new CompanyQuery(null, Industries.All[i % Industries.All.Count], null, null, null, Page(i)))),
            ("size", "each size band (1-10 ... 10,001+) in turn, default sort, pages 1-3",
                Make(i => new CompanyQuery(null, null, bands[i % bands.Length], null, null, Page(i)))),
            ("location: city", "the headquarters city of a random company (a part of the location, folded), default sort",
                Make(i => new CompanyQuery(null, null, null, Sampled(i, false), null, Page(i)))),
            ("location: country", $"in turn {string.Join(", ", countries.Select(c => $"\"{c}\""))}, default sort, pages 1-3",
                Make(i => new CompanyQuery(null, null, null, countries[i % countries.Length], null, Page(i)))),
            ("sort: name", "no filter, by name, pages 1-3", Make(i => new CompanyQuery(null, null, null, null, CompanySort.Name, Page(i)))),
            ("sort: followers", "no filter, most followed, pages 1-3", Make(i => new CompanyQuery(null, null, null, null, CompanySort.Followers, Page(i)))),
            ("sort: employees", "no filter, most employees, pages 1-3", Make(i => new CompanyQuery(null, null, null, null, CompanySort.Employees, Page(i)))),
            ("sort: newest", "no filter, newest first, pages 1-3", Make(i => new CompanyQuery(null, null, null, null, CompanySort.Newest, Page(i)))),
            ("full text: German plural", $"in turn {string.Join(", ", terms.Select(t => $"\"{t}\""))} (the descriptions use the singular too), by relevance, page 1",
                Make(i => new CompanyQuery(terms[i % terms.Length], null, null, null, null))),
            ("full text: company name word", "the first word of a random company's name (mostly a surname), by relevance",
                Make(i => new CompanyQuery(FirstWord(Sampled(i, true)), null, null, null, null))),
            ("combination: text + industry + country, by employees", "a German plural, an industry, \"Deutschland\", sorted by employees",
                Make(i => new CompanyQuery(terms[i % terms.Length], Industries.All[i % Industries.All.Count], null, "Deutschland", CompanySort.Employees))),
            ("combination: industry + size + city, newest", "an industry, a size band and a random company's city, newest first",
                Make(i => new CompanyQuery(null, Industries.All[i % Industries.All.Count], bands[i % bands.Length], Sampled(i, false), CompanySort.Newest))),
            ("deep page: sort by name, page 50", "no filter, by name, page 50 (offset 980)",
                Make(_ => new CompanyQuery(null, null, null, null, CompanySort.Name, 50))),
        };

        var counter = new QueryCounter();
        var log = new CommandLog();
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(DatabaseConnection.Tune(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "bench-companies" }.ConnectionString))
            .AddInterceptors(counter, log)
            .Options;
        var machine = new MachineLoad(await NetworkBenchmark.PostmasterPidAsync(conn, cs));
        var loadBefore = MachineLoad.LoadAverage();
        var runner = new Runner(options, counter, log, machine, o.Warmup, o.Attempts, o.PauseSeconds);
        var results = new List<ScenarioResult>();
        var slowest = new Dictionary<ScenarioResult, IReadOnlyList<CommandLog.Entry>>();
        foreach (var s in scenarios)
        {
            if (!o.Wanted(s.Name))
                continue;
            var r = new ScenarioResult(s.Name, s.Description) { Target = $"p95 <= {TargetMs} ms", TargetMillis = TargetMs, TargetQuantile = 0.95 };
            await runner.RunAsync(r, s.Inputs, async (db, x) =>
            {
                var found = await new CompanyDirectoryService(db).SearchAsync(x.Query, x.Viewer);
                r.Outcome(Bucket(found.Total));
                r.Check(found.Companies.Count == Math.Clamp(found.Total - (found.Page - 1) * found.PageSize, 0, found.PageSize));
            }, slowest);
            results.Add(r);
        }
        Log("explaining the slowest calls...");
        var explained = await CommandLog.ExplainSlowestAsync(cs, results, slowest);
        var load = $"{loadBefore} before, {MachineLoad.LoadAverage()} after";
        var path = await WriteReportAsync(o, conn, info, companyCount, results, explained, started, total.Elapsed, load, prewarm);
        Log($"report: {path}");
        foreach (var r in results)
            Log($"  {r.Name,-56} p50 {r.Percentile(0.5),8:N2}  p95 {r.Percentile(0.95),8:N2}  p99 {r.Percentile(0.99),8:N2} ms");
    }

    private static async Task<string> WriteReportAsync(BenchOptions o, NpgsqlConnection conn, GenerationInfo info, long companies,
        List<ScenarioResult> results, List<(ScenarioResult, CommandLog.Entry, string)> explained, DateTime started,
        TimeSpan elapsed, string load, string prewarm)
    {
        var path = o.Out ?? Path.Combine(o.RepositoryRoot, "bench", "results", $"companies-{info.Members}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var (version, settings) = await Report.ServerAsync(conn);
        var data = (string)(await Scalar(conn, """
            SELECT format('%s pages (%s taken down, %s without industry, %s with no size stated); employees per page: max %s, p99 %s, p90 %s, median %s, %s pages without; followers per page: max %s, p99 %s, median %s; %s follows; %s positions linked of %s experience entries (%s current)',
                count(*), count(*) FILTER (WHERE "TakenDownAt" IS NOT NULL), count(*) FILTER (WHERE "IndustryCode" IS NULL),
                count(*) FILTER (WHERE "Size" = 0),
                max("EmployeeCount"), percentile_disc(0.99) WITHIN GROUP (ORDER BY "EmployeeCount"),
                percentile_disc(0.9) WITHIN GROUP (ORDER BY "EmployeeCount"), percentile_disc(0.5) WITHIN GROUP (ORDER BY "EmployeeCount"),
                count(*) FILTER (WHERE "EmployeeCount" = 0),
                max("FollowerCount"), percentile_disc(0.99) WITHIN GROUP (ORDER BY "FollowerCount"),
                percentile_disc(0.5) WITHIN GROUP (ORDER BY "FollowerCount"),
                (SELECT count(*) FROM "CompanyFollows"),
                (SELECT count(*) FROM "ProfileEntries" WHERE "CompanyId" IS NOT NULL),
                (SELECT count(*) FROM "ProfileEntries" WHERE "Kind" = 0),
                (SELECT count(*) FROM "ProfileEntries" WHERE "CompanyId" IS NOT NULL AND "IsCurrent"))
            FROM "CompanyPages"
            """))!;
        var sizes = (string)(await Scalar(conn, """
            SELECT string_agg(format('%s %s', relname, pg_size_pretty(pg_total_relation_size(oid))), ', ' ORDER BY relname)
            FROM pg_class WHERE relname IN ('CompanyPages', 'CompanyFollows', 'IX_CompanyPages_SearchDocument', 'IX_CompanyPages_LocationKey')
            """))!;
        var generation = await Scalar(conn, """SELECT obj_description('"CompanyPages"'::regclass, 'pg_class')""") as string;

        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');
        L($"# Company directory benchmark: {info.Members:N0} members, {companies:N0} companies");
        L();
        if (o.Label is not null)
        {
            L($"**{o.Label}**");
            L();
        }
        L($"Run {started:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalMinutes:N1} min, commit {PagesReport.Commit(o.RepositoryRoot)}. " +
          $"Command: `NetworkPlatform.Bench run-companies {string.Join(' ', o.Raw.Select(a => a.Contains(' ') ? $"\"{a}\"" : a))}` " +
          $"after `generate --members {info.Members}` (seed {info.Seed}).");
        L("How to run it: bench/README.md, \"Company directory (issue 18)\" (`bench/run.sh N companies`). Each number is the");
        L("wall-clock time of one call of `CompanyDirectoryService.SearchAsync(query, viewer)` exactly as the /companies page");
        L("makes it, with a new `AppDbContext` per call (pooled Npgsql connection, prepared statements as in the app), until the");
        L("page's 20 cards are read; one client; every fourth call anonymous (viewer null), the others by a random member (the");
        L($"\"following\" flag). {o.Warmup} unmeasured warm-up calls per scenario, then {o.Iterations} measured ones, each with its own input.");
        L($"Cache: {prewarm}.");
        L();
        Report.Machine(L, o, version, settings, load);
        L("## Data");
        L();
        L($"- {info.Members:N0} members from `generate` (bench/README.md), {data}.");
        L($"- Sizes: {sizes} (with TOAST and indexes).");
        if (generation is not null)
            L($"- Company generation (`CompanyGenerator.cs`, seconds and counts): `{generation}`");
        L();
        L("## Target (issue 18)");
        L();
        L($"p95 <= {TargetMs} ms in the database at 1M members / 100k companies, for the directory with each filter and sort and with a");
        L("full-text term. Read here as the p95 of the whole call (both its statements: the count and the page; \"in SQL\" is");
        L("the part spent in statements).");
        if (info.Members < 1_000_000)
        {
            L($"**This run is at {info.Members:N0} members / {companies:N0} companies, not at the issue's scale**; see bench/README.md for");
            L("why and what the numbers suggest for 1M / 100k.");
        }
        L();
        Report.TargetsTable(L, results);
        L();
        L("## Scenarios");
        L();
        Report.ResultsTable(L, results);
        L();
        L("`queries` = SQL round trips per call (the count, then the page unless the count is 0); `check` = the page has as");
        L("many cards as the total leaves for it; outcomes: how many companies matched.");
        L();
        foreach (var r in results)
            L($"- **{r.Name}**: {r.Description}");
        L();
        L("## Slowest call of each scenario (EXPLAIN ANALYZE of its slowest statement)");
        L();
        Report.Slowest(L, explained);
        await File.WriteAllTextAsync(path, sb.ToString());
        return path;
    }

    private static string Bucket(int total) => total switch
    {
        0 => "0 found",
        < 100 => "1-99 found",
        < 1_000 => "100-999 found",
        < 10_000 => "1,000-9,999 found",
        _ => "10,000+ found",
    };

    private static async Task<string> PrewarmAsync(NpgsqlConnection conn)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            await using (var ext = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_prewarm", conn))
                await ext.ExecuteNonQueryAsync();
            await using var cmd = new NpgsqlCommand("""
                SELECT sum(pg_prewarm(c.oid, 'buffer')) * current_setting('block_size')::bigint / 1048576
                FROM pg_class c
                WHERE c.relname IN ('CompanyPages', 'CompanyFollows')
                   OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN ('"CompanyPages"'::regclass, '"CompanyFollows"'::regclass))
                   OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE relname = 'CompanyPages')
                """, conn) { CommandTimeout = 0 };
            var mb = await cmd.ExecuteScalarAsync();
            return $"CompanyPages, CompanyFollows, their indexes and TOAST prewarmed into shared buffers ({mb:N0} MB, {sw.Elapsed.TotalSeconds:N0} s)";
        }
        catch (PostgresException e)
        {
            return $"not prewarmed ({e.MessageText})";
        }
    }

    private static async Task<object?> Scalar(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        var v = await cmd.ExecuteScalarAsync();
        return v is DBNull ? null : v;
    }

    private static void Log(string message) => NetworkBenchmark.Log(message);
}
