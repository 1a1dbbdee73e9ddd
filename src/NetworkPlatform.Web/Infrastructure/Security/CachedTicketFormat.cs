using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace NetworkPlatform.Web.Infrastructure.Security;

/// <summary>
/// The login cookie's format (the same protector purposes and serializer as ASP.NET Core's own, so cookies issued
/// before stay valid), remembering for a short while what a cookie decrypted to. Decrypting it (key derivation, AES,
/// HMAC) was most of what a member's cookie cost a request (issue 17: /health/live at a third of its anonymous rate).
/// <para>
/// The cache key is the whole protected text: only a client holding that exact cookie gets its entry, and the entry is
/// exactly what decrypting it would give. A fresh ticket is deserialized for every request, so nothing a request does
/// to its ticket reaches another. Expiry is still the handler's check on the ticket; revocation is still
/// <see cref="MemberSessions"/>' stamp comparison on every request, so a cached cookie ends as soon as a plain one.
/// </para>
/// </summary>
public sealed class CachedTicketFormat(IDataProtector protector) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    /// <summary>The purposes CookieAuthenticationOptions' post-configuration uses for a scheme's default format.</summary>
    public static IDataProtector ProtectorFor(IDataProtectionProvider provider, string scheme) =>
        provider.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", scheme, "v2");

    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(2);

    // About 10,000 members active in the last two minutes per instance; beyond that, cookies are decrypted again.
    private readonly MemoryCache plaintexts = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public string Protect(AuthenticationTicket data) => Protect(data, purpose: null);

    public string Protect(AuthenticationTicket data, string? purpose) =>
        Base64UrlTextEncoder.Encode(For(purpose).Protect(TicketSerializer.Default.Serialize(data)));

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
            return null;
        var key = (protectedText, purpose);
        if (!plaintexts.TryGetValue(key, out byte[]? plain))
        {
            try
            {
                plain = For(purpose).Unprotect(Base64UrlTextEncoder.Decode(protectedText));
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
            {
                // As SecureDataFormat: a cookie that does not decrypt (another key ring, tampered) is no cookie.
                return null;
            }
            plaintexts.Set(key, plain, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Keep });
        }
        return TicketSerializer.Default.Deserialize(plain!);
    }

    private IDataProtector For(string? purpose) => purpose is null ? protector : protector.CreateProtector(purpose);

    public void Dispose() => plaintexts.Dispose();
}
