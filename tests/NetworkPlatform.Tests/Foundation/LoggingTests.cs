using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Tests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace NetworkPlatform.Tests.Foundation;

/// <summary>Endpoints that only these tests add: one that waits until the client gives up, one that fails.</summary>
[Route("test/logging")]
public class LoggingProbeController(LoggingFactory factory) : Controller
{
    [HttpGet("wait")]
    public async Task<IActionResult> Wait()
    {
        factory.WaitArrived.Release();
        await Task.Delay(Timeout.Infinite, HttpContext.RequestAborted);
        return Ok();
    }

    [HttpGet("fail")]
    public IActionResult Fail() => throw new InvalidOperationException("probe failure");
}

/// <summary>The app with a sink that keeps every request line, whatever its level, so no 500 can hide.</summary>
public class LoggingFactory : AppFactory
{
    public LogCapture Log { get; } = new();
    public SemaphoreSlim WaitArrived { get; } = new(0);

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Verbose",
        // The probe's failure is on purpose: its stack trace would only clutter the test output.
        ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"] = "Fatal",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Log);
            services.AddSingleton(this);
            services.AddControllers().AddApplicationPart(typeof(LoggingProbeController).Assembly);
        });
    }
}

public class RequestLoggingTests(LoggingFactory app) : IClassFixture<LoggingFactory>
{
    [Fact]
    public async Task A_request_is_one_line_with_method_path_without_query_status_time_and_member()
    {
        var email = TestData.UniqueEmail("log-member");
        var member = await app.CreateMemberAsync(email);
        var client = app.NewClient();
        await client.LoginAsync(email);

        await client.OpenAsync("/settings?token=secret-from-the-query");

        var line = Assert.Single(await app.Log.WaitForRequestsToAsync("/settings"));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Matches(RequestLine("GET", "/settings", 200, member.Id.ToString()), line.RenderMessage());
        Assert.Equal(member.Id.ToString(), LogCapture.Scalar(line, "MemberId"));
        Assert.IsType<double>(LogCapture.Scalar(line, "Elapsed"));
        var traceId = Assert.IsType<string>(LogCapture.Scalar(line, "TraceId"));
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Equal(traceId, line.TraceId?.ToHexString());
        Assert.DoesNotContain(app.Log.Events, e => e.RenderMessage().Contains("secret-from-the-query") ||
                                                   e.Properties.Values.Any(v => v.ToString().Contains("secret-from-the-query")));
    }

    /// <summary>The error pages run the pipeline a second time (/error/404, /error/500): that is no line of its own.</summary>
    [Theory]
    [InlineData("/no-such-page", 404, LogEventLevel.Information)]
    [InlineData("/test/logging/fail", 500, LogEventLevel.Error)]
    [InlineData("/css/site.css", 200, LogEventLevel.Debug)]
    public async Task A_request_is_one_line_at_the_level_its_answer_deserves(string path, int status,
        LogEventLevel level)
    {
        var answer = await app.NewClient().GetAsync(path + "?x=1");
        Assert.Equal(status, (int)answer.StatusCode);

        var line = Assert.Single(await app.Log.WaitForRequestsToAsync(path));
        Assert.Equal(level, line.Level);
        Assert.Matches(RequestLine("GET", path, status, "-"), line.RenderMessage());
        Assert.Empty(app.Log.RequestsTo($"/error/{status}"));
    }

    [Fact]
    public async Task A_request_the_client_aborts_is_logged_as_499_not_500()
    {
        using var abort = new CancellationTokenSource();
        var request = app.NewClient().GetAsync("/test/logging/wait", abort.Token);
        Assert.True(await app.WaitArrived.WaitAsync(TimeSpan.FromSeconds(15)), "the request never reached the app");

        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        var line = Assert.Single(await app.Log.WaitForRequestsToAsync("/test/logging/wait"));
        Assert.Equal(499, LogCapture.Scalar(line, "StatusCode"));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Matches(RequestLine("GET", "/test/logging/wait", 499, "-"), line.RenderMessage());
        Assert.Null(line.Exception);
        // Nothing else about it reads like a server error either.
        Assert.DoesNotContain(app.Log.Events, e => e.TraceId == line.TraceId && e.Level >= LogEventLevel.Error);
        Assert.DoesNotContain(app.Log.Events, e => e.RenderMessage().Contains("/test/logging/wait responded 500"));
    }

    private static string RequestLine(string method, string path, int status, string member) =>
        $"^HTTP {method} {Regex.Escape(path)} responded {status} in [0-9]+\\.[0-9] ms \\(member {Regex.Escape(member)}\\)$";
}

/// <summary>The app as an operator starts it, with a database that cannot be reached.</summary>
public class StartupLoggingTests
{
    [Fact]
    public async Task An_unreachable_database_is_logged_as_a_json_line_and_the_app_exits_with_1()
    {
        var run = await AppProcess.RunAsync([], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ConnectionStrings__Default"] = $"Host=127.0.0.1;Port={ClosedPort()};Database=networkplatform;Username=postgres;Timeout=5",
        });

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
        var fatal = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .SingleOrDefault(e => e.TryGetProperty("@l", out var level) && level.GetString() == "Fatal");
        Assert.True(fatal.ValueKind == JsonValueKind.Object, "no Fatal line in:\n" + run.Output + run.Errors);
        Assert.StartsWith("NetworkPlatform could not start: ", fatal.GetProperty("@mt").GetString());
        Assert.StartsWith("Failed to connect to 127.0.0.1", fatal.GetProperty("Reason").GetString());
        Assert.Contains("Npgsql.NpgsqlException", fatal.GetProperty("@x").GetString());
    }

    /// <summary>A port that nothing listens on: taken from the OS, then released.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
