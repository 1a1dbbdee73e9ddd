using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;
using Npgsql;

namespace NetworkPlatform.Bench;

/// <summary>
/// `run-pages` (issue 17): the pages a logged-in member opens, through real HTTP against the app published in Release,
/// each measured with wrk between two runs of /bench/fortunes (TechEmpower's Fortunes on our own stack), so that a
/// page is judged by its ratio to what this machine, at this moment, gives the plainest database-backed Razor page.
/// SQL per request from pg_stat_statements (the measured run alone), transactions per request from
/// pg_stat_database over a sequential burst, the app's RSS afterwards, and the start-up time of the published app.
/// </summary>
public static partial class PagesBenchmark
{
    public const string Password = "bench pages password 17";
    private const string Fortunes = "/bench/fortunes";
    private const double BaselineTolerance = 0.10;
    internal const int BurstRequests = 100;
    // pg_stat_database is flushed by an idle backend at most 10 s after its last transaction (PGSTAT_IDLE_INTERVAL).
    private static readonly TimeSpan StatsSettle = TimeSpan.FromSeconds(11);

    public sealed record Request(string Cookie, string Path);

    /// <summary>A page or endpoint under load; <see cref="Group"/> decides its target (issue 17).</summary>
    public sealed record Scenario(string Name, string Description, TargetGroup Group, List<Request> Requests);

    public enum TargetGroup { Baseline, HealthAnonymous, HealthMember, MemberPage, Search, Directory }

    /// <summary>
    /// One wrk run; <see cref="AppCpuMs"/> and <see cref="DbCpuMs"/> are the CPU milliseconds the app and the PostgreSQL
    /// server spent per request during it (from /proc; null when the server is not on this machine).
    /// </summary>
    public sealed record WrkResult(long Requests, double Seconds, double Rps, double P50Ms, double P99Ms, long Non2xx,
        long SocketErrors, string Load, double? AppCpuMs = null, double? DbCpuMs = null);

    public sealed class Row
    {
        public required Scenario Scenario { get; init; }
        public required int Connections { get; init; }
        public required WrkResult Result { get; set; }
        public required WrkResult BaselineBefore { get; set; }
        public required WrkResult BaselineAfter { get; set; }
        public double? StatementsPerRequest { get; set; }
        public double? AllStatementsPerRequest { get; set; }
        public List<(double PerRequest, string Query)> TopStatements { get; set; } = [];
        public int Attempts { get; set; } = 1;
        public List<string> Discarded { get; } = [];
        public bool BaselinesAgree => Spread(BaselineBefore.Rps, BaselineAfter.Rps) <= BaselineTolerance;
        public double BaselineMean => (BaselineBefore.Rps + BaselineAfter.Rps) / 2;
        public double Ratio => Result.Rps / BaselineMean;
    }

    public sealed class ScenarioFacts
    {
        public double? TransactionsPerRequest { get; set; }
        public double? StatementsPerRequestSequential { get; set; }
        public string Check { get; set; } = "";
    }

