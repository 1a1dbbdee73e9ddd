namespace NetworkPlatform.Domain.Bench;

/// <summary>
/// A row of TechEmpower's Fortunes test (issue 17): the baseline that the app's own pages are measured against. Only
/// <c>/bench/fortunes</c> reads it, and only where <c>Bench:Enabled</c> is set.
/// </summary>
public sealed class Fortune
{
    public int Id { get; init; }
    public string Message { get; init; } = "";
}
