using System.Collections.Concurrent;
using System.Data.Common;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain;

namespace NetworkPlatform.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands that one HTTP request sends, to prove that a page costs a fixed number of round trips.
/// Only requests that carry the <see cref="Header"/> are counted, so the outbox dispatcher and other requests
/// running at the same time do not disturb the count.
/// </summary>
public sealed class QueryCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    public const string Header = "X-Test-Query-Label";
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _commands = new();

    public IReadOnlyList<string> CommandsFor(string label) =>
        _commands.TryGetValue(label, out var queue) ? queue.ToList() : [];

    private void Record(DbCommand command)
    {
        var label = http.HttpContext?.Request.Headers[Header].ToString();
        if (!string.IsNullOrEmpty(label))
            _commands.GetOrAdd(label, _ => new()).Enqueue(command.CommandText);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>The app with a <see cref="QueryCounter"/> on its DbContext.</summary>
public class QueryCountingAppFactory : AppFactory
{
    public QueryCounter Queries => Services.GetRequiredService<QueryCounter>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<QueryCounter>();
            services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<QueryCounter>()));
        });
    }
}

public static class QueryCounting
{
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// One of Identity's queries (it re-reads the account, its claims and roles on every request,
    /// SecurityStampInterval = 0): every table it reads from is an AspNet one. A page's own query may read
    /// "AspNetUsers" too (whether a member is visible), beside its own tables.
    /// </summary>
    public static bool IsIdentity(string sql)
    {
        var tables = System.Text.RegularExpressions.Regex.Matches(sql, "FROM \"(\\w+)\"");
        return tables.Count > 0 && tables.All(m => m.Groups[1].Value.StartsWith("AspNet", StringComparison.Ordinal));
    }

    /// <summary>GETs <paramref name="url"/> and returns the page with the SQL commands its request sent.</summary>
    public static async Task<(Page Page, IReadOnlyList<string> Commands)> OpenCountingQueriesAsync(
        this HttpClient client, QueryCountingAppFactory app, string url)
    {
        var label = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(QueryCounter.Header, label);
        var response = await client.SendAsync(request);
        var page = new Page(response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
        return (page, app.Queries.CommandsFor(label));
    }
}