    public static async Task RunAsync(BenchOptions o)
    {
        if (o.App is null || !File.Exists(Path.Combine(o.App, "NetworkPlatform.Web.dll")))
            throw new ArgumentException("--app DIR: the published app (NetworkPlatform.Web.dll) is required; bench/run.sh pages publishes it");
        var started = DateTime.UtcNow;
        var total = Stopwatch.StartNew();
        var loadBefore = MachineLoad.LoadAverage();
        var cs = o.ConnectionString;
        var info = await NetworkBenchmark.ReadGenerationInfoAsync(cs)
                   ?? throw new ArgumentException($"database {o.DatabaseName} was not made by `generate` (no comment)");
        Log($"pages benchmark against {o.DatabaseName}: {info.Members:N0} members");

        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            var preload = (string)(await new NpgsqlCommand("SHOW shared_preload_libraries", conn).ExecuteScalarAsync())!;
            if (!preload.Contains("pg_stat_statements", StringComparison.Ordinal))
                throw new ArgumentException("the server was started without shared_preload_libraries=pg_stat_statements " +
                                            "(a server left running by another mode? stop it, or let bench/run.sh pages start it)");
            await new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", conn).ExecuteNonQueryAsync();
        }
        // Migrations first, so that the app's start-up below is measured as a deployment's restart, not as the run
        // that brings an older benchmark database up to date (the bench tables came with issue 17).
        await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(cs).Options))
            await db.Database.MigrateAsync();

        var rng = new Random(o.Seed ?? 17);
        var viewers = await PrepareMembersAsync(cs, o.Logins, rng);
        Log($"{viewers.Count} members with a password: {string.Join(", ", viewers.Take(3).Select(v => v.Email))}, ...");
        var targets = await TargetsAsync(cs, viewers, rng);
        Log($"targets ready: {targets.Random.Count} random profiles, {targets.Contacts.Count} contacts, " +
            $"{targets.SecondDegree.Count} at 2 steps, {targets.Typos.Count} typo searches");

        var work = Directory.CreateTempSubdirectory("np-bench-pages-");
        var profileDir = o.Trace is null ? null
            : Directory.CreateDirectory(o.ProfileDir ?? Path.Combine(o.RepositoryRoot, "bench", ".data", "profiles",
                DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture))).FullName;
        var app = new AppUnderTest(o, AppConnectionString(cs), work.FullName);
        int? postmaster;
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            postmaster = await NetworkBenchmark.PostmasterPidAsync(conn, cs);
        }
        var wrk = new Wrk(o, work.FullName, () => app.Pid, postmaster);
        Process? counters = null;
        try
        {
            var startup = await app.StartAsync();
            Log($"app started in {startup.TotalMilliseconds:N0} ms (pid {app.Pid}, log {app.LogPath})");
            var startupAgain = await app.RestartAsync();
            Log($"restarted in {startupAgain.TotalMilliseconds:N0} ms");

            var cookies = new List<string>();
            foreach (var v in viewers)
                cookies.Add(await LogInAsync(app.BaseUrl, v.Email));
            Log($"{cookies.Count} members logged in through /account/login");

            var scenarios = Scenarios(viewers, cookies, targets, rng).Where(s => s.Group == TargetGroup.Baseline || o.Wanted(s.Name)).ToList();
            if (profileDir is not null)
            {
                counters = Tools.StartCounters(o, app.Pid, Path.Combine(profileDir, "counters.csv"));
                Log($"dotnet-counters: {Path.Combine(profileDir, "counters.csv")}");
            }

            await using var stats = new Stats(cs);
            var rows = new List<Row>();
            var facts = new Dictionary<Scenario, ScenarioFacts>();
            var baseline = scenarios[0];
            foreach (var s in scenarios)
            {
                Log($"scenario: {s.Name}");
                var f = facts[s] = new ScenarioFacts { Check = await CheckAsync(app.BaseUrl, s) };
                Log($"  check: {f.Check}");
                (f.TransactionsPerRequest, f.StatementsPerRequestSequential) = await BurstAsync(app.BaseUrl, s, stats);
                Log($"  sequential burst: {f.TransactionsPerRequest:N1} transactions, {f.StatementsPerRequestSequential:N1} statements per request");
                foreach (var c in o.Connections)
                {
                    var row = await MeasureAsync(o, wrk, stats, s, baseline, c);
                    rows.Add(row);
                    Log($"  {c,3} connections: {row.Result.Rps,9:N0} req/s, p50 {row.Result.P50Ms:N2} ms, p99 {row.Result.P99Ms:N2} ms, " +
                        $"baselines {row.BaselineBefore.Rps:N0}/{row.BaselineAfter.Rps:N0}, ratio {row.Ratio:N2}, " +
                        $"{row.StatementsPerRequest:N1} statements/request, {row.Attempts} attempt(s)");
                }
                if (profileDir is not null && s.Name.Contains(o.Trace!, StringComparison.OrdinalIgnoreCase))
                {
                    var file = Path.Combine(profileDir, $"trace-{Slug(s.Name)}.nettrace");
                    Log($"  tracing an extra run (not in the table) into {file}");
                    var trace = Tools.StartTrace(o, app.Pid, file, TimeSpan.FromSeconds(o.Seconds));
                    await wrk.RunAsync(s, o.Connections[0], o.Seconds + 1);
                    await Tools.WaitAsync(trace, TimeSpan.FromMinutes(3));
                }
            }

            var (rssMb, peakMb) = app.Memory();
            Log($"app RSS {rssMb:N0} MB (peak {peakMb:N0} MB)");
            app.Stop();
            if (counters is not null)
                await Tools.WaitAsync(counters, TimeSpan.FromSeconds(20));

            var path = await PagesReport.WriteAsync(o, cs, info, rows, facts, startup, startupAgain, rssMb, peakMb, started,
                total.Elapsed, $"{loadBefore} before, {MachineLoad.LoadAverage()} after", profileDir);
            Log($"report: {path}");
        }
        finally
        {
            app.Stop();
            if (counters is { HasExited: false })
                counters.Kill();
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// Baseline, scenario, baseline; again (up to --repeats) while the two baselines differ by more than 10 %: then
    /// the machine changed under the measurement, and the ratio would not mean anything.
    /// </summary>
    private static async Task<Row> MeasureAsync(BenchOptions o, Wrk wrk, Stats stats, Scenario s, Scenario baseline, int connections)
    {
        var tried = new List<(Row Row, string Note)>();
        for (var attempt = 1; attempt <= o.Repeats; attempt++)
        {
            var before = await wrk.MeasureAsync(baseline, connections);
            await wrk.WarmAsync(s, connections);
            await stats.ResetStatementsAsync();
            var result = await wrk.RunAsync(s, connections, o.Seconds);
            var (own, all, top) = await stats.StatementsAsync(result.Requests);
            var after = await wrk.MeasureAsync(baseline, connections);
            var row = new Row
            {
                Scenario = s, Connections = connections, Result = result, BaselineBefore = before, BaselineAfter = after,
                StatementsPerRequest = own, AllStatementsPerRequest = all, TopStatements = top, Attempts = attempt,
            };
            if (row.BaselinesAgree)
            {
                row.Discarded.AddRange(tried.Select(t => t.Note));
                return row;
            }
            var note = $"attempt {attempt}: baselines {before.Rps:N0} and {after.Rps:N0} req/s ({Spread(before.Rps, after.Rps):P0} apart), scenario {result.Rps:N0} req/s, load {result.Load}";
            tried.Add((row, note));
            Log($"  {connections} connections, {note}: {(attempt < o.Repeats ? "measuring again" : "keeping the closest attempt")}");
        }
        var best = tried.MinBy(t => Spread(t.Row.BaselineBefore.Rps, t.Row.BaselineAfter.Rps)).Row;
        best.Discarded.AddRange(tried.Where(t => t.Row != best).Select(t => t.Note));
        best.Attempts = o.Repeats;
        return best;
    }

    private static double Spread(double a, double b) => Math.Abs(a - b) / ((a + b) / 2);

    private static string AppConnectionString(string cs) => new NpgsqlConnectionStringBuilder(cs)
    {
        // The app's own pool as in production (Npgsql's defaults), not the generator's.
        MaxPoolSize = 100,
        CommandTimeout = 30,
        ApplicationName = "np-web",
    }.ConnectionString;

    public sealed record Viewer(Guid Id, string Email, string Slug, string First, string Last);

    /// <summary>
    /// Generated members have no password: give a sample of members with contacts one (Identity's hasher, as a sign-up
    /// would store it), confirmed, with the Member role as every real account has.
    /// </summary>
    private static async Task<List<Viewer>> PrepareMembersAsync(string cs, int count, Random rng)
    {
        var members = await NetworkBenchmark.MemberIdsAsync(cs);
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var sampler = new PairSampler(conn, members, rng);
        var ids = new HashSet<Guid>();
        while (ids.Count < count)
            ids.Add(await sampler.RandomMemberWithContactsAsync());
        var hasher = new PasswordHasher<AppUser>();
        var viewers = new List<Viewer>();
        foreach (var id in ids)
        {
            await using var cmd = new NpgsqlCommand("""
                UPDATE "AspNetUsers" SET "PasswordHash" = $2, "EmailConfirmed" = true, "LockoutEnd" = NULL,
                    "AccessFailedCount" = 0, "TwoFactorEnabled" = false, "TermsAcceptedAt" = coalesce("TermsAcceptedAt", now())
                WHERE "Id" = $1
                RETURNING "Email", "FirstName", "LastName", (SELECT "Slug" FROM "MemberProfiles" WHERE "UserId" = $1)
                """, conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            cmd.Parameters.Add(new NpgsqlParameter { Value = hasher.HashPassword(null!, Password) });
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            viewers.Add(new Viewer(id, r.GetString(0), r.GetString(3), r.GetString(1), r.GetString(2)));
        }
        await using (var roles = new NpgsqlCommand("""
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
            SELECT u, r."Id" FROM unnest($1::uuid[]) AS u, "AspNetRoles" r WHERE r."NormalizedName" = 'MEMBER'
            ON CONFLICT DO NOTHING
            """, conn))
        {
            roles.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            await roles.ExecuteNonQueryAsync();
        }
        return viewers;
    }

    public sealed record Targets(List<(int Viewer, string Slug)> Random, List<(int Viewer, string Slug)> Contacts,
        List<(int Viewer, string Slug)> SecondDegree, List<string> Typos);

    /// <summary>Per logged-in member: random members, own contacts and members at two steps (a path is shown).</summary>
    private static async Task<Targets> TargetsAsync(string cs, List<Viewer> viewers, Random rng)
    {
        var members = await NetworkBenchmark.MemberIdsAsync(cs);
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var sampler = new PairSampler(conn, members, rng);
        var random = new List<(int, Guid)>();
        var contacts = new List<(int, Guid)>();
        var second = new List<(int, Guid)>();
        for (var v = 0; v < viewers.Count; v++)
        {
            for (var i = 0; i < 50; i++)
            {
                random.Add((v, sampler.RandomMember()));
                if (await sampler.RandomContactAsync(viewers[v].Id) is { } c)
                    contacts.Add((v, c));
            }
            var viewer = viewers[v].Id;
            for (var i = 0; i < 10; i++)
            {
                if (await sampler.PairAtDistanceAsync(2, () => Task.FromResult(viewer), attempts: 20) is { } p)
                    second.Add((v, p.To));
            }
        }
        var slugs = await SlugsAsync(conn, random.Concat(contacts).Concat(second).Select(x => x.Item2).Distinct().ToArray());
        var names = await SearchBenchmark.NamesAsync(conn, Enumerable.Range(0, 100).Select(_ => sampler.RandomMember()).ToList());
        string[] fixedTypos = ["Muller", "Mueller", "Schmitt", "Schneidr", "Hofman", "Fischr"];
        var typos = fixedTypos.Concat(names.Select(n => $"{n.First} {SearchBenchmark.Typo(n.Last, rng)}")).ToList();
        List<(int, string)> Map(List<(int V, Guid Id)> l) => l.Select(x => (x.V, slugs[x.Id])).ToList();
        return new Targets(Map(random), Map(contacts), Map(second), typos);
    }

    private static async Task<Dictionary<Guid, string>> SlugsAsync(NpgsqlConnection conn, Guid[] ids)
    {
        await using var cmd = new NpgsqlCommand("""SELECT "UserId", "Slug" FROM "MemberProfiles" WHERE "UserId" = ANY($1)""", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
        var map = new Dictionary<Guid, string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            map[r.GetGuid(0)] = r.GetString(1);
        return map;
    }

    private static List<Scenario> Scenarios(List<Viewer> viewers, List<string> cookies, Targets t, Random rng)
    {
        List<Request> Each(Func<int, string> path) => Enumerable.Range(0, viewers.Count).Select(v => new Request(cookies[v], path(v))).ToList();
        List<Request> Shuffle(List<Request> l) => l.OrderBy(_ => rng.Next()).ToList();
        string Q(string q) => "/search?q=" + Uri.EscapeDataString(q);
        return
        [
            new("Fortunes (baseline)", $"`{Fortunes}` anonymous: 12 rows through AppDbContext, one added, sorted, Razor without layout",
                TargetGroup.Baseline, [new("", Fortunes)]),
            new("/health/live, anonymous", "the app's middleware and a health check that reads nothing", TargetGroup.HealthAnonymous,
                [new("", "/health/live")]),
            new("/health/live, member cookie", $"the same with one of the {viewers.Count} members' cookies (round robin)",
                TargetGroup.HealthMember, Each(_ => "/health/live")),
            new("profile, random member", "`/p/{slug}`: a member viewing a random member (50 per viewer, shuffled)",
                TargetGroup.MemberPage, Shuffle(t.Random.Select(x => new Request(cookies[x.Viewer], "/p/" + x.Slug)).ToList())),
            new("profile, a contact", "`/p/{slug}`: a member viewing one of their contacts", TargetGroup.MemberPage,
                Shuffle(t.Contacts.Select(x => new Request(cookies[x.Viewer], "/p/" + x.Slug)).ToList())),
            new("profile, 2 steps (contact path)", "`/p/{slug}` of a member at exactly 2 steps: the page shows the contact paths",
                TargetGroup.MemberPage, Shuffle(t.SecondDegree.Select(x => new Request(cookies[x.Viewer], "/p/" + x.Slug)).ToList())),
            new("start page", "`/` for a member (the start page with its panels)", TargetGroup.MemberPage, Each(_ => "/")),
            new("contacts list", "`/contacts`: the member's own contacts, first page", TargetGroup.MemberPage, Each(_ => "/contacts")),
            new("search, rare term", $"`/search?q={ProfileText.RareTerm}` ({ProfileText.RareShare:P2} of the profiles)", TargetGroup.Search,
                Each(_ => Q(ProfileText.RareTerm))),
            new("search, common term", $"`/search?q={ProfileText.CommonTerm}` ({ProfileText.CommonShare:P0} of the profiles)",
                TargetGroup.Search, Each(_ => Q(ProfileText.CommonTerm))),
            new("company directory", "`/companies` for a member: most followed first, pages 1-3", TargetGroup.Directory,
                Each(v => "/companies" + (v % 3 == 0 ? "" : $"?page={1 + v % 3}"))),
            new("company directory, industry", "`/companies?industry=...`: each industry in turn", TargetGroup.Directory,
                Each(v => "/companies?industry=" + NetworkPlatform.Domain.Profiles.Industries.All[v % NetworkPlatform.Domain.Profiles.Industries.All.Count])),
            new("company directory, text", $"`/companies?q=...`: in turn {string.Join(", ", CompanyGenerator.TextTerms.Select(t => t.Query))}, by relevance",
                TargetGroup.Directory, Each(v => "/companies?q=" + Uri.EscapeDataString(CompanyGenerator.TextTerms[v % CompanyGenerator.TextTerms.Length].Query))),
            new("search, name with a typo", "in turn Muller, Mueller, Schmitt, Schneidr, Hofman, Fischr and 100 random members' names with a typo",
                TargetGroup.Search, Shuffle(t.Typos.SelectMany((q, i) => new[] { new Request(cookies[i % cookies.Count], Q(q)) }).ToList())),
        ];
    }

    /// <summary>GET /account/login for the antiforgery token and cookie, then POST the form as a browser does.</summary>
    private static async Task<string> LogInAsync(string baseUrl, string email)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var form = await http.GetStringAsync("/account/login");
        var token = AntiforgeryInput().Match(form) is { Success: true } m && ValueAttribute().Match(m.Value) is { Success: true } v
            ? WebUtility.HtmlDecode(v.Groups[1].Value)
            : throw new InvalidOperationException("no antiforgery token on /account/login");
        var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = Password, ["RememberMe"] = "false", ["__RequestVerificationToken"] = token,
        }));
        var cookie = jar.GetCookieHeader(new Uri(baseUrl));
        if (response.StatusCode != HttpStatusCode.Redirect || !cookie.Contains("np.auth=", StringComparison.Ordinal))
            throw new InvalidOperationException($"logging in {email} gave {(int)response.StatusCode} without the np.auth cookie");
        using var check = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/contacts");
        request.Headers.Add("Cookie", cookie);
        var contacts = await check.SendAsync(request);
        if (contacts.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{email}'s cookie opens /contacts with {(int)contacts.StatusCode}, not 200");
        return cookie;
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    /// <summary>Every distinct request of the scenario (at most 40) must answer 200, or the numbers measure an error page.</summary>
    private static async Task<string> CheckAsync(string baseUrl, Scenario s)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var statuses = new Dictionary<int, int>();
        string? example = null;
        var sample = s.Requests.Distinct().Take(40).ToList();
        foreach (var r in sample)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, r.Path);
            if (r.Cookie.Length > 0)
                request.Headers.Add("Cookie", r.Cookie);
            using var response = await http.SendAsync(request);
            var code = (int)response.StatusCode;
            statuses[code] = statuses.GetValueOrDefault(code) + 1;
            if (code != 200)
                example ??= $"{code} for {r.Path}";
        }
        return example is null
            ? $"all {sample.Count} distinct requests checked answer 200"
            : $"**{string.Join(", ", statuses.Select(kv => $"{kv.Value} x {kv.Key}"))}** of {sample.Count} checked (e.g. {example})";
    }

    /// <summary>
    /// Transactions per request: pg_stat_database's xact_commit around <see cref="BurstRequests"/> sequential requests,
    /// read only after the backends have flushed their counts (they do so at most 10 s after going idle).
    /// </summary>
    private static async Task<(double? Transactions, double? Statements)> BurstAsync(string baseUrl, Scenario s, Stats stats)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        await Task.Delay(StatsSettle);
        var before = await stats.CommitsAsync();
        await stats.ResetStatementsAsync();
        for (var i = 0; i < BurstRequests; i++)
        {
            var r = s.Requests[i % s.Requests.Count];
            using var request = new HttpRequestMessage(HttpMethod.Get, r.Path);
            if (r.Cookie.Length > 0)
                request.Headers.Add("Cookie", r.Cookie);
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
        }
        var (_, all, _) = await stats.StatementsAsync(BurstRequests);
        await Task.Delay(StatsSettle);
        var after = await stats.CommitsAsync();
        return ((after - before) / (double)BurstRequests, all);
    }

    internal static string Slug(string name) => Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');

    internal static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

