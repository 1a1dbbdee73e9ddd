using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Domain.Search;
using Npgsql;
using NpgsqlTypes;

namespace NetworkPlatform.Bench;

/// <summary>
/// `generate`: a fresh database with the real migrations, then N members, their profiles and the contact network,
/// all through binary COPY in one transaction that first truncates the (empty) tables, so COPY can write frozen rows
/// (no hint-bit rewrite, visibility map set for index-only scans) and, with wal_level=minimal, skip the WAL.
/// The Contacts indexes are dropped for the load and built afterwards from sorted data, which is several times faster
/// than keeping two B-trees over random UUIDs up to date row by row.
/// </summary>
public static class Generator
{
    private static readonly string[] NoTags = [];

    public static async Task RunAsync(BenchOptions o)
    {
        var total = Stopwatch.StartNew();
        var timings = new Dictionary<string, double>();
        var seed = o.Seed ?? 42;
        var n = o.Members;
        var now = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
        Log($"generate {n:N0} members into database {o.DatabaseName} (seed {seed})");

        var sw = Stopwatch.StartNew();
        await using (var admin = new NpgsqlConnection(o.AdminConnectionString))
        {
            await admin.OpenAsync();
            if (o.IfMissing)
            {
                await using var check = new NpgsqlCommand(
                    "SELECT shobj_description(oid, 'pg_database') IS NOT NULL FROM pg_database WHERE datname = $1", admin);
                check.Parameters.Add(new NpgsqlParameter { Value = o.DatabaseName });
                if (await check.ExecuteScalarAsync() is true)
                {
                    Log($"{o.DatabaseName} exists and is complete; not generating it again");
                    // A database generated before issue 18 has no company pages: migrate it and add them.
                    await CompanyGenerator.EnsureAsync(o);
                    return;
                }
            }
            await ExecAsync(admin, $"DROP DATABASE IF EXISTS \"{o.DatabaseName}\" WITH (FORCE)");
            await ExecAsync(admin, $"CREATE DATABASE \"{o.DatabaseName}\"");
        }
        await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>()
                         .UseNpgsql(new NpgsqlConnectionStringBuilder(o.ConnectionString) { Pooling = false }.ConnectionString)
                         .Options))
        {
            await db.Database.MigrateAsync();
        }
        timings["create database + EF migrations"] = Lap(sw);

        var rng = new Random(seed);
        var graph = ContactGraph.Create(n, o, rng);
        var data = new MemberData(n, graph.CommunityCount, seed, now);
        timings["model (weights, names)"] = Lap(sw);
        Log($"model ready: {graph.CommunityCount:N0} communities, {graph.SuperConnectors.Length} super-connectors, " +
            $"expected contacts {graph.Weight.Sum() / 2:N0}");

        await using var conn = new NpgsqlConnection(o.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        // Truncating in this transaction is what lets COPY ... FREEZE work; the tables are empty anyway.
        await ExecAsync(conn, """TRUNCATE "AspNetUsers" CASCADE""");
        var skipForeignKeyChecks = await TrySetReplicaRoleAsync(conn);
        if (!o.KeepIndexes)
        {
            // The search indexes too: a GIN index built once from all rows is many times faster than one kept up to
            // date row by row (and its pending list flushed again and again).
            await ExecAsync(conn, """
                ALTER TABLE "Contacts" DROP CONSTRAINT "PK_Contacts";
                DROP INDEX "IX_Contacts_ContactUserId_UserId";
                DROP INDEX "IX_MemberProfiles_SearchDocument";
                DROP INDEX "IX_MemberProfiles_NameWords";
                DROP INDEX "IX_MemberProfiles_SkillKeys";
                """);
        }

        LoadUsers(conn, data, n);
        timings["COPY AspNetUsers"] = Lap(sw);
        var details = LoadProfiles(conn, data, graph.Community, 0, n, seed);
        timings["COPY MemberProfiles (PostgreSQL computes SearchDocument, SearchName, NameWords, SkillKeys)"] = Lap(sw);
        LoadDetails(conn, details);
        timings["COPY ProfileLanguages, ProfileEntries"] = Lap(sw);
        if (!o.KeepIndexes)
        {
            foreach (var index in SearchSql.CreateIndexes.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await ExecAsync(conn, index);
                timings[$"build {index.Split('"')[1]} (GIN)"] = Lap(sw);
            }
        }
        // The name-word trigger is off during the load (replica role) or fired row by row; either way the dictionary
        // is made exactly right here, by the same SQL the migration uses.
        await ExecAsync(conn, SearchSql.RebuildNameWords);
        timings["fill SearchNameWords (name-word dictionary)"] = Lap(sw);
        var (rows, degree) = LoadContacts(conn, graph, data, seed, now);
        timings["generate + COPY Contacts"] = Lap(sw);

        if (!o.KeepIndexes)
        {
            // Exactly the migration's definitions (names included), or the schema would differ from production.
            await ExecAsync(conn, """ALTER TABLE "Contacts" ADD CONSTRAINT "PK_Contacts" PRIMARY KEY ("UserId", "ContactUserId")""");
            timings["build PK_Contacts"] = Lap(sw);
            await ExecAsync(conn, """CREATE INDEX "IX_Contacts_ContactUserId_UserId" ON "Contacts" ("ContactUserId", "UserId")""");
            timings["build IX_Contacts_ContactUserId_UserId"] = Lap(sw);
        }
        if (skipForeignKeyChecks)
            await ExecAsync(conn, "SET session_replication_role = DEFAULT");
        await tx.CommitAsync();
        timings["commit"] = Lap(sw);

        await ExecAsync(conn, """VACUUM (ANALYZE) "AspNetUsers", "MemberProfiles", "Contacts", "ProfileLanguages", "ProfileEntries" """);
        timings["VACUUM ANALYZE"] = Lap(sw);

        foreach (var (phase, seconds) in await CompanyGenerator.GenerateAsync(conn, o, replace: false))
            timings[$"companies: {phase}"] = seconds;
        sw.Restart();

        if (o.Verify)
        {
            await VerifyAsync(conn);
            timings["verify"] = Lap(sw);
        }
        timings["total"] = total.Elapsed.TotalSeconds;

        var sorted = degree.Order().ToArray();
        var meta = new GenerationInfo
        {
            Members = n,
            Seed = seed,
            AvgDegreeTarget = o.AvgDegree,
            Alpha = o.Alpha,
            MaxDegree = o.MaxDegree,
            SuperDegree = o.SuperDegree,
            CommunitySize = o.CommunitySize,
            Communities = graph.CommunityCount,
            ContactRows = rows,
            AvgDegree = rows / (double)n,
            DegreeP50 = Percentile(sorted, 0.50),
            DegreeP90 = Percentile(sorted, 0.90),
            DegreeP99 = Percentile(sorted, 0.99),
            DegreeP999 = Percentile(sorted, 0.999),
            DegreeMax = sorted[^1],
            WithoutContacts = sorted.Count(d => d == 0),
            ForeignKeyChecksSkipped = skipForeignKeyChecks,
            IndexesDroppedDuringLoad = !o.KeepIndexes,
            SuperConnectors = graph.SuperConnectors.Select(i => new SuperConnector(data.Ids[i], degree[i])).ToList(),
            Hubs = Enumerable.Range(0, n).Where(i => Array.IndexOf(graph.SuperConnectors, i) < 0)
                .OrderByDescending(i => degree[i]).Take(1000).Select(i => new SuperConnector(data.Ids[i], degree[i])).ToList(),
            Timings = timings,
            GeneratedAt = DateTime.UtcNow,
        };
        var json = JsonSerializer.Serialize(meta);
        await ExecAsync(conn, $"COMMENT ON DATABASE \"{o.DatabaseName}\" IS '{json.Replace("'", "''")}'");

        Log($"done in {total.Elapsed.TotalSeconds:N1} s: {n:N0} members, {rows:N0} contact rows " +
            $"(avg {meta.AvgDegree:N1} contacts, p50 {meta.DegreeP50}, p99 {meta.DegreeP99}, max {meta.DegreeMax}, " +
            $"{meta.WithoutContacts:N0} without contacts)");
        foreach (var (phase, seconds) in timings)
            Log($"  {phase,-40} {seconds,8:N1} s");
    }

    private static void LoadUsers(NpgsqlConnection conn, MemberData data, int n)
    {
        using var w = conn.BeginBinaryImport("""
            COPY "AspNetUsers" ("Id", "FirstName", "LastName", "Culture", "CreatedAt", "UserName", "NormalizedUserName",
                "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed",
                "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount") FROM STDIN (FORMAT BINARY, FREEZE)
            """);
        var rng = new Random(1);
        var progress = new Progress("AspNetUsers", n);
        Span<byte> stamp = stackalloc byte[20];
        for (var i = 0; i < n; i++)
        {
            var email = data.Email(i);
            var normalized = email.ToUpperInvariant();
            rng.NextBytes(stamp);
            w.StartRow();
            w.Write(data.Ids[i], NpgsqlDbType.Uuid);
            w.Write(data.First(i), NpgsqlDbType.Varchar);
            w.Write(data.Last(i), NpgsqlDbType.Varchar);
            w.Write(rng.NextDouble() < 0.8 ? "de" : "en", NpgsqlDbType.Varchar);
            w.Write(data.CreatedAt[i], NpgsqlDbType.TimestampTz);
            w.Write(email, NpgsqlDbType.Varchar);
            w.Write(normalized, NpgsqlDbType.Varchar);
            w.Write(email, NpgsqlDbType.Varchar);
            w.Write(normalized, NpgsqlDbType.Varchar);
            w.Write(true, NpgsqlDbType.Boolean);
            // Identity's security stamp is 20 random bytes in Base32; hex serves the same purpose here.
            w.Write(Convert.ToHexString(stamp), NpgsqlDbType.Text);
            w.Write(Guid.NewGuid().ToString(), NpgsqlDbType.Text);
            w.Write(false, NpgsqlDbType.Boolean);
            w.Write(false, NpgsqlDbType.Boolean);
            w.Write(true, NpgsqlDbType.Boolean);
            w.Write(0, NpgsqlDbType.Integer);
            progress.Tick(i + 1);
        }
        w.Complete();
    }

    /// <summary>A member's languages and entries, written after the profiles (they reference them).</summary>
    public sealed record Details(Guid UserId, (string Name, int Level)[] Languages, ProfileText.Entry[] Entries);

    /// <summary>
    /// Profiles of members <paramref name="from"/> .. <paramref name="from"/> + <paramref name="count"/> - 1, with their
    /// full text; PostgreSQL computes the generated SearchDocument and SearchName from it. FREEZE only where the table
    /// was truncated in this transaction (<paramref name="copyOptions"/>).
    /// </summary>
    public static List<Details> LoadProfiles(NpgsqlConnection conn, MemberData data, int[] community, int from, int count,
        int seed, bool freeze = true)
    {
        using var w = conn.BeginBinaryImport($"""
            COPY "MemberProfiles" ("UserId", "Slug", "FullName", "AcademicTitle", "Headline", "Position", "Employer", "City",
                "Country", "IndustryCode", "Summary", "Skills", "Haves", "Wants", "Interests", "Audience", "AllowSearchEngines",
                "ShowMeAsVisitor", "FindableByEmail", "ContactListVisibility", "PhoneVisibility", "MobileVisibility",
                "BusinessEmailVisibility", "AddressVisibility", "BirthdayVisibility", "CreatedAt", "UpdatedAt")
            FROM STDIN (FORMAT BINARY{(freeze ? ", FREEZE" : "")})
            """);
        var rng = new Random(seed + 1);
        var progress = new Progress("MemberProfiles", count);
        var details = new List<Details>(count);
        for (var k = 0; k < count; k++)
        {
            var i = from + k;
            var p = data.Profile(i, community[i], rng);
            w.StartRow();
            w.Write(data.Ids[i], NpgsqlDbType.Uuid);
            w.Write(data.Slug(i), NpgsqlDbType.Varchar);
            w.Write(data.FullName(i), NpgsqlDbType.Varchar);
            WriteOrNull(w, p.AcademicTitle);
            w.Write(p.Headline, NpgsqlDbType.Varchar);
            w.Write(p.Position, NpgsqlDbType.Varchar);
            WriteOrNull(w, p.Employer);
            w.Write(p.City, NpgsqlDbType.Varchar);
            w.Write("Deutschland", NpgsqlDbType.Varchar);
            WriteOrNull(w, p.Industry);
            w.Write(p.Text.Summary, NpgsqlDbType.Varchar);
            w.Write(p.Text.Skills, NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Write(p.Text.Haves, NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Write(p.Text.Wants, NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Write(p.Text.Interests, NpgsqlDbType.Array | NpgsqlDbType.Text);
            // Three in ten public, as in the demo seed; the rest visible to members.
            w.Write(rng.NextDouble() < 0.3 ? (int)ProfileAudience.Public : (int)ProfileAudience.Members, NpgsqlDbType.Integer);
            w.Write(false, NpgsqlDbType.Boolean);
            w.Write(true, NpgsqlDbType.Boolean);
            w.Write(true, NpgsqlDbType.Boolean);
            // One member in ten keeps the contact list to themselves.
            w.Write(rng.NextDouble() < 0.1 ? 1 : 0, NpgsqlDbType.Integer);
            for (var v = 0; v < 5; v++)
                w.Write(0, NpgsqlDbType.Integer);
            w.Write(data.CreatedAt[i], NpgsqlDbType.TimestampTz);
            w.Write(data.CreatedAt[i], NpgsqlDbType.TimestampTz);
            details.Add(new Details(data.Ids[i], p.Text.Languages, p.Text.Entries));
            progress.Tick(k + 1);
        }
        w.Complete();
        return details;
    }

    public static void LoadDetails(NpgsqlConnection conn, List<Details> details, bool freeze = true)
    {
        var copyOptions = freeze ? ", FREEZE" : "";
        var rng = new Random(5);
        Span<byte> bytes = stackalloc byte[16];
        using (var w = conn.BeginBinaryImport($"""
                   COPY "ProfileLanguages" ("Id", "UserId", "Name", "Level") FROM STDIN (FORMAT BINARY{copyOptions})
                   """))
        {
            foreach (var d in details)
            {
                foreach (var (name, level) in d.Languages)
                {
                    w.StartRow();
                    w.Write(SequentialId(d.UserId, rng, bytes), NpgsqlDbType.Uuid);
                    w.Write(d.UserId, NpgsqlDbType.Uuid);
                    w.Write(name, NpgsqlDbType.Varchar);
                    w.Write(level, NpgsqlDbType.Integer);
                }
            }
            w.Complete();
        }
        using (var w = conn.BeginBinaryImport($"""
                   COPY "ProfileEntries" ("Id", "UserId", "Kind", "Title", "Organisation", "StartMonth", "EndMonth", "IsCurrent")
                   FROM STDIN (FORMAT BINARY{copyOptions})
                   """))
        {
            foreach (var d in details)
            {
                foreach (var e in d.Entries)
                {
                    w.StartRow();
                    w.Write(SequentialId(d.UserId, rng, bytes), NpgsqlDbType.Uuid);
                    w.Write(d.UserId, NpgsqlDbType.Uuid);
                    w.Write(e.Kind, NpgsqlDbType.Integer);
                    w.Write(e.Title.Length <= 120 ? e.Title : e.Title[..120], NpgsqlDbType.Varchar);
                    w.Write(e.Organisation.Length <= 120 ? e.Organisation : e.Organisation[..120], NpgsqlDbType.Varchar);
                    w.Write(e.Start, NpgsqlDbType.Date);
                    if (e.End is { } end)
                        w.Write(end, NpgsqlDbType.Date);
                    else
                        w.WriteNull();
                    w.Write(e.Current, NpgsqlDbType.Boolean);
                }
            }
            w.Complete();
        }
    }

    /// <summary>Ids that sort like their member's (time prefix of the member's UUIDv7), so the primary keys are appended.</summary>
    private static Guid SequentialId(Guid member, Random rng, Span<byte> bytes)
    {
        member.TryWriteBytes(bytes, bigEndian: true, out _);
        var time = bytes[..8].ToArray();
        rng.NextBytes(bytes);
        time.CopyTo(bytes);
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private static (long Rows, int[] Degree) LoadContacts(NpgsqlConnection conn, ContactGraph graph, MemberData data,
        int seed, DateTime now)
    {
        using var w = conn.BeginBinaryImport("""
            COPY "Contacts" ("UserId", "ContactUserId", "CreatedAt", "Tags") FROM STDIN (FORMAT BINARY, FREEZE)
            """);
        var degree = new int[graph.Members];
        var rng = new Random(seed + 2);
        var timeRng = new Random(seed + 3);
        long rows = 0;
        var done = 0;
        var progress = new Progress("Contacts (members done)", graph.Members);
        graph.Generate(rng, (u, neighbours) =>
        {
            var uid = data.Ids[u];
            foreach (var v in neighbours)
            {
                // A contact is made some time after the later of the two joined.
                var joined = data.CreatedAt[Math.Max(u, v)];
                var at = joined.AddTicks((long)((now - joined).Ticks * timeRng.NextDouble()));
                Row(w, uid, data.Ids[v], at);
                Row(w, data.Ids[v], uid, at);
                degree[v]++;
            }
            degree[u] += neighbours.Count;
            rows += 2L * neighbours.Count;
            progress.Tick(++done, $"{rows:N0} rows");
        });
        w.Complete();
        return (rows, degree);
    }

    private static void Row(NpgsqlBinaryImporter w, Guid user, Guid contact, DateTime at)
    {
        w.StartRow();
        w.Write(user, NpgsqlDbType.Uuid);
        w.Write(contact, NpgsqlDbType.Uuid);
        w.Write(at, NpgsqlDbType.TimestampTz);
        w.Write(NoTags, NpgsqlDbType.Array | NpgsqlDbType.Text);
    }

    private static void WriteOrNull(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
            w.WriteNull();
        else
            w.Write(value, NpgsqlDbType.Varchar);
    }

    /// <summary>
    /// Foreign-key checks are triggers; as a superuser we switch them off for the load (every id comes from the
    /// members just loaded; --verify proves it). Without the right the load still works, only slower.
    /// </summary>
    private static async Task<bool> TrySetReplicaRoleAsync(NpgsqlConnection conn)
    {
        await ExecAsync(conn, "SAVEPOINT replica_role");
        try
        {
            await ExecAsync(conn, "SET session_replication_role = replica");
            await ExecAsync(conn, "RELEASE SAVEPOINT replica_role");
            return true;
        }
        catch (PostgresException e)
        {
            await ExecAsync(conn, "ROLLBACK TO SAVEPOINT replica_role");
            Log($"foreign-key checks stay on during the load ({e.MessageText})");
            return false;
        }
    }

    private static async Task VerifyAsync(NpgsqlConnection conn)
    {
        var checks = new (string Name, string Sql)[]
        {
            ("self-loops", """SELECT count(*) FROM "Contacts" WHERE "UserId" = "ContactUserId" """),
            ("rows without their reverse", """
                SELECT count(*) FROM "Contacts" c
                WHERE NOT EXISTS (SELECT 1 FROM "Contacts" r WHERE r."UserId" = c."ContactUserId" AND r."ContactUserId" = c."UserId")
                """),
            ("contacts of unknown members", """
                SELECT count(*) FROM "Contacts" c
                WHERE NOT EXISTS (SELECT 1 FROM "AspNetUsers" u WHERE u."Id" = c."UserId")
                   OR NOT EXISTS (SELECT 1 FROM "AspNetUsers" u WHERE u."Id" = c."ContactUserId")
                """),
            ("members without a profile", """
                SELECT count(*) FROM "AspNetUsers" u WHERE NOT EXISTS (SELECT 1 FROM "MemberProfiles" p WHERE p."UserId" = u."Id")
                """),
        };
        foreach (var (name, sql) in checks)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            var count = (long)(await cmd.ExecuteScalarAsync())!;
            Log($"verify: {name}: {count}");
            if (count != 0)
                throw new InvalidOperationException($"verification failed: {count} {name}");
        }
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static int Percentile(int[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Lap(Stopwatch sw)
    {
        var s = sw.Elapsed.TotalSeconds;
        sw.Restart();
        return Math.Round(s, 1);
    }

    internal static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>A line every few seconds, so a long load shows it is moving.</summary>
    private sealed class Progress(string what, int total)
    {
        private readonly Stopwatch _sw = Stopwatch.StartNew();
        private double _last;

        public void Tick(int done, string? extra = null)
        {
            var t = _sw.Elapsed.TotalSeconds;
            if (t - _last < 10 && done != total)
                return;
            _last = t;
            Log($"  {what}: {done:N0}/{total:N0} ({100.0 * done / total:N0} %) {extra} after {t:N0} s");
        }
    }
}

public sealed record SuperConnector(Guid Id, int Degree);

/// <summary>What `generate` did, kept as the database's comment so that `run` can report it.</summary>
public sealed class GenerationInfo
{
    public int Members { get; set; }
    public int Seed { get; set; }
    public double AvgDegreeTarget { get; set; }
    public double Alpha { get; set; }
    public double MaxDegree { get; set; }
    public double SuperDegree { get; set; }
    public int CommunitySize { get; set; }
    public int Communities { get; set; }
    public long ContactRows { get; set; }
    public double AvgDegree { get; set; }
    public int DegreeP50 { get; set; }
    public int DegreeP90 { get; set; }
    public int DegreeP99 { get; set; }
    public int DegreeP999 { get; set; }
    public int DegreeMax { get; set; }
    public int WithoutContacts { get; set; }
    public bool ForeignKeyChecksSkipped { get; set; }
    public bool IndexesDroppedDuringLoad { get; set; }
    public List<SuperConnector> SuperConnectors { get; set; } = [];
    public List<SuperConnector> Hubs { get; set; } = [];
    public Dictionary<string, double> Timings { get; set; } = [];
    public DateTime GeneratedAt { get; set; }
}
