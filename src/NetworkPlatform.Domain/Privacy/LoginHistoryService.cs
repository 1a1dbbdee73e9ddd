using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;

namespace NetworkPlatform.Domain.Privacy;

/// <summary>Records successful sign-ins (shortened IP address) and forgets them after a year.</summary>
public class LoginHistoryService(AppDbContext db, TimeProvider time)
{
    public const string Password = "password";
    public const string TwoFactor = "two-factor";
    public const string RecoveryCode = "recovery-code";

    public async Task RecordAsync(Guid userId, IPAddress? ip, string method, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        db.LoginRecords.Add(new LoginRecord
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            SignedInAt = now,
            IpAddress = Shorten(ip),
            Method = method,
        });
        await db.SaveChangesAsync(ct);
    }

    public Task<int> DeleteOldAsync(CancellationToken ct = default)
    {
        var before = time.GetUtcNow().AddDays(-LoginRecord.RetentionDays);
        return db.LoginRecords.Where(r => r.SignedInAt < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>IPv4 to its /24 network (203.0.113.0), IPv6 to its /48; an IPv4-mapped IPv6 address counts as IPv4.</summary>
    public static string? Shorten(IPAddress? ip)
    {
        if (ip is null)
            return null;
        if (ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();
        var bytes = ip.GetAddressBytes();
        var keep = ip.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        for (var i = keep; i < bytes.Length; i++)
            bytes[i] = 0;
        return new IPAddress(bytes).ToString();
    }
}
