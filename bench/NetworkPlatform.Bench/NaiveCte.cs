using System.Diagnostics;
using Npgsql;

namespace NetworkPlatform.Bench;

/// <summary>
/// The reference the issue asks to keep: the contact path as one recursive CTE, the way it is usually written first.
/// Each variant runs for the same pairs as NetworkService's scenarios, capped by statement_timeout.
/// </summary>
public static class NaiveCte
{
    /// <summary>
    /// The naive query: an unbounded walk with a path array and a cycle check; the depth limit is only in the final
    /// WHERE. Without ORDER BY, PostgreSQL's recursive union produces rows level by level and LIMIT stops it at the
    /// third hit, so this is the most generous form of the naive query: the first hits are the shortest paths. When
    /// fewer than three paths of at most three steps exist, it keeps walking deeper until the timeout.
    /// </summary>
    public const string Unbounded = """
        WITH RECURSIVE walk(member, path) AS (
            SELECT c."ContactUserId", ARRAY[c."UserId", c."ContactUserId"]
            FROM "Contacts" c WHERE c."UserId" = $1
          UNION ALL
            SELECT c."ContactUserId", w.path || c."ContactUserId"
            FROM walk w JOIN "Contacts" c ON c."UserId" = w.member
            WHERE c."ContactUserId" <> ALL (w.path)
        )
        SELECT path FROM walk WHERE member = $2 AND cardinality(path) <= 4
        LIMIT 3
        """;

    /// <summary>The same with the ORDER BY that "shortest paths first" seems to need: it must walk everything.</summary>
    public const string UnboundedOrdered = """
        WITH RECURSIVE walk(member, path) AS (
            SELECT c."ContactUserId", ARRAY[c."UserId", c."ContactUserId"]
            FROM "Contacts" c WHERE c."UserId" = $1
          UNION ALL
            SELECT c."ContactUserId", w.path || c."ContactUserId"
            FROM walk w JOIN "Contacts" c ON c."UserId" = w.member
            WHERE c."ContactUserId" <> ALL (w.path)
        )
        SELECT path FROM walk WHERE member = $2 AND cardinality(path) <= 4
        ORDER BY cardinality(path)
        LIMIT 3
        """;

    /// <summary>The careful SQL-only version: depth bounded inside the recursion (still a one-sided search).</summary>
    public const string DepthBounded = """
        WITH RECURSIVE walk(member, path) AS (
            SELECT c."ContactUserId", ARRAY[c."UserId", c."ContactUserId"]
            FROM "Contacts" c WHERE c."UserId" = $1
          UNION ALL
            SELECT c."ContactUserId", w.path || c."ContactUserId"
            FROM walk w JOIN "Contacts" c ON c."UserId" = w.member
            WHERE cardinality(w.path) < 4 AND w.member <> $2 AND c."ContactUserId" <> ALL (w.path)
        )
        SELECT path FROM walk WHERE member = $2
        ORDER BY cardinality(path)
        LIMIT 3
        """;

    public sealed record Variant(string Name, string Sql, int MaxPairs);

    public sealed record Row(string Group, Variant Variant, ScenarioResult Result, ScenarioResult Service);

    public static async Task<List<Row>> RunAsync(string cs, BenchOptions o, MachineLoad machine,
        IReadOnlyList<(string Group, List<SampledPair> Pairs, ScenarioResult Service)> groups)
    {
        Variant[] variants =
        [
            new("naive recursive CTE (depth only in the final WHERE, LIMIT 3)", Unbounded, int.MaxValue),
            new("naive recursive CTE + ORDER BY path length", UnboundedOrdered, 3),
            new("recursive CTE bounded to 3 steps inside the recursion", DepthBounded, int.MaxValue),
        ];
        var rows = new List<Row>();
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "bench-naive" }.ConnectionString);
        await conn.OpenAsync();
        await using (var set = new NpgsqlCommand($"SET statement_timeout = {o.NaiveTimeoutMs}", conn))
            await set.ExecuteNonQueryAsync();

        foreach (var (group, pairs, service) in groups)
        {
            foreach (var v in variants)
            {
                var r = new ScenarioResult($"{group}: {v.Name}", v.Name);
                var start = machine.Take();
                foreach (var p in pairs.Take(v.MaxPairs))
                {
                    var sw = Stopwatch.StartNew();
                    try
                    {
                        await using var cmd = new NpgsqlCommand(v.Sql, conn);
                        cmd.Parameters.Add(new NpgsqlParameter { Value = p.From });
                        cmd.Parameters.Add(new NpgsqlParameter { Value = p.To });
                        var shortest = int.MaxValue;
                        var found = 0;
                        await using (var reader = await cmd.ExecuteReaderAsync())
                        {
                            while (await reader.ReadAsync())
                            {
                                found++;
                                shortest = Math.Min(shortest, reader.GetFieldValue<Guid[]>(0).Length - 1);
                            }
                        }
                        r.Millis.Add(sw.Elapsed.TotalMilliseconds);
                        r.Outcome(found == 0 ? "no path" : $"shortest {shortest} steps");
                        if (p.Distance is { } d)
                            r.Check(found > 0 && shortest == d);
                    }
                    catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
                    {
                        r.Millis.Add(o.NaiveTimeoutMs);
                        r.Timeouts++;
                    }
                }
                r.OtherCores = MachineLoad.OtherCores(start, machine.Take());
                NetworkBenchmark.Log($"  {r.Name}: {r.Millis.Count} pairs, p50 {r.Percentile(0.5):N1} ms, {r.Timeouts} timeouts");
                rows.Add(new Row(group, v, r, service));
            }
        }
        return rows;
    }
}
