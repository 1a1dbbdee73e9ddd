using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Schema;

/// <summary>
/// The schema of a database as <c>pg_dump --schema-only</c> writes it (tables, columns, constraints, indexes with their
/// storage parameters, functions, triggers, extensions, column storage), and what differs between two of them.
/// </summary>
public static class SchemaDump
{
    /// <summary>The migration history's rows are data, but its table is part of the schema unless left out.</summary>
    public static async Task<string> OfAsync(string connectionString, bool withHistoryTable = false)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var psi = new ProcessStartInfo(Path.Combine(TestEnvironment.PgBin, "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--schema-only", "--no-owner", "--no-privileges", "--restrict-key=fixed" })
            psi.ArgumentList.Add(arg);
        if (!withHistoryTable)
            psi.ArgumentList.Add("--exclude-table=public.\"__EFMigrationsHistory\"");
        foreach (var arg in new[] { "-h", cs.Host!, "-p", cs.Port.ToString(), "-U", cs.Username!, cs.Database! })
            psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {error}");
        return await output;
    }

    /// <summary>
    /// What one schema has and the other lacks, one line each ("only in ...: ..."), empty if they are the same.
    /// Comments and blank lines differ between dumps of different databases; so does the order of columns, since a
    /// migration adds a new column at the end of its table while the model lists it where the class declares it. Each
    /// column is therefore compared as a line of its table wherever it stands; everything else line by line.
    /// </summary>
    public static IReadOnlyList<string> Differences(string expected, string actual,
        string expectedName = "expected", string actualName = "actual")
    {
        var e = Normalize(expected);
        var a = Normalize(actual);
        var differences = Except(e, a).Select(l => $"only in {expectedName}: {l}")
            .Concat(Except(a, e).Select(l => $"only in {actualName}: {l}"))
            .ToList();
        if (differences.Count == 0 && !e.SequenceEqual(a))
            differences.Add("the same statements in a different order");
        return differences;
    }

    /// <summary>A database with the migrations applied one at a time from the first, up to and including <paramref name="upTo"/>.</summary>
    public static async Task<string> MigratedStepByStepAsync(string? upTo = null)
    {
        var connectionString = await TestDatabase.CreateEmptyAsync();
        await MigrateStepByStepAsync(connectionString, upTo);
        return connectionString;
    }

    public static async Task MigrateStepByStepAsync(string connectionString, string? upTo)
    {
        await using var db = TestDatabase.NewContext(connectionString);
        var ids = db.Database.GetMigrations().ToList();
        Assert.True(upTo is null || ids.Contains(upTo), $"no migration {upTo}");
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToHashSet();
        var migrator = db.GetService<IMigrator>();
        foreach (var id in ids)
        {
            if (!applied.Contains(id))
                await migrator.MigrateAsync(id);
            if (id == upTo)
                break;
        }
    }

    private static List<string> Normalize(string dump)
    {
        var lines = dump.Split('\n')
            .Select(l => l.TrimEnd().TrimEnd(','))
            .Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal) &&
                        !l.StartsWith("\\restrict", StringComparison.Ordinal) &&
                        !l.StartsWith("\\unrestrict", StringComparison.Ordinal))
            .ToList();
        var result = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            result.Add(lines[i]);
            if (!lines[i].StartsWith("CREATE TABLE ", StringComparison.Ordinal))
                continue;
            var table = lines[i]["CREATE TABLE ".Length..].TrimEnd(' ', '(');
            var columns = new List<string>();
            while (i + 1 < lines.Count && lines[i + 1] != ");")
                columns.Add($"{table}: {lines[++i].Trim()}");
            result.AddRange(columns.Order(StringComparer.Ordinal));
        }
        return result;
    }

    /// <summary>The lines of <paramref name="from"/> that <paramref name="other"/> lacks, counting repeats.</summary>
    private static IEnumerable<string> Except(List<string> from, List<string> other)
    {
        var left = other.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var line in from)
        {
            if (left.TryGetValue(line, out var n) && n > 0)
                left[line] = n - 1;
            else
                yield return line;
        }
    }
}
