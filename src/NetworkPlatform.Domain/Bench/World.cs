namespace NetworkPlatform.Domain.Bench;

/// <summary>A row of TechEmpower's single-query test (<c>/bench/db</c>, issue 17): 10,000 rows with a random number.</summary>
public sealed class World
{
    public int Id { get; init; }
    public int RandomNumber { get; init; }
}
