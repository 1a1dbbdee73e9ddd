using System.Globalization;
using Npgsql;

namespace NetworkPlatform.Bench;

/// <summary>Command-line options of both commands; every one has a default, so `generate --members N` is enough.</summary>
public sealed class BenchOptions
{
    public const string Usage = """
        usage:
          NetworkPlatform.Bench generate --members N [options]
          NetworkPlatform.Bench run      --members N [options]
          NetworkPlatform.Bench run-search --members N [options]   member search (issue 5), same run options plus:
          NetworkPlatform.Bench run-pages  --members N --app DIR [options]   pages through HTTP (issue 17), below
          NetworkPlatform.Bench run-companies --members N [options]   company directory (issue 18): --iterations,
                               --warmup, --seed, --only, --attempts, --pause, --label, --out as for run

        connection (both commands):
          --server CS          server connection string without a database
                               (default: env NP_BENCH_PG, else "Host=127.0.0.1;Port=5432;Username=postgres")
          --database NAME      default np_bench_<N>
          --connection CS      full connection string; overrides --server and --database

        generate:
          --seed S             random seed (default 42); the same seed gives the same network
          --avg-degree D       average contacts per member (default 50)
          --alpha A            tail exponent of the degree distribution (default 2.5)
          --max-degree D       cap for ordinary members' expected degree (default 2500)
          --super K            number of super-connectors (default 10)
          --super-degree D     their expected contacts (default 5000)
          --community-size S   average size of a local community (default 1000)
          --keep-indexes       load Contacts with its indexes in place (slower; for comparison)
          --if-missing         do nothing if the database exists and a generate run finished it
          --companies K        company pages (default N/10; issue 18); an existing database without companies gets
                               them (after its pending migrations) when `generate --if-missing` finds it complete
          --regenerate-companies  replace the company pages of an existing database (with --if-missing)
          --verify             check the loaded graph (no self-loops, symmetric, no dangling ids) afterwards

        run:
          --iterations K       measured calls per scenario (default 200)
          --warmup W           unmeasured calls per scenario first (default 20)
          --naive-pairs M      pairs per group for the recursive-CTE references (default 25)
          --naive-timeout-ms T statement_timeout for the CTE references (default 5000)
          --seed S             seed for choosing members and pairs (default 7)
          --only TEXT          only the scenarios whose name contains TEXT, or one of A|B|C (the report is then partial)
          --no-prewarm         do not load the indexes into memory first (pg_prewarm)
          --attempts A         measure a scenario up to A times while other processes use more than half a core,
                               keep the quietest attempt (default 4; 1 = never repeat)
          --pause S            seconds to wait before measuring again (default 20)
          --label TEXT         a line under the report's title (e.g. which version of NetworkService this is)
          --out FILE           markdown report (default bench/results/network-<N>.md, search-<N>.md for run-search)

        run-search (and --iterations, --warmup, --seed, --only, --no-prewarm, --attempts, --pause, --label, --out):
          --clients LIST       concurrent clients per scenario, comma-separated (default 1,2,16: one, as many as
                               the bench machine has cores, and the issue's 16)
          --burst K            sign-ups inserted after the steady-state runs, then measured again (default 100000; 0 = none)
          --burst-batch B      sign-ups per transaction in the burst (default 100)
          --slow-iterations K  measured calls for the filters-only scenario, which scans (default 40)
          --max-seconds S      stop measuring a scenario after S seconds once it has 20 calls (default 30)

        run-pages (issue 17; bench/run.sh pages N does all of it): the published app under wrk, plus --only, --label, --out:
          --app DIR            the app published in Release (NetworkPlatform.Web.dll in it); required
          --port P             the app's port on 127.0.0.1 (default 55480)
          --connections LIST   wrk connections per scenario, comma-separated (default 16,64)
          --seconds S          measured seconds of each wrk run (default 8), after --warm-seconds W (default 3)
          --repeats R          measure a scenario up to R times while its two Fortunes baselines differ by more than
                               10 % (default 3)
          --logins K           generated members given a password and logged in (default 20)
          --trace SCENARIO     dotnet-trace (speedscope) during the first run of the scenarios whose name contains it,
                               and dotnet-counters (csv) for the whole run; files in --profile-dir
                               (default bench/.data/profiles/<time>); env NP_BENCH_TRACE does the same
        """;

    public int Members { get; private set; }
    public string? Server { get; private set; }
    public string? Database { get; private set; }
    public string? Connection { get; private set; }
    public int? Seed { get; private set; }
    public double AvgDegree { get; private set; } = 50;
    public double Alpha { get; private set; } = 2.5;
    public double MaxDegree { get; private set; } = 2500;
    public int SuperConnectors { get; private set; } = 10;
    public double SuperDegree { get; private set; } = 5000;
    public int CommunitySize { get; private set; } = 1000;
    public bool KeepIndexes { get; private set; }
    public bool Verify { get; private set; }
    public bool IfMissing { get; private set; }
    public int? Companies { get; private set; }
    public bool RegenerateCompanies { get; private set; }
    public int Iterations { get; private set; } = 200;
    public int Warmup { get; private set; } = 20;
    public int NaivePairs { get; private set; } = 25;
    public int NaiveTimeoutMs { get; private set; } = 5000;
    public string? Out { get; private set; }
    public bool Prewarm { get; private set; } = true;
    public string? Only { get; private set; }
    public string? Label { get; private set; }
    public int Attempts { get; private set; } = 4;
    public int PauseSeconds { get; private set; } = 20;
    public int[] ClientCounts { get; private set; } = [1, 2, 16];
    public int Clients => ClientCounts.Max();
    public int Burst { get; private set; } = 100_000;
    public int BurstBatch { get; private set; } = 100;
    public int SlowIterations { get; private set; } = 40;
    public double MaxSeconds { get; private set; } = double.PositiveInfinity;
    public string? App { get; private set; }
    public int Port { get; private set; } = 55480;
    public int[] Connections { get; private set; } = [16, 64];
    public int Seconds { get; private set; } = 8;
    public int WarmSeconds { get; private set; } = 3;
    public int Repeats { get; private set; } = 3;
    public int Logins { get; private set; } = 20;
    public string? Trace { get; private set; } = Environment.GetEnvironmentVariable("NP_BENCH_TRACE") is { Length: > 0 } t ? t : null;
    public string? ProfileDir { get; private set; }

