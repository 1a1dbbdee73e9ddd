using Npgsql;

namespace NetworkPlatform.Domain;

/// <summary>How the application connects to PostgreSQL, whatever connection string it is given.</summary>
public static class DatabaseConnection
{
    /// <summary>Statements kept prepared per connection (Npgsql automatic preparation), unless the connection string sets it.</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// The connection string with Npgsql's automatic preparation: a statement run a second time on a connection is
    /// prepared, so PostgreSQL parses it once and may keep its plan. The member search's one query took longer to plan
    /// than to run for a rare term (1M members: planning 5-7 ms, running 5 ms; bench/README.md). A value set in the
    /// connection string (Max Auto Prepare, also 0 to turn it off) is kept. The same for No Reset On Close (below).
    /// </summary>
    public static string Tune(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        // The builder writes back only what was set, under its canonical keyword, whichever spelling was used.
        if (!b.ConnectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            b.MaxAutoPrepare = MaxAutoPrepare;
            b.AutoPrepareMinUsages = 2;
        }
        // A pooled connection handed out again is reset by Npgsql with seven statements (DISCARD TEMP, RESET ALL,
        // UNLISTEN *, ...) before the next query: 28 of a profile page's 32 statements (bench/results/pages-100000.md).
        // Nothing here leaves session state behind (no SET, temporary tables, LISTEN or session advisory locks; the
        // advisory locks are transaction-scoped), so the reset is skipped unless the connection string asks for it.
        if (!b.ConnectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
            b.NoResetOnClose = true;
        return b.ConnectionString;
    }
}