/// <summary>The published app as a process of its own, configured as production with the bench switch on.</summary>
public sealed class AppUnderTest(BenchOptions o, string connectionString, string work)
{
    private Process? _process;
    private StreamWriter? _log;
    public string BaseUrl => $"http://127.0.0.1:{o.Port}";
    public string LogPath => Path.Combine(work, "app.log");
    public int Pid => _process?.Id ?? 0;

    /// <summary>From starting the process until /health/ready answers 200 (database reachable, migrations applied).</summary>
    public async Task<TimeSpan> StartAsync()
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(Path.GetFullPath(o.App!), "NetworkPlatform.Web.dll")])
        {
            WorkingDirectory = Path.GetFullPath(o.App!),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var env = psi.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_URLS"] = BaseUrl;
        env["ConnectionStrings__Default"] = connectionString;
        env["App__BaseUrl"] = BaseUrl;
        env["Bench__Enabled"] = "true";
        env["Demo__Seed"] = "false";
        // Mail (none is expected) goes to files; the logins come from one address within seconds.
        env["Email__Smtp__Host"] = "";
        env["Email__PickupDirectory"] = Path.Combine(work, "mail");
        env["RateLimits__AuthPerMinute"] = "100000";
        // The outbox and job pollers would add their statements and transactions to the pages' counts.
        env["Email__PollInterval"] = "01:00:00";
        env["Jobs__PollInterval"] = "01:00:00";
        _log = new StreamWriter(LogPath, append: true) { AutoFlush = false };
        var sw = Stopwatch.StartNew();
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the app");
        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (sw.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the app exited with {_process.ExitCode} during start-up (log {LogPath})");
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                    return sw.Elapsed;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(20);
        }
        throw new InvalidOperationException($"the app was not ready after 120 s (log {LogPath})");
    }

    /// <summary>A second start, with the files in the OS cache: what a restart of a deployed app takes.</summary>
    public async Task<TimeSpan> RestartAsync()
    {
        Stop();
        return await StartAsync();
    }

    private void Write(string? line)
    {
        if (line is null)
            return;
        lock (this)
            _log?.WriteLine(line);
    }

    /// <summary>VmRSS and VmHWM (its peak) from /proc, in MB.</summary>
    public (double Rss, double Peak) Memory()
    {
        double Kb(string key) => File.ReadLines($"/proc/{Pid}/status").Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return (Kb("VmRSS") / 1024, Kb("VmHWM") / 1024);
    }

    public void Stop()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit(10_000);
        }
        _process = null;
        lock (this)
            _log?.Flush();
    }
}

