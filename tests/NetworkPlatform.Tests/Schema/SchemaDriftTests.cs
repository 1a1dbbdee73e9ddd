using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NetworkPlatform.Domain.Search;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Schema;

/// <summary>
/// The migrations are written by hand (the EF design-time tools cannot be restored here). This proves they build
/// exactly the schema the model describes: pg_dump of a migrated database equals pg_dump of one made by
/// EnsureCreated() from the model.
/// </summary>
public partial class SchemaDriftTests
{
    [Fact]
    public async Task The_migrated_schema_equals_the_schema_of_the_model()
    {
        var migrated = new NpgsqlConnectionStringBuilder(await TestDatabase.CreateAsync());
        var fromModel = new NpgsqlConnectionStringBuilder(await TestDatabase.CreateEmptyAsync());
        await using (var db = TestDatabase.NewContext(fromModel.ConnectionString))
        {
            // Functions and triggers are not part of an EF model, but the model's generated search columns call the
            // functions (ADR 0006): they are made first, by the same SQL as the migration, the name-word trigger and the
            // search document's storage after the tables, and then both are compared like everything else.
            await db.Database.ExecuteSqlRawAsync(SearchSql.CreateFunctions);
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync(SearchSql.CreateTriggers);
            await db.Database.ExecuteSqlRawAsync(SearchSql.DocumentStorage);
        }

        var expected = Normalize(await DumpAsync(fromModel));
        var actual = Normalize(await DumpAsync(migrated));

        Assert.False(string.IsNullOrWhiteSpace(expected));
        Assert.Contains("CREATE TABLE public.\"AspNetUsers\"", expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Every_migration_is_applied_to_a_test_database_and_none_is_pending()
    {
        await using var db = TestDatabase.NewContext(await TestDatabase.CreateAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    private static async Task<string> DumpAsync(NpgsqlConnectionStringBuilder cs)
    {
        var psi = new ProcessStartInfo(Path.Combine(TestEnvironment.PgBin, "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--schema-only", "--no-owner", "--no-privileges", "--restrict-key=fixed",
                "--exclude-table=public.\"__EFMigrationsHistory\"",
                "-h", cs.Host!, "-p", cs.Port.ToString(), "-U", cs.Username!, cs.Database!,
            },
        };
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {error}");
        return output;
    }

    /// <summary>
    /// Comments and blank lines differ between dumps of different databases; so does the order of columns, since a
    /// migration adds a new column at the end of its table while the model lists it where the class declares it.
    /// Each table's column lines are therefore compared as a set (sorted); everything else line by line.
    /// </summary>
    private static string Normalize(string dump)
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
            var columns = new List<string>();
            while (i + 1 < lines.Count && lines[i + 1] != ");")
                columns.Add(lines[++i]);
            result.AddRange(columns.Order(StringComparer.Ordinal));
        }
        return string.Join('\n', result);
    }
}
