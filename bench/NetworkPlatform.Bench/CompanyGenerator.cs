using System.Diagnostics;
using Bogus;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Domain.Profiles;
using Npgsql;
using NpgsqlTypes;

namespace NetworkPlatform.Bench;

/// <summary>
/// Company pages for the generated members (issue 18): N/10 companies (<c>--companies</c>), loaded by binary COPY in
/// one transaction, on a database that `generate` made (also one made before companies existed: the pending
/// migrations are applied first).
///
/// - The head: every organisation named in the members' experience entries (the 2,000 employers of
///   <see cref="MemberData"/>, Zipf-sized already) becomes a page of that name, ranked by its current positions; its
///   industry and headquarters are those most of its employees have. The tail: the remaining companies get Bogus
///   names, a random industry and city, and their employees by a Zipf law (exponent 1 over the ranks after the
///   head): a quarter of the linked positions move to them, their organisation renamed as
///   <see cref="EmploymentService.LinkAsync"/> does. One position in ten stays unlinked free text; "Selbstständig"
///   always does.
/// - <c>EmployeeCount</c> is then set by the statement of <see cref="EmploymentService.RecountEmployeesAsync"/> for all
///   pages at once; <c>FollowerCount</c> is the number of <c>CompanyFollows</c> rows written (3 follows per member on
///   average, Zipf over a ranking correlated with the size, no duplicates).
/// - Size band: the platform's employees times a factor (members are a sample of the work force), 8 % not stated.
/// - 3 % of pages have no industry; 0.3 % are taken down; 5 % verified. German (mostly) taglines and descriptions from
///   the industry's persona in <see cref="ProfileText"/>.
/// </summary>
public static class CompanyGenerator
{
    public const double FollowsPerMember = 3;
    public const double TailShare = 0.25;
    public const double UnlinkedShare = 0.1;

    /// <summary>Words the descriptions use in one form and the benchmark searches in another (German stemming).</summary>
    public static readonly (string Query, string InText)[] TextTerms =
    [
        ("Lösungen", "Lösung"), ("Produkte", "Produkt"), ("Kunden", "Kunde"), ("Standorten", "Standort"),
        ("Dienstleistungen", "Dienstleistung"),
    ];

    private static readonly (string City, string Country)[] Abroad =
    [
        ("Wien", "Österreich"), ("Graz", "Österreich"), ("Linz", "Österreich"), ("Salzburg", "Österreich"),
        ("Innsbruck", "Österreich"), ("Zürich", "Schweiz"), ("Basel", "Schweiz"), ("Bern", "Schweiz"),
        ("Genf", "Schweiz"), ("Luzern", "Schweiz"),
    ];

    private sealed class Company
    {
        public Guid Id;
        public string Name = "";
        public string Slug = "";
        public string? Industry;
        public string City = "";
        public string Country = "Deutschland";
        public int Employees;
        public int Followers;
        public Guid? Admin;
        public DateTime CreatedAt;
    }