/// <summary>wrk with a Lua script that sends the scenario's requests (cookie, path) in turn and counts non-2xx.</summary>
public sealed class Wrk(BenchOptions o, string work, Func<int> appPid, int? postmaster)
{
    private const string Script = """
        -- Requests from a file of "cookie<TAB>path" lines, sent in turn from a different start per thread; answers that
        -- are not 2xx counted (wrk's own count lets 3xx pass, and a redirect to the login page would look fast).
        local counter = 0
        function setup(thread)
          counter = counter + 1
          thread:set("id", counter)
          table.insert(threads, thread)
        end
        threads = {}
        bad = 0
        local reqs = {}
        local n = 0
        local i = 0
        function init(args)
          for line in io.lines(args[1]) do
            local cookie, path = line:match("^([^\t]*)\t(.*)$")
            local headers = {}
            if cookie ~= "" then headers["Cookie"] = cookie end
            n = n + 1
            reqs[n] = wrk.format("GET", path, headers)
          end
          i = ((id or 1) * 7919) % n
        end
        function request()
          i = i % n + 1
          return reqs[i]
        end
        function response(status, headers, body)
          if status < 200 or status > 299 then bad = bad + 1 end
        end
        function done(summary, latency, requests)
          local b = 0
          for _, t in ipairs(threads) do b = b + t:get("bad") end
          local e = summary.errors
          io.write(string.format("NP %d %d %.1f %.1f %d %d\n", summary.requests, summary.duration,
            latency:percentile(50), latency:percentile(99), b, e.connect + e.read + e.write + e.timeout))
        end
        """;

