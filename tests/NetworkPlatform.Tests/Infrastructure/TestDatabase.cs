using Microsoft.EntityFrameworkCore;
using Npgsql;
using NetworkPlatform.Domain;

namespace NetworkPlatform.Tests.Infrastructure;

/// <summary>
/// Each test class gets its own database, copied from a template that the real migrations built once per test run
/// (CREATE DATABASE ... TEMPLATE is a file copy: a few milliseconds instead of migrating again).
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _template;

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresServer) { Database = database, Pooling = true }.ConnectionString;

    public static async Task<string> CreateAsync()
    {
        var template = await TemplateAsync();
        var name = "np_" + Guid.NewGuid().ToString("N")[..16];
        // Nothing may hold a connection to the template while it is copied; tests never connect to it, so a
        // conflict can only be a moment's overlap with the template's own creation: try again briefly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
                return ConnectionString(name);
            }
            catch (PostgresException e) when (e.SqlState == "55006" && attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }

    public static async Task<string> CreateEmptyAsync()
    {
        var name = "np_empty_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    public static async Task<string> TemplateAsync()
    {
        if (_template is not null)
            return _template;
        await Gate.WaitAsync();
        try
        {
            if (_template is not null)
                return _template;
            // One template per test process: the two test assemblies may build theirs at the same time.
            var name = $"np_template_{Environment.ProcessId}";
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\"");
            await ExecuteAsync($"CREATE DATABASE \"{name}\"");
            var unpooled = new NpgsqlConnectionStringBuilder(ConnectionString(name)) { Pooling = false }.ConnectionString;
            await using (var db = NewContext(unpooled))
                await db.Database.MigrateAsync();
            NpgsqlConnection.ClearAllPools(); // a template must have no open connections
            _template = name;
            return name;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static AppDbContext NewContext(string connectionString) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).Options);

    private static async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
