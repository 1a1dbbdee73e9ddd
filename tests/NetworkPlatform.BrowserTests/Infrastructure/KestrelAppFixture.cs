using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.BrowserTests.Infrastructure;

/// <summary>
/// The real app on real Kestrel (a browser cannot talk to TestServer), on its own database copied from the migrated
/// template, sending mail to the SMTP catcher. Configured like the integration tests' AppFactory, except that
/// App:BaseUrl is the Kestrel address, so the links in mails open in the browser as they are.
/// </summary>
public sealed class KestrelAppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string _connectionString = "";

    public int Port { get; } = FreePort();

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateAsync();
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        StartServer();
    }

    public new Task DisposeAsync() => base.DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = _connectionString,
            ["App:BaseUrl"] = BaseUrl,
            ["Email:Smtp:Host"] = TestEnvironment.SmtpHost,
            ["Email:Smtp:Port"] = TestEnvironment.SmtpPort.ToString(),
            ["Email:PollInterval"] = "00:00:00.100",
            ["Jobs:PollInterval"] = "00:00:00.100",
            ["RateLimits:AuthPerMinute"] = "10000",
            ["Demo:Seed"] = "false",
            // Readable test output: warnings and errors only (a test that reads the log raises what it needs).
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        // UseSetting, not ConfigureAppConfiguration: Program reads these while it registers services.
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }

    /// <summary>A port nobody listens on right now (the OS picks it; Kestrel binds it a moment later).</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
