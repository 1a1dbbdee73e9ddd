using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;
using static NetworkPlatform.Bench.PagesBenchmark;

namespace NetworkPlatform.Bench;

/// <summary>bench/results/pages-N.md: machine, how it was measured, the targets of issue 17, the table, the SQL.</summary>
public static class PagesReport
{
    public const double MemberTarget = 0.5;
    public const double SearchTarget = 0.3;
    public const double DirectoryTarget = 0.4; // issue 18
    public const double HealthTarget = 0.8;
    public const double P99TargetMs = 50;
    public const double RssTargetMb = 400;
    public const double StartupTargetSeconds = 3;

    public static async Task<string> WriteAsync(BenchOptions o, string cs, GenerationInfo info, List<Row> rows,
        Dictionary<Scenario, ScenarioFacts> facts, TimeSpan startup, TimeSpan restart, double rssMb, double peakMb,
        DateTime started, TimeSpan elapsed, string load, string? profileDir)
    {
        var path = o.Out ?? Path.Combine(o.RepositoryRoot, "bench", "results", $"pages-{info.Members}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var (version, settings) = await Report.ServerAsync(conn);

        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');

        L($"# Pages benchmark: {info.Members:N0} members");
        L();
        if (o.Label is not null)
        {
            L($"**{o.Label}**");
            L();
        }
        L($"Run {started:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalMinutes:N1} min, commit {Commit(o.RepositoryRoot)}. Command: " +
          $"`NetworkPlatform.Bench run-pages {string.Join(' ', o.Raw.Select(a => a == o.App ? "<published app>" : a.Contains(' ') ? $"\"{a}\"" : a))}` " +
          $"(from `bench/run.sh pages {info.Members}`) after `generate --members {info.Members}` (seed {info.Seed}).");
        L();
        L("## Machine");
        L();
        L($"- CPU: {Report.CpuModel()}, `nproc` = {Environment.ProcessorCount}; RAM: {Report.MemTotal()}; {Report.OsName()}");
        L($"- {RuntimeInformation.FrameworkDescription}; {version}");
        L($"- Load average (1, 5, 15 min): {load}. The machine is shared: other sessions' builds, tests and browsers ran at");
        L("  the same time, on the same 2 cores as the app, PostgreSQL and wrk. That is why every scenario is measured between");
        L("  two baselines and judged by its ratio to them, and measured again when they differ by more than 10 %.");
        L($"- PostgreSQL settings: {string.Join(", ", settings.Select(s => $"`{s.Item1}={s.Item2}`"))}, `shared_preload_libraries=pg_stat_statements`.");
        L();
        L("## How it was measured");
        L();
        L("- The app published in Release (`dotnet publish -c Release`), started as `dotnet NetworkPlatform.Web.dll` with");
        L("  `ASPNETCORE_ENVIRONMENT=Production` (its console log of one JSON line per request included), `Bench__Enabled=true`,");
        L("  `Demo__Seed=false`, mail to a pickup folder, the outbox and job pollers set to an hour (their statements would count");
        L("  as the pages'), the login rate limit raised (all logins come from 127.0.0.1), Npgsql's default pool. Everything else");
        L("  as configured by default, including `Accounts:SecurityStampInterval` = 0 (the cookie re-validated on every request).");
        L($"- {o.Logins} generated members with contacts given a password (Identity's `PasswordHasher`), the Member role and a");
        L("  confirmed address, logged in through `/account/login` (GET for the antiforgery token, POST); their cookies are sent");
        L("  round robin, with a different target per request where the scenario has several (wrk Lua script).");
        L($"- wrk `-t2 -c16` and `-c64`, {o.WarmSeconds} s warm-up then {o.Seconds} s measured, for the Fortunes baseline, the scenario,");
        L($"  and the baseline again; when the two baselines differ by more than 10 % the three runs are repeated (up to {o.Repeats}");
        L("  attempts; if none agrees, the attempt whose baselines were closest is kept and marked). Ratio = the scenario's");
        L("  requests/s over the mean of its two baselines. p50 and p99 from wrk's latency histogram.");
        L("- \"non-2xx\": answers outside 200-299 counted by the Lua script (wrk's own count lets redirects pass); \"socket\": wrk's");
        L("  connect, read, write and timeout errors. Before measuring, every distinct request of a scenario (up to 40) is sent");
        L("  once and must answer 200 (\"check\" below).");
        L("- \"SQL/req\": pg_stat_statements calls in this database during the measured run (reset after the warm-up) over its");
        L("  requests, without transaction control (BEGIN/COMMIT...) and Npgsql's connection reset (in brackets: with them). When");
        L("  a pooled connection is reused, Npgsql sends CLOSE ALL, SET SESSION AUTHORIZATION DEFAULT, RESET ALL, UNLISTEN *,");
        L("  pg_advisory_unlock_all(), DISCARD SEQUENCES and DISCARD TEMP in front of the next query (no extra round trip, but");
        L("  seven statements of server work per connection opened; DISCARD ALL would drop the auto-prepared statements).");
        L("  \"xact/req\": pg_stat_database");
        L($"  `xact_commit` over {BurstRequests} sequential requests, read after the backends flushed their counters (11 s of quiet).");
        L("- \"app CPU ms/req\" and \"DB CPU ms/req\": user + system CPU time of the app's process and of the PostgreSQL server");
        L("  (postmaster and backends, /proc) during the measured run, over its requests: where a page's cost is spent.");
        L();

        L("## Targets (issue 17; the company directory: issue 18)");
        L();
        var startupMet = startup.TotalSeconds <= StartupTargetSeconds;
        L($"- Start-up of the published app to `/health/ready` 200: {startup.TotalSeconds:N2} s at the first start, {restart.TotalSeconds:N2} s " +
          $"at a restart (target <= {StartupTargetSeconds:N0} s: {(startupMet ? "met" : "**missed**")}{(restart.TotalSeconds <= StartupTargetSeconds ? "" : ", restart **missed**")}).");
        L($"- App RSS after the runs: {rssMb:N0} MB (peak {peakMb:N0} MB; target <= {RssTargetMb:N0} MB: {(rssMb <= RssTargetMb ? "met" : "**missed**")}).");
        L();
        L("| scenario | connections | req/s | ratio | target | p99 ms (<= 50 at 16) | errors (none) |");
        L("|---|---:|---:|---:|---|---:|---:|");
        foreach (var r in rows)
        {
            var errors = r.Result.Non2xx + r.Result.SocketErrors;
            var p99 = r.Connections == 16
                ? $"{F(r.Result.P99Ms)}{(r.Result.P99Ms <= P99TargetMs ? "" : " **missed**")}"
                : F(r.Result.P99Ms);
            L($"| {r.Scenario.Name} | {r.Connections} | {r.Result.Rps:N0} | {RatioText(r, rows)} | {Target(r, rows)} | {p99} | " +
              $"{(errors == 0 ? "0" : $"**{errors:N0}**")} |");
        }
        L();

        L("## Results");
        L();
        L("| scenario | conns | req/s | p50 ms | p99 ms | non-2xx | socket | baselines before / after | ratio | SQL/req | xact/req | app CPU ms/req | DB CPU ms/req | attempts |");
        L("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var f = facts[r.Scenario];
            L($"| {r.Scenario.Name} | {r.Connections} | {r.Result.Rps:N0} | {F(r.Result.P50Ms)} | {F(r.Result.P99Ms)} | {r.Result.Non2xx:N0} | " +
              $"{r.Result.SocketErrors:N0} | {r.BaselineBefore.Rps:N0} / {r.BaselineAfter.Rps:N0} | {r.Ratio:N2} | " +
              $"{r.StatementsPerRequest:N1} ({r.AllStatementsPerRequest:N1}) | {f.TransactionsPerRequest:N1} | " +
              $"{F(r.Result.AppCpuMs)} | {F(r.Result.DbCpuMs)} | " +
              $"{r.Attempts}{(r.BaselinesAgree ? "" : ", **baselines differ**")} |");
        }
        L();
        var discarded = rows.Where(r => r.Discarded.Count > 0).ToList();
        if (discarded.Count > 0)
        {
            L($"Discarded attempts ({discarded.Sum(r => r.Discarded.Count)}; the baselines differed by more than 10 %, the machine's");
            L("load changed during the three runs; where no attempt agreed, the kept one is in the table, marked \"baselines differ\"):");
            L();
            foreach (var r in discarded)
                foreach (var d in r.Discarded)
                    L($"- {r.Scenario.Name}, {r.Connections} connections, {d}");
            L();
        }
        else
        {
            L("No attempt was discarded: in every scenario the two baselines were within 10 % of each other.");
            L();
        }

        L("## Scenarios");
        L();
        foreach (var s in facts.Keys)
            L($"- **{s.Name}**: {s.Description}; {s.Requests.Distinct().Count()} distinct requests. Check: {facts[s].Check}.");
        L();

        L("## The statements behind each page");
        L();
        L("The most frequent statements of the measured run at 16 connections, in calls per request (pg_stat_statements,");
        L("parameters as $n).");
        L();
        foreach (var r in rows.Where(r => r.Connections == rows.Min(x => x.Connections)))
        {
            L($"<details><summary>{r.Scenario.Name}: {r.StatementsPerRequest:N1} statements per request ({r.AllStatementsPerRequest:N1} with transaction control)</summary>");
            L();
            L("| calls/req | statement |");
            L("|---:|---|");
            foreach (var (perRequest, query) in r.TopStatements)
                L($"| {perRequest:N2} | `{Short(query)}` |");
            L();
            L("</details>");
            L();
        }

        if (profileDir is not null)
        {
            L("## Profiles");
            L();
            L($"`--trace {o.Trace}`: dotnet-counters (csv, every second, the whole run) and dotnet-trace (speedscope, one extra");
            L($"run of {o.Seconds} s at {o.Connections[0]} connections after the measured ones) in `{Path.GetRelativePath(o.RepositoryRoot, profileDir)}`:");
            L();
            foreach (var file in Directory.EnumerateFiles(profileDir).Order())
                L($"- `{Path.GetFileName(file)}` ({new FileInfo(file).Length / 1024.0:N0} kB)");
            L();
        }

        await File.WriteAllTextAsync(path, sb.ToString());
        return path;
    }

    /// <summary>The target as issue 17 states it, and whether this row meets it.</summary>
    private static string Target(Row r, List<Row> rows) => r.Scenario.Group switch
    {
        TargetGroup.MemberPage => Verdict(r.Ratio, MemberTarget, "Fortunes"),
        TargetGroup.Search => Verdict(r.Ratio, SearchTarget, "Fortunes"),
        TargetGroup.Directory => Verdict(r.Ratio, DirectoryTarget, "Fortunes"),
        TargetGroup.HealthMember when Anonymous(r, rows) is { } anon => Verdict(r.Result.Rps / anon.Result.Rps, HealthTarget, "anonymous"),
        _ => "-",
    };

    private static string RatioText(Row r, List<Row> rows) =>
        r.Scenario.Group == TargetGroup.HealthMember && Anonymous(r, rows) is { } anon
            ? $"{r.Ratio:N2} ({r.Result.Rps / anon.Result.Rps:N2} of anonymous)"
            : r.Ratio.ToString("N2", CultureInfo.InvariantCulture);

    private static Row? Anonymous(Row r, List<Row> rows) =>
        rows.FirstOrDefault(x => x.Scenario.Group == TargetGroup.HealthAnonymous && x.Connections == r.Connections);

    private static string Verdict(double ratio, double target, string of) =>
        ratio >= target ? $">= {target:N1}x {of}: met" : $">= {target:N1}x {of}: **missed**";

    private static string F(double? ms) => ms is { } v ? F(v) : "-";

    private static string F(double ms) => ms < 10 ? ms.ToString("N2", CultureInfo.InvariantCulture) : ms.ToString("N1", CultureInfo.InvariantCulture);

    private static string Short(string sql)
    {
        var s = sql.Replace("|", "\\|").Replace("`", "'");
        return s.Length > 160 ? s[..160] + " ..." : s;
    }

    /// <summary>The short commit, and whether the work tree had changes (then the numbers are of those too).</summary>
    internal static string Commit(string root)
    {
        string Git(params string[] args)
        {
            try
            {
                var psi = new ProcessStartInfo("git", ["-C", root, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
                using var p = Process.Start(psi)!;
                var output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return p.ExitCode == 0 ? output.Trim() : "";
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "";
            }
        }
        var head = Git("rev-parse", "--short", "HEAD");
        if (head.Length == 0)
            return "unknown (no git)";
        var dirty = Git("status", "--porcelain", "--untracked-files=no").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return dirty == 0 ? $"`{head}` (clean tree)" : $"`{head}` with {dirty} changed file(s) not committed";
    }
}