    /// <summary>Applies pending migrations and generates the companies if there are none yet.</summary>
    public static async Task EnsureAsync(BenchOptions o)
    {
        await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>()
                         .UseNpgsql(new NpgsqlConnectionStringBuilder(o.ConnectionString) { Pooling = false }.ConnectionString).Options))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                Log($"applying {pending.Count} pending migration(s): {string.Join(", ", pending)}");
                await db.Database.MigrateAsync();
            }
        }
        await using var conn = new NpgsqlConnection(o.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""SELECT count(*) FROM "CompanyPages" """, conn);
        var existing = (long)(await cmd.ExecuteScalarAsync())!;
        if (existing > 0 && !o.RegenerateCompanies)
        {
            Log($"{existing:N0} company pages exist; not generating them again");
            return;
        }
        await GenerateAsync(conn, o, existing > 0);
    }

    public static async Task<Dictionary<string, double>> GenerateAsync(NpgsqlConnection conn, BenchOptions o, bool replace)
    {
        var timings = new Dictionary<string, double>();
        var sw = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        var seed = (o.Seed ?? 42) + 18;
        var rng = new Random(seed);
        var now = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
        var n = o.Members;
        var count = o.Companies ?? Math.Max(10, n / 10);
        Log($"generating {count:N0} company pages for {n:N0} members");

        await using var tx = await conn.BeginTransactionAsync();
        if (replace)
        {
            await Exec(conn, """
                UPDATE "ProfileEntries" SET "CompanyId" = NULL, "EmploymentConfirmedAt" = NULL, "ConfirmedDomain" = NULL
                WHERE "CompanyId" IS NOT NULL;
                TRUNCATE "CompanyFollows", "CompanyAdmins", "CompanySlugRedirects", "CompanyPageViews";
                DELETE FROM "CompanyPages";
                """);
            timings["remove the earlier companies"] = Lap(sw);
        }
        var replica = await TryReplicaAsync(conn);

        // Members (for followers and admins) and the experience entries.
        var memberIds = new List<Guid>(n);
        var memberJoined = new List<DateTime>(n);
        await using (var cmd = new NpgsqlCommand("""SELECT "Id", "CreatedAt" FROM "AspNetUsers" WHERE "DeletionRequestedAt" IS NULL ORDER BY "Id" """, conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                memberIds.Add(r.GetGuid(0));
                memberJoined.Add(r.GetDateTime(1));
            }
        }
        var entries = new List<(Guid Id, Guid User, string Org, bool Current)>();
        await using (var cmd = new NpgsqlCommand("""SELECT "Id", "UserId", "Organisation", "IsCurrent" FROM "ProfileEntries" WHERE "Kind" = 0 ORDER BY "Id" """, conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
                entries.Add((r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetBoolean(3)));
        }
        // The head: organisations in the entries, with their employees' most common industry and city.
        var head = new List<(string Org, int Current, string? Industry, string? City)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT e."Organisation", count(*) FILTER (WHERE e."IsCurrent")::int,
                   mode() WITHIN GROUP (ORDER BY p."IndustryCode"), mode() WITHIN GROUP (ORDER BY p."City")
            FROM "ProfileEntries" e JOIN "MemberProfiles" p ON p."UserId" = e."UserId"
            WHERE e."Kind" = 0 AND e."Organisation" <> 'Selbstständig'
            GROUP BY 1 ORDER BY 2 DESC, 1
            """, conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
                head.Add((r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        }
        var cities = await Strings(conn, """SELECT DISTINCT "City" FROM "MemberProfiles" WHERE "City" IS NOT NULL ORDER BY 1""");
        timings["read members, entries, organisations"] = Lap(sw);
        if (head.Count > count)
            head = head.Take(count).ToList();

        var faker = new Faker("de") { Random = new Randomizer(seed) };
        var names = new HashSet<string>(head.Select(h => h.Org), StringComparer.OrdinalIgnoreCase);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var companies = new List<Company>(count);
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            string name;
            if (i < head.Count)
                name = head[i].Org;
            else
            {
                name = faker.Company.CompanyName();
                for (var k = 2; !names.Add(name); k++)
                    name = k < 5 ? faker.Company.CompanyName() : $"{faker.Company.CompanyName()} {faker.Address.City()}";
            }
            if (name.Length > CompanyPage.NameMaxLength)
                name = name[..CompanyPage.NameMaxLength];
            var slug = CompanyPage.SlugFrom(name);
            if (slug.Length > 52)
                slug = slug[..52].TrimEnd('-');
            var unique = slug;
            for (var k = 2; !slugs.Add(unique); k++)
                unique = $"{slug}-{k}";
            var c = new Company { Name = name, Slug = unique };
            c.CreatedAt = now.AddDays(-6 * 365 * rng.NextDouble());
            c.Id = UuidV7(c.CreatedAt, rng, bytes);
            var abroad = rng.NextDouble();
            if (i < head.Count)
            {
                c.Industry = rng.NextDouble() < 0.03 ? null : head[i].Industry ?? Pick(Industries.All, rng);
                c.City = head[i].City ?? Pick(cities, rng);
            }
            else
            {
                c.Industry = rng.NextDouble() < 0.03 ? null : Pick(Industries.All, rng);
                c.City = Pick(cities, rng);
            }
            if (abroad < 0.12)
                (c.City, c.Country) = Abroad[rng.Next(Abroad.Length)];
            companies.Add(c);
        }

        // Positions to companies: the head by name, a quarter of them to the tail by Zipf.
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < head.Count; i++)
            byName[head[i].Org] = i;
        var tail = count - head.Count;
        var tailCumulative = new double[Math.Max(tail, 0)];
        double sum = 0;
        for (var i = 0; i < tail; i++)
            tailCumulative[i] = sum += 1.0 / (head.Count + i + 1);
        var links = new List<(Guid Entry, int Company)>(entries.Count);
        var employees = new HashSet<(int, Guid)>();
        foreach (var e in entries)
        {
            if (!byName.TryGetValue(e.Org, out var company) || rng.NextDouble() < UnlinkedShare)
                continue;
            if (tail > 0 && rng.NextDouble() < TailShare)
            {
                var x = rng.NextDouble() * sum;
                var k = Array.BinarySearch(tailCumulative, x);
                company = head.Count + Math.Min(k < 0 ? ~k : k, tail - 1);
            }
            links.Add((e.Id, company));
            if (e.Current && employees.Add((company, e.User)))
            {
                companies[company].Employees++;
                companies[company].Admin ??= e.User;
            }
        }

        // Followers: Zipf over a ranking that prefers large companies.
        var ranking = Enumerable.Range(0, count)
            .Select(i => (i, key: Math.Log(companies[i].Employees + 1) + Normal(rng)))
            .OrderByDescending(t => t.key).Select(t => t.i).ToArray();
        var harmonic = Enumerable.Range(1, count).Sum(r => 1.0 / r);
        var follows = FollowsPerMember * memberIds.Count;
        for (var r = 0; r < count; r++)
            companies[ranking[r]].Followers = Math.Min(memberIds.Count / 2, (int)(follows / harmonic / (r + 1) * (0.5 + rng.NextDouble())));
        timings["model (names, links, followers)"] = Lap(sw);

        // CompanyPages
        long followRows = 0;
        using (var w = conn.BeginBinaryImport("""
                   COPY "CompanyPages" ("Id", "Slug", "Name", "Tagline", "Description", "IndustryCode", "Size", "FoundedYear",
                       "City", "Country", "Locations", "Website", "Specialities", "EmailDomains", "VerifiedAt", "TakenDownAt",
                       "TakeDownReason", "FollowerCount", "EmployeeCount", "CreatedAt", "UpdatedAt")
                   FROM STDIN (FORMAT BINARY)
                   """))
        {
            foreach (var c in companies)
            {
                var persona = ProfileText.PersonaFor(c.Industry, rng);
                var specialities = PickSome(persona.Skills.Concat(persona.Haves).ToArray(), rng.Next(2, 9), rng);
                var (tagline, description) = Texts(c, persona, specialities, rng);
                var locations = new List<string>();
                for (var k = Math.Min(CompanyPage.MaxLocations, (int)(Math.Log2(c.Employees + 1) / 2 * rng.NextDouble() * 2)); k > 0; k--)
                {
                    var place = rng.NextDouble() < 0.15 ? Abroad[rng.Next(Abroad.Length)] : (Pick(cities, rng), "Deutschland");
                    var text = CompanyPage.JoinPlace(place.Item1, place.Item2);
                    if (!locations.Contains(text) && place.Item1 != c.City)
                        locations.Add(text);
                }
                w.StartRow();
                w.Write(c.Id, NpgsqlDbType.Uuid);
                w.Write(c.Slug, NpgsqlDbType.Varchar);
                w.Write(c.Name, NpgsqlDbType.Varchar);
                w.Write(tagline, NpgsqlDbType.Varchar);
                w.Write(description, NpgsqlDbType.Varchar);
                WriteOrNull(w, c.Industry);
                w.Write((int)SizeBand(c.Employees, rng), NpgsqlDbType.Integer);
                if (rng.NextDouble() < 0.7)
                    w.Write(rng.Next(1850, 2026), NpgsqlDbType.Integer);
                else
                    w.WriteNull();
                w.Write(c.City, NpgsqlDbType.Varchar);
                w.Write(c.Country, NpgsqlDbType.Varchar);
                w.Write(locations.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                w.Write($"https://www.{c.Slug}.example", NpgsqlDbType.Varchar);
                w.Write(specialities, NpgsqlDbType.Array | NpgsqlDbType.Text);
                w.Write(new[] { $"{c.Slug}.example" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                if (rng.NextDouble() < 0.05)
                    w.Write(c.CreatedAt.AddDays(rng.Next(1, 60)), NpgsqlDbType.TimestampTz);
                else
                    w.WriteNull();
                if (rng.NextDouble() < 0.003)
                {
                    w.Write(now.AddDays(-rng.Next(1, 300)), NpgsqlDbType.TimestampTz);
                    w.Write("Verstoß gegen die Nutzungsbedingungen (generiert)", NpgsqlDbType.Varchar);
                }
                else
                {
                    w.WriteNull();
                    w.WriteNull();
                }
                w.Write(c.Followers, NpgsqlDbType.Integer);
                w.Write(0, NpgsqlDbType.Integer); // set below by the recount
                w.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
                w.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
            }
            w.Complete();
        }
        timings["COPY CompanyPages (PostgreSQL computes SearchDocument, LocationKey, NameKey)"] = Lap(sw);

        using (var w = conn.BeginBinaryImport("""COPY "CompanyAdmins" ("CompanyId", "UserId", "AddedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var c in companies)
            {
                w.StartRow();
                w.Write(c.Id, NpgsqlDbType.Uuid);
                w.Write(c.Admin ?? memberIds[rng.Next(memberIds.Count)], NpgsqlDbType.Uuid);
                w.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
            }
            w.Complete();
        }

        using (var w = conn.BeginBinaryImport("""COPY "CompanyFollows" ("CompanyId", "UserId", "FollowedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            var chosen = new HashSet<int>();
            foreach (var c in companies)
            {
                chosen.Clear();
                while (chosen.Count < c.Followers)
                    chosen.Add(rng.Next(memberIds.Count));
                foreach (var m in chosen)
                {
                    var from = memberJoined[m] > c.CreatedAt ? memberJoined[m] : c.CreatedAt;
                    w.StartRow();
                    w.Write(c.Id, NpgsqlDbType.Uuid);
                    w.Write(memberIds[m], NpgsqlDbType.Uuid);
                    w.Write(from.AddTicks((long)((now - from).Ticks * rng.NextDouble())), NpgsqlDbType.TimestampTz);
                }
                followRows += c.Followers;
            }
            w.Complete();
        }
        timings["COPY CompanyAdmins, CompanyFollows"] = Lap(sw);

        // Link the positions: a temporary table by COPY, one UPDATE (the name as LinkAsync sets it).
        await Exec(conn, """CREATE TEMP TABLE bench_links ("Id" uuid PRIMARY KEY, "CompanyId" uuid NOT NULL) ON COMMIT DROP""");
        using (var w = conn.BeginBinaryImport("""COPY bench_links ("Id", "CompanyId") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var (entry, company) in links)
            {
                w.StartRow();
                w.Write(entry, NpgsqlDbType.Uuid);
                w.Write(companies[company].Id, NpgsqlDbType.Uuid);
            }
            w.Complete();
        }
        await Exec(conn, """
            UPDATE "ProfileEntries" e SET "CompanyId" = l."CompanyId", "Organisation" = left(c."Name", 120)
            FROM bench_links l JOIN "CompanyPages" c ON c."Id" = l."CompanyId"
            WHERE e."Id" = l."Id"
            """);
        timings["link ProfileEntries (COPY + UPDATE)"] = Lap(sw);

        // EmploymentService.RecountEmployeesAsync's statement, for every page.
        await Exec(conn, """
            UPDATE "CompanyPages" c SET "EmployeeCount" = (
                SELECT count(DISTINCT e."UserId") FROM "ProfileEntries" e
                JOIN "AspNetUsers" u ON u."Id" = e."UserId" AND u."DeletionRequestedAt" IS NULL
                WHERE e."CompanyId" = c."Id" AND e."IsCurrent")
            """);
        timings["recount employees (RecountEmployeesAsync's statement)"] = Lap(sw);
        if (replica)
            await Exec(conn, "SET session_replication_role = DEFAULT");
        await tx.CommitAsync();
        await Exec(conn, """VACUUM (ANALYZE) "CompanyPages", "CompanyFollows", "CompanyAdmins", "ProfileEntries" """);
        timings["VACUUM ANALYZE"] = Lap(sw);

        // Checks: the stored counts are what the application would compute.
        var wrong = await Scalar(conn, """
            SELECT count(*) FROM "CompanyPages" c
            WHERE c."FollowerCount" <> (SELECT count(*) FROM "CompanyFollows" f WHERE f."CompanyId" = c."Id")
               OR c."EmployeeCount" <> (SELECT count(DISTINCT e."UserId") FROM "ProfileEntries" e
                                        JOIN "AspNetUsers" u ON u."Id" = e."UserId" AND u."DeletionRequestedAt" IS NULL
                                        WHERE e."CompanyId" = c."Id" AND e."IsCurrent")
            """);
        if (wrong != 0)
            throw new InvalidOperationException($"{wrong} company pages have counts that differ from their rows");
        timings["check counts"] = Lap(sw);
        timings["companies total"] = Math.Round(total.Elapsed.TotalSeconds, 1);
        var maxEmployees = companies.Max(c => c.Employees);
        Log($"companies done in {total.Elapsed.TotalSeconds:N1} s: {count:N0} pages ({head.Count:N0} named after employers), " +
            $"{links.Count:N0} positions linked, {followRows:N0} follows; largest {maxEmployees:N0} employees, " +
            $"{companies.Count(c => c.Employees == 0):N0} without; counts checked");
        foreach (var (phase, seconds) in timings)
            Log($"  {phase,-60} {seconds,8:N1} s");

        var info = new Dictionary<string, double>(timings)
        {
            ["companies"] = count, ["linked positions"] = links.Count, ["follows"] = followRows,
        };
        await Exec(conn, $"COMMENT ON TABLE \"CompanyPages\" IS '{System.Text.Json.JsonSerializer.Serialize(info).Replace("'", "''")}'");
        return timings;
    }

    private static (string Tagline, string Description) Texts(Company c, ProfileText.Persona persona, string[] specialities,
        Random rng)
    {
        var (_, word) = TextTerms[rng.Next(TextTerms.Length)];
        var (_, word2) = TextTerms[rng.Next(TextTerms.Length)];
        var focus = specialities.Length > 0 ? specialities[0] : Pick(persona.Skills, rng);
        var tagline = rng.Next(4) switch
        {
            0 => $"Ihr Partner für {focus}",
            1 => $"{focus} aus {c.City}",
            2 => $"Innovative {word} für {Pick(persona.Haves, rng)}",
            _ => $"{focus} – made in {c.Country}",
        };
        if (tagline.Length > CompanyPage.TaglineMaxLength)
            tagline = tagline[..CompanyPage.TaglineMaxLength];
        var sentences = new List<string>
        {
            $"{c.Name} ist ein Unternehmen mit Sitz in {c.City}.",
            $"Wir entwickeln seit vielen Jahren {word} rund um {focus} und {string.Join(", ", specialities.Skip(1).Take(2))}.",
        };
        if (rng.NextDouble() < 0.6)
            sentences.Add($"Unsere {Pick(persona.Positions, rng)}-Teams arbeiten eng mit jedem {word2} zusammen.");
        if (rng.NextDouble() < 0.5)
            sentences.Add($"Wir suchen {Pick(persona.Wants, rng)} und bieten {Pick(persona.Haves, rng)}.");
        if (rng.NextDouble() < 0.3)
            sentences.Add("We are an equal opportunity employer and work in German and English.");
        if (c.Employees > 50)
            sentences.Add($"Mit mehreren Standorten in {c.Country} und über {c.Employees * 10} Mitarbeitenden gehören wir zu den großen Arbeitgebern der Branche.");
        return (tagline, string.Join(" ", sentences));
    }

    private static CompanySize SizeBand(int employees, Random rng)
    {
        if (rng.NextDouble() < 0.08)
            return CompanySize.Unknown;
        // Members are a sample of the work force: a factor of 5 to 60.
        var staff = Math.Max(1, employees) * (5 + 55 * rng.NextDouble());
        return staff switch
        {
            <= 10 => CompanySize.From1To10,
            <= 50 => CompanySize.From11To50,
            <= 200 => CompanySize.From51To200,
            <= 500 => CompanySize.From201To500,
            <= 1000 => CompanySize.From501To1000,
            <= 5000 => CompanySize.From1001To5000,
            <= 10000 => CompanySize.From5001To10000,
            _ => CompanySize.Over10000,
        };
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static T Pick<T>(IReadOnlyList<T> list, Random rng) => list[rng.Next(list.Count)];

    private static string[] PickSome(string[] list, int k, Random rng) =>
        list.OrderBy(_ => rng.Next()).Take(Math.Min(k, list.Length)).ToArray();

    private static void WriteOrNull(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
            w.WriteNull();
        else
            w.Write(value, NpgsqlDbType.Varchar);
    }

    private static Guid UuidV7(DateTime at, Random rng, Span<byte> bytes) => MemberData.UuidV7(at, rng, bytes);

    private static async Task<bool> TryReplicaAsync(NpgsqlConnection conn)
    {
        await Exec(conn, "SAVEPOINT replica_role");
        try
        {
            await Exec(conn, "SET session_replication_role = replica");
            await Exec(conn, "RELEASE SAVEPOINT replica_role");
            return true;
        }
        catch (PostgresException)
        {
            await Exec(conn, "ROLLBACK TO SAVEPOINT replica_role");
            return false;
        }
    }

    private static async Task<List<string>> Strings(NpgsqlConnection conn, string sql)
    {
        var list = new List<string>();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            list.Add(r.GetString(0));
        return list;
    }

    private static async Task<long> Scalar(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static double Lap(Stopwatch sw)
    {
        var s = sw.Elapsed.TotalSeconds;
        sw.Restart();
        return Math.Round(s, 1);
    }

    private static void Log(string message) => Generator.Log(message);
}