    private readonly string _script = WriteScript(work);
    private readonly Dictionary<PagesBenchmark.Scenario, string> _files = new();

    private static string WriteScript(string work)
    {
        var path = Path.Combine(work, "requests.lua");
        File.WriteAllText(path, Script);
        return path;
    }

    private string FileOf(PagesBenchmark.Scenario s)
    {
        if (!_files.TryGetValue(s, out var file))
        {
            file = _files[s] = Path.Combine(work, $"requests-{_files.Count}.tsv");
            File.WriteAllLines(file, s.Requests.Select(r => $"{r.Cookie}\t{r.Path}"));
        }
        return file;
    }

    public Task WarmAsync(PagesBenchmark.Scenario s, int connections) =>
        o.WarmSeconds > 0 ? RunAsync(s, connections, o.WarmSeconds) : Task.CompletedTask;

    public async Task<PagesBenchmark.WrkResult> MeasureAsync(PagesBenchmark.Scenario s, int connections)
    {
        await WarmAsync(s, connections);
        return await RunAsync(s, connections, o.Seconds);
    }

    public async Task<PagesBenchmark.WrkResult> RunAsync(PagesBenchmark.Scenario s, int connections, int seconds)
    {
        var psi = new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "5s",
            "-s", _script, $"http://127.0.0.1:{o.Port}", "--", FileOf(s)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var (app0, db0) = (MachineLoad.CpuSeconds(appPid()), postmaster is { } pm0 ? MachineLoad.ServerCpuSeconds(pm0) : (double?)null);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start wrk (Debian package wrk)");
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var (app1, db1) = (MachineLoad.CpuSeconds(appPid()), postmaster is { } pm1 ? MachineLoad.ServerCpuSeconds(pm1) : (double?)null);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("NP ", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"wrk gave no result (exit {p.ExitCode}): {output} {error}");
        var f = line.Split(' ');
        var requests = long.Parse(f[1], CultureInfo.InvariantCulture);
        var duration = long.Parse(f[2], CultureInfo.InvariantCulture) / 1e6;
        return new PagesBenchmark.WrkResult(requests, duration, requests / duration,
            double.Parse(f[3], CultureInfo.InvariantCulture) / 1000, double.Parse(f[4], CultureInfo.InvariantCulture) / 1000,
            long.Parse(f[5], CultureInfo.InvariantCulture), long.Parse(f[6], CultureInfo.InvariantCulture),
            MachineLoad.LoadAverage().Split(' ')[0],
            requests > 0 ? (app1 - app0) * 1000 / requests : null,
            requests > 0 && db0 is { } d0 && db1 is { } d1 ? (d1 - d0) * 1000 / requests : null);
    }
}

