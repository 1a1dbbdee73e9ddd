using System.Diagnostics;
using Microsoft.AspNetCore.StaticAssets;
using NetworkPlatform.Web.Infrastructure.Security;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace NetworkPlatform.Web.Infrastructure.Logging;

/// <summary>
/// Serilog to the console: compact JSON lines (CLEF) in Production, plain lines elsewhere. Levels, overrides and
/// enrichers come from the <c>Serilog</c> section; sinks registered as <see cref="ILogEventSink"/> services are
/// added (the tests capture events that way).
/// </summary>
public static class AppLogging
{
    /// <summary>One line per request: method, path (never the query string, which may carry tokens), status,
    /// duration and the member's id. Never headers, cookies or bodies. <c>:l</c>: no quotes around the strings
    /// in the rendered message.</summary>
    public const string RequestTemplate =
        "HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:0.0} ms (member {MemberId:l})";

    private const string PlainTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// For what happens before the host's logger exists or after it is gone: a missing setting, an unreachable
    /// database, a port in use. Program owns it; the static <see cref="Log.Logger"/> is left alone, because the
    /// tests start several hosts in one process at once and Serilog's reloadable bootstrap logger can be frozen
    /// only once.
    /// </summary>
    public static Logger CreateBootstrapLogger()
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                          ?? Environments.Production;
        var production = string.Equals(environment, Environments.Production, StringComparison.OrdinalIgnoreCase);
        return ToConsole(new LoggerConfiguration().MinimumLevel.Information()
            .Enrich.WithProperty(Constants.SourceContextPropertyName, "Program"), production).CreateLogger();
    }

    public static void LogStartupFailure(Logger bootstrap, Exception ex) =>
        bootstrap.Fatal(ex, "NetworkPlatform could not start: {Reason:l}", ex.Message);

    public static void AddAppLogging(this WebApplicationBuilder builder) =>
        builder.Host.UseSerilog((context, services, logger) => ToConsole(logger
                .ReadFrom.Configuration(context.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(), context.HostingEnvironment.IsProduction()),
            preserveStaticLogger: true);

    public static void UseRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            // The host's logger: the static one is the silent default (see CreateBootstrapLogger).
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = RequestTemplate;
            o.IncludeQueryInRequestPath = false;
            o.GetLevel = LevelOf;
            o.GetMessageTemplateProperties = (http, path, elapsedMs, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(path)),
                new LogEventProperty("StatusCode", new ScalarValue(StatusOf(http, status))),
                new LogEventProperty("Elapsed", new ScalarValue(elapsedMs)),
            ];
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("MemberId",
                    http.User.Identity?.IsAuthenticated == true ? http.User.IdOf().ToString() : "-");
                diagnostics.Set("TraceId", Activity.Current?.TraceId.ToHexString() ?? http.TraceIdentifier);
            };
        });

    /// <summary>
    /// The client closed the connection before the answer (a load test that ends, a member who gives up): nginx's
    /// 499, at Information. The exception handler sets it when the cancelled work threw; this also covers work
    /// that finished anyway. It is not a server error, and the 500 it used to be logged as had no exception.
    /// </summary>
    private static int StatusOf(HttpContext http, int status) =>
        http.RequestAborted.IsCancellationRequested ? StatusCodes.Status499ClientClosedRequest : status;

    private static LogEventLevel LevelOf(HttpContext http, double _, Exception? ex)
    {
        if (http.Request.Path.StartsWithSegments("/health"))
            return LogEventLevel.Verbose;
        if (http.RequestAborted.IsCancellationRequested)
            return LogEventLevel.Information;
        if (ex is not null || http.Response.StatusCode >= 500)
            return LogEventLevel.Error;
        // A page's styles and scripts would outnumber the pages: static assets are logged at Debug.
        return IsStaticAsset(http) && http.Response.StatusCode < 400 ? LogEventLevel.Debug : LogEventLevel.Information;
    }

    private static bool IsStaticAsset(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    /// <summary>Production: CLEF (<c>@t</c>, <c>@mt</c>, <c>@l</c>, <c>@x</c>, <c>@tr</c> and the properties), for log
    /// collectors; a rendered message would quote every string argument of Microsoft's messages.</summary>
    private static LoggerConfiguration ToConsole(LoggerConfiguration logger, bool production) => production
        ? logger.WriteTo.Console(new CompactJsonFormatter())
        : logger.WriteTo.Console(outputTemplate: PlainTemplate);
}
