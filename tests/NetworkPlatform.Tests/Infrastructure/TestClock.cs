namespace NetworkPlatform.Tests.Infrastructure;

/// <summary>A clock the tests can move forward; it starts at the real time.</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