/// <summary>pg_stat_statements (this database, every statement but our own reads of it) and pg_stat_database.</summary>
public sealed class Stats(string cs) : IAsyncDisposable
{
    private readonly NpgsqlConnection _db = new(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "bench-stats", Pooling = false }.ConnectionString);
    // xact_commit read from another database, so that reading it adds no transaction to the one counted.
    private readonly NpgsqlConnection _admin = new(new NpgsqlConnectionStringBuilder(cs) { Database = "postgres", ApplicationName = "bench-stats", Pooling = false }.ConnectionString);
    private readonly string _name = new NpgsqlConnectionStringBuilder(cs).Database!;

    private async Task<NpgsqlConnection> Open(NpgsqlConnection c)
    {
        if (c.State != System.Data.ConnectionState.Open)
            await c.OpenAsync();
        return c;
    }

    public async Task ResetStatementsAsync()
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_stat_statements_reset()", await Open(_db));
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Statements per request since the last reset: without transaction control (BEGIN, COMMIT, ...), with it, and
    /// the most frequent ones.
    /// </summary>
    public async Task<(double Own, double All, List<(double PerRequest, string Query)> Top)> StatementsAsync(long requests)
    {
        const string Ours = "query NOT LIKE '%pg_stat_statements%'";
        // Transaction control, and the reset that Npgsql sends (in the same round trip as the next query) when a
        // pooled connection is reused: with auto-prepare on it cannot send DISCARD ALL, so it sends its parts.
        const string Control = @"query ~* '^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE|DISCARD|UNLISTEN|CLOSE ALL|RESET ALL|SET SESSION AUTHORIZATION DEFAULT|SELECT pg_advisory_unlock_all)'";
        await using var cmd = new NpgsqlCommand($"""
            SELECT coalesce(sum(calls) FILTER (WHERE NOT ({Control})), 0)::float8, coalesce(sum(calls), 0)::float8
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND {Ours};
            SELECT calls::float8, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND {Ours}
            ORDER BY calls DESC LIMIT 12;
            """, await Open(_db));
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        var n = Math.Max(1, requests);
        var own = r.GetDouble(0) / n;
        var all = r.GetDouble(1) / n;
        await r.NextResultAsync();
        var top = new List<(double, string)>();
        while (await r.ReadAsync())
            top.Add((r.GetDouble(0) / n, r.GetString(1)));
        return (own, all, top);
    }

    public async Task<long> CommitsAsync()
    {
        var conn = await Open(_admin);
        // A transaction keeps the statistics snapshot it first read; each read here is its own.
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", conn))
            await clear.ExecuteNonQueryAsync();
        await using var cmd = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = _name });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        await _admin.DisposeAsync();
    }
}