    /// <summary>--only TEXT: run just the scenarios whose name contains it (for investigating one case).</summary>
    /// <summary>--only A|B: the scenarios whose name contains A or B.</summary>
    public bool Wanted(string scenario) => Only is null ||
        Only.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(part => scenario.Contains(part, StringComparison.OrdinalIgnoreCase));
    public IReadOnlyList<string> Raw { get; private set; } = [];

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions { Raw = args };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int() => int.Parse(Value().Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture);
            double Dbl() => double.Parse(Value(), CultureInfo.InvariantCulture);
            switch (name)
            {
                case "--members": o.Members = Int(); break;
                case "--server": o.Server = Value(); break;
                case "--database": o.Database = Value(); break;
                case "--connection": o.Connection = Value(); break;
                case "--seed": o.Seed = Int(); break;
                case "--avg-degree": o.AvgDegree = Dbl(); break;
                case "--alpha": o.Alpha = Dbl(); break;
                case "--max-degree": o.MaxDegree = Dbl(); break;
                case "--super": o.SuperConnectors = Int(); break;
                case "--super-degree": o.SuperDegree = Dbl(); break;
                case "--community-size": o.CommunitySize = Int(); break;
                case "--keep-indexes": o.KeepIndexes = true; break;
                case "--verify": o.Verify = true; break;
                case "--if-missing": o.IfMissing = true; break;
                case "--companies": o.Companies = Math.Max(10, Int()); break;
                case "--regenerate-companies": o.RegenerateCompanies = true; break;
                case "--iterations": o.Iterations = Int(); break;
                case "--warmup": o.Warmup = Int(); break;
                case "--naive-pairs": o.NaivePairs = Int(); break;
                case "--naive-timeout-ms": o.NaiveTimeoutMs = Int(); break;
                case "--out": o.Out = Value(); break;
                case "--no-prewarm": o.Prewarm = false; break;
                case "--only": o.Only = Value(); break;
                case "--label": o.Label = Value(); break;
                case "--attempts": o.Attempts = Math.Max(1, Int()); break;
                case "--pause": o.PauseSeconds = Int(); break;
                case "--clients":
                    o.ClientCounts = Value().Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(c => Math.Max(1, int.Parse(c, CultureInfo.InvariantCulture))).ToArray();
                    break;
                case "--burst": o.Burst = Math.Max(0, Int()); break;
                case "--burst-batch": o.BurstBatch = Math.Max(1, Int()); break;
                case "--slow-iterations": o.SlowIterations = Math.Max(1, Int()); break;
                case "--max-seconds": o.MaxSeconds = Dbl(); break;
                case "--app": o.App = Value(); break;
                case "--port": o.Port = Int(); break;
                case "--connections":
                    o.Connections = Value().Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(c => Math.Max(1, int.Parse(c, CultureInfo.InvariantCulture))).ToArray();
                    break;
                case "--seconds": o.Seconds = Math.Max(1, Int()); break;
                case "--warm-seconds": o.WarmSeconds = Math.Max(0, Int()); break;
                case "--repeats": o.Repeats = Math.Max(1, Int()); break;
                case "--logins": o.Logins = Math.Max(1, Int()); break;
                case "--trace": o.Trace = Value(); break;
                case "--profile-dir": o.ProfileDir = Value(); break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        if (o.Members < 10)
            throw new ArgumentException("--members N (at least 10) is required");
        if (o.Alpha <= 1.05)
            throw new ArgumentException("--alpha must be above 1");
        if (o.Iterations < 1 || o.Warmup < 0 || o.NaivePairs < 0)
            throw new ArgumentException("--iterations, --warmup and --naive-pairs must be positive");
        return o;
    }

    public string DatabaseName => Connection is not null
        ? new NpgsqlConnectionStringBuilder(Connection).Database ?? $"np_bench_{Members}"
        : Database ?? $"np_bench_{Members}";

    private string ServerConnection =>
        Server ?? Environment.GetEnvironmentVariable("NP_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=postgres";

    /// <summary>The benchmark database.</summary>
    public string ConnectionString => Connection ?? new NpgsqlConnectionStringBuilder(ServerConnection)
    {
        Database = DatabaseName,
        // Loading and index builds run for minutes; the queries themselves are measured, not limited.
        CommandTimeout = 0,
        MaxPoolSize = 10,
    }.ConnectionString;

    /// <summary>The maintenance database on the same server, for CREATE/DROP DATABASE.</summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString)
    {
        Database = "postgres",
        Pooling = false,
    }.ConnectionString;

    /// <summary>The repository this program was built in (where the default report goes); --out is needed elsewhere.</summary>
    public string RepositoryRoot
    {
        get
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "NetworkPlatform.sln")) &&
                        Directory.Exists(Path.Combine(dir.FullName, "bench")))
                        return dir.FullName;
                }
            }
            throw new ArgumentException("cannot tell where the repository is (no NetworkPlatform.sln with bench/ above the " +
                                        "program or the current directory); give the report's path with --out");
        }
    }
}
