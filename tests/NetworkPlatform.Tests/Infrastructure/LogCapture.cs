using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace NetworkPlatform.Tests.Infrastructure;

/// <summary>
/// A Serilog sink that keeps every event in memory. Registered as an <see cref="ILogEventSink"/> service, it is
/// picked up by the app's logger configuration (<c>ReadFrom.Services</c>) like any other sink.
/// </summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => [.. _events];

    /// <summary>The request lines (Serilog's request logging) whose path is <paramref name="path"/>.</summary>
    public IReadOnlyList<LogEvent> RequestsTo(string path) =>
        [.. Events.Where(e => Scalar(e, "RequestPath") is string p && p == path && Scalar(e, "StatusCode") is not null)];

    public static object? Scalar(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue scalar ? scalar.Value : null;

    public async Task<IReadOnlyList<LogEvent>> WaitForRequestsToAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (RequestsTo(path).Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        return RequestsTo(path);
    }
}
