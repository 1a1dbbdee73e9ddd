using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace NetworkPlatform.Bench;

/// <summary>
/// Remembers the commands of the call in progress (SQL, parameters, time to first row), so that the slowest call of a
/// scenario can be explained afterwards with EXPLAIN ANALYZE on the very same statement and values.
/// </summary>
public sealed class CommandLog : DbCommandInterceptor
{
    /// <summary>One statement: its text and values, and the time from sending it until its reader was disposed
    /// (the server's work, the round trip and reading the rows).</summary>
    public sealed record Entry(string Sql, NpgsqlParameter[] Parameters)
    {
        public TimeSpan Duration { get; set; }
    }

    // Per async flow, so that concurrent clients each log their own call.
    private readonly AsyncLocal<List<(DbCommand Command, Entry Entry, long Started)>?> _current = new();

    /// <summary>The statements of the call that just ended in this async flow; starts a new call.</summary>
    public IReadOnlyList<Entry> TakeCall()
    {
        var copy = _current.Value?.Select(c => c.Entry).ToList() ?? [];
        _current.Value = [];
        return copy;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // Npgsql hands out the reader as soon as the row description arrives, before the rows are computed, so the
        // statement's time runs from here until the reader is disposed.
        _current.Value?.Add((command, new Entry(command.CommandText,
            command.Parameters.OfType<NpgsqlParameter>().Select(p => p.Clone()).ToArray()), Stopwatch.GetTimestamp()));
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData,
        InterceptionResult result)
    {
        var current = _current.Value ?? [];
        for (var i = current.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(current[i].Command, command))
            {
                current[i].Entry.Duration = Stopwatch.GetElapsedTime(current[i].Started);
                break;
            }
        }
        return base.DataReaderDisposing(command, eventData, result);
    }

    /// <summary>EXPLAIN ANALYZE of each scenario's slowest call (a failed EXPLAIN is written instead of its plan).</summary>
    public static async Task<List<(ScenarioResult Scenario, Entry Entry, string Plan)>> ExplainSlowestAsync(
        string connectionString, IEnumerable<ScenarioResult> results,
        IReadOnlyDictionary<ScenarioResult, IReadOnlyList<Entry>> slowest)
    {
        var explained = new List<(ScenarioResult Scenario, Entry Entry, string Plan)>();
        foreach (var r in results)
        {
            if (!slowest.TryGetValue(r, out var calls) || calls.Count == 0)
                continue;
            var worst = calls.MaxBy(c => c.Duration)!;
            try
            {
                explained.Add((r, worst, await ExplainAsync(connectionString, worst)));
            }
            catch (NpgsqlException e)
            {
                explained.Add((r, worst, $"(EXPLAIN failed: {e.Message})"));
            }
        }
        return explained;
    }

    public static async Task<string> ExplainAsync(string connectionString, Entry entry)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        // A command may set what its query needs first (member search: `SET pg_trgm.word_similarity_threshold = ..;`):
        // run those statements, explain the query after them.
        var sql = entry.Sql.TrimStart();
        while (sql.StartsWith("SET ", StringComparison.OrdinalIgnoreCase) && sql.IndexOf(';') is > 0 and var end)
        {
            await using (var set = new NpgsqlCommand(sql[..(end + 1)], conn))
                await set.ExecuteNonQueryAsync();
            sql = sql[(end + 1)..].TrimStart();
        }
        await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, conn);
        foreach (var p in entry.Parameters)
            cmd.Parameters.Add(p.Clone());
        var lines = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            lines.Add(r.GetString(0));
        return string.Join('\n', lines);
    }
}
