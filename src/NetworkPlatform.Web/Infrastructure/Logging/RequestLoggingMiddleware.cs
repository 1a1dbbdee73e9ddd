using System.Diagnostics;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Web.Infrastructure.Logging;

/// <summary>
/// One line per request: method, path (without the query string, which may carry tokens), status, duration and
/// the member's id. Never headers, cookies or bodies. (Serilog.AspNetCore's version cannot be restored here.)
/// </summary>
public partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var status = failed ? 500 : context.Response.StatusCode;
            var user = context.User.Identity?.IsAuthenticated == true ? context.User.IdOf().ToString() : "-";
            if (!context.Request.Path.StartsWithSegments("/health"))
                LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", status, ms, user);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms (user {UserId})")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs,
        string userId);
}