/// <summary>dotnet-trace and dotnet-counters from the repository's tool manifest (.config/dotnet-tools.json).</summary>
public static class Tools
{
    private static Process Start(BenchOptions o, string tool, IEnumerable<string> args, string log)
    {
        var psi = new ProcessStartInfo("dotnet", ["tool", "run", tool, "--", .. args])
        {
            WorkingDirectory = o.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool}");
        var writer = new StreamWriter(log) { AutoFlush = true };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        p.Exited += (_, _) => { lock (writer) writer.Dispose(); };
        p.EnableRaisingEvents = true;
        return p;
    }

    /// <summary>CPU samples and events for <paramref name="duration"/>, converted to speedscope beside the .nettrace.</summary>
    public static Process StartTrace(BenchOptions o, int pid, string file, TimeSpan duration) =>
        Start(o, "dotnet-trace", ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--duration",
            duration.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture), "--format", "speedscope", "-o", file], file + ".log");

    /// <summary>Runtime, ASP.NET Core, Kestrel and Npgsql counters every second until the app stops.</summary>
    public static Process StartCounters(BenchOptions o, int pid, string file) =>
        Start(o, "dotnet-counters", ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--format", "csv",
            "--refresh-interval", "1", "-o", file, "--counters",
            "System.Runtime,Microsoft.AspNetCore.Hosting,Microsoft.AspNetCore.Server.Kestrel,Npgsql"], file + ".log");

    public static async Task WaitAsync(Process p, TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill();
        }
    }
}
