using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NetworkPlatform.Bench;

/// <summary>
/// Counts the SQL commands EF Core sends, so the report can show round trips per call: in all, and per call (the
/// count follows the async flow from <see cref="BeginCall"/>, so concurrent clients each count their own).
/// </summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private int _count;
    private readonly AsyncLocal<StrongBox<int>?> _call = new();

    public int Count => Volatile.Read(ref _count);

    /// <summary>Starts counting the commands of the call that the current async flow is about to make.</summary>
    public void BeginCall() => _call.Value = new StrongBox<int>();

    public int CallCount => _call.Value?.Value ?? 0;

    private void Increment()
    {
        Interlocked.Increment(ref _count);
        if (_call.Value is { } box)
            box.Value++;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Increment();
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Increment();
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Increment();
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        Increment();
        return base.ReaderExecuting(command, eventData, result);
    }
}

/// <summary>The timings of one scenario, in milliseconds, with what else the report says about it.</summary>
public sealed class ScenarioResult(string name, string description)
{
    public string Name { get; } = name;
    public string Description { get; } = description;
    public List<double> Millis { get; } = [];
    public List<int> Queries { get; } = [];

    /// <summary>Per call, the time spent in SQL statements (sent until all rows read), in milliseconds.</summary>
    public List<double> SqlMillis { get; } = [];
    public int Timeouts { get; set; }

    /// <summary>CPU cores busy with other processes while the scenario was measured.</summary>
    public double? OtherCores { get; set; }

    /// <summary>How often the scenario was measured; the report keeps the attempt with the least other load.</summary>
    public int Attempts { get; set; } = 1;

    /// <summary>Callers at the same time (1 = one client).</summary>
    public int Clients { get; set; } = 1;

    /// <summary>Wall-clock time of the measured calls, for the throughput of concurrent clients.</summary>
    public double WallSeconds { get; set; }

    public double CallsPerSecond => WallSeconds > 0 ? Millis.Count / WallSeconds : double.NaN;

    public ScenarioResult Copy()
    {
        var c = new ScenarioResult(Name, Description)
        {
            Target = Target, TargetMillis = TargetMillis, TargetQuantile = TargetQuantile,
            Timeouts = Timeouts, Errors = Errors, Checked = Checked, WrongAnswers = WrongAnswers, OtherCores = OtherCores,
            Clients = Clients, WallSeconds = WallSeconds,
        };
        c.Millis.AddRange(Millis);
        c.Queries.AddRange(Queries);
        c.SqlMillis.AddRange(SqlMillis);
        foreach (var (k, v) in Outcomes)
            c.Outcomes[k] = v;
        return c;
    }

    public void Reset()
    {
        Millis.Clear();
        Queries.Clear();
        SqlMillis.Clear();
        Outcomes.Clear();
        Timeouts = Errors = Checked = WrongAnswers = 0;
        OtherCores = null;
    }

    public void RestoreFrom(ScenarioResult c)
    {
        Reset();
        Millis.AddRange(c.Millis);
        Queries.AddRange(c.Queries);
        SqlMillis.AddRange(c.SqlMillis);
        foreach (var (k, v) in c.Outcomes)
            Outcomes[k] = v;
        Timeouts = c.Timeouts;
        Errors = c.Errors;
        Checked = c.Checked;
        WrongAnswers = c.WrongAnswers;
        OtherCores = c.OtherCores;
        Clients = c.Clients;
        WallSeconds = c.WallSeconds;
    }
    public int Errors { get; set; }
    public int Checked { get; set; }
    public int WrongAnswers { get; set; }
    public Dictionary<string, int> Outcomes { get; } = new();
    public string? Target { get; init; }
    public double? TargetMillis { get; init; }
    public double TargetQuantile { get; init; }

    /// <summary>False during the warm-up, whose calls count nowhere.</summary>
    public bool Recording { get; set; } = true;

    public void Outcome(string what)
    {
        if (!Recording)
            return;
        lock (Outcomes)
            Outcomes[what] = Outcomes.GetValueOrDefault(what) + 1;
    }

    public void Check(bool right)
    {
        if (!Recording)
            return;
        lock (Outcomes)
        {
            Checked++;
            if (!right)
                WrongAnswers++;
        }
    }

    public double Percentile(double q) => Percentile(Millis, q);

    public static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public double Mean => Millis.Count == 0 ? double.NaN : Millis.Average();
    public double Max => Millis.Count == 0 ? double.NaN : Millis.Max();
}
