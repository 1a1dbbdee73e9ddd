using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Web.Infrastructure.Security;

/// <summary>
/// Checking a password costs the hasher's full work (PBKDF2, about 100 ms); a login for an unknown or locked account
/// that answered without it would tell such accounts apart by time. <see cref="Verify"/> spends the same work on a
/// hash that no password matches.
/// </summary>
public static class DummyPassword
{
    // Made by the app's own hasher on first use, so it carries the same format and iteration count as members' hashes.
    // Two requests racing to make it both make a valid one; either may stay.
    private static string? _hash;

    public static void Verify(IPasswordHasher<AppUser> hasher, string password)
    {
        var user = new AppUser();
        var hash = _hash ??= hasher.HashPassword(user, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(user, hash, password);
    }
}
