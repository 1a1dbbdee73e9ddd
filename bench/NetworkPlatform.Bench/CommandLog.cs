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

    private readonly List<(DbCommand Command, Entry Entry, long Started)> _current = [];

    public IReadOnlyList<Entry> TakeCall()
    {
        var copy = _current.Select(c => c.Entry).ToList();
        _current.Clear();
        return copy;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // Npgsql hands out the reader as soon as the row description arrives, before the rows are computed, so the
        // statement's time runs from here until the reader is disposed.
        _current.Add((command, new Entry(command.CommandText,
            command.Parameters.OfType<NpgsqlParameter>().Select(p => p.Clone()).ToArray()), Stopwatch.GetTimestamp()));
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData,
        InterceptionResult result)
    {
        for (var i = _current.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(_current[i].Command, command))
            {
                _current[i].Entry.Duration = Stopwatch.GetElapsedTime(_current[i].Started);
                break;
            }
        }
        return base.DataReaderDisposing(command, eventData, result);
    }

    public static async Task<string> ExplainAsync(string connectionString, Entry entry)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + entry.Sql, conn);
        foreach (var p in entry.Parameters)
            cmd.Parameters.Add(p.Clone());
        var lines = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            lines.Add(r.GetString(0));
        return string.Join('\n', lines);
    }
}
