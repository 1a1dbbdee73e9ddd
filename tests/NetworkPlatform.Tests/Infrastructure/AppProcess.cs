using System.Diagnostics;

namespace NetworkPlatform.Tests.Infrastructure;

/// <summary>The built app as its own process, started the way an operator starts it: <c>dotnet NetworkPlatform.Web.dll</c>.</summary>
public static class AppProcess
{
    public record Run(int ExitCode, string Output, string Errors);

    public static async Task<Run> RunAsync(IEnumerable<string> args, IDictionary<string, string> environment,
        TimeSpan? timeout = null)
    {
        var bin = AppContext.BaseDirectory;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(bin, "NetworkPlatform.Web.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException(
                $"The app did not finish within {limit.TotalSeconds} s:\n" + await output + await errors);
        }
        return new Run(process.ExitCode, await output, await errors);
    }
}
