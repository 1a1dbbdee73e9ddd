namespace NetworkPlatform.Domain.Privacy;

/// <summary>
/// One personal data export (GDPR Art. 15 and 20) a member asked for. The ZIP lives in the file store
/// (<see cref="Files.IFileStore"/>, ADR 0005) under <see cref="FileId"/> from when it is ready until it expires.
/// </summary>
public class PersonalDataExport
{
    /// <summary>One export per member per this long: building one reads everything the member has.</summary>
    public static readonly TimeSpan Cooldown = TimeSpan.FromHours(24);

    /// <summary>How long the finished ZIP can be downloaded; then the retention job deletes it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public Guid? JobId { get; set; }
    public Guid? FileId { get; set; }
    public long Size { get; set; }
    public DateTimeOffset? ReadyAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsReadyAt(DateTimeOffset now) => FileId is not null && ExpiresAt > now;
}

/// <summary>
/// A successful sign-in, for the member's own login history (and their data export). The IP address is shortened
/// (IPv4 to /24, IPv6 to /48): enough to recognise "that was me at home", not enough to point at one device.
/// Kept <see cref="RetentionDays"/> days.
/// </summary>
public class LoginRecord
{
    public const int RetentionDays = 365;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset SignedInAt { get; set; }
    public string? IpAddress { get; set; }

    /// <summary>"password", "two-factor" or "recovery-code".</summary>
    public string Method { get; set; } = "";
}

/// <summary>
/// That an account was deleted, and when: all the back-office keeps (no e-mail, no name, not even the old account id),
/// so it can answer "how many deletions, how fast" and show that requests were honoured (GDPR Art. 5(2)).
/// </summary>
public class AccountDeletion
{
    /// <summary>How long a member can change their mind by logging in.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromDays(14);

    public Guid Id { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset DeletedAt { get; set; }
}
