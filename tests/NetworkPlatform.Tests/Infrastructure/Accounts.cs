using System.Security.Cryptography;

namespace NetworkPlatform.Tests.Infrastructure;

public static class Accounts
{
    public static Task<Page> LoginAsync(this HttpClient client, string email, string password = TestData.Password,
        bool rememberMe = false, string? returnUrl = null) =>
        client.SubmitAsync("/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            "/account/login", new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = password,
                ["RememberMe"] = rememberMe ? "true" : "false",
            });

    public static Task<Page> LogoutAsync(this HttpClient client) =>
        client.SubmitAsync("/settings", "/account/logout", new Dictionary<string, string>());

    /// <summary>Register through the form, confirm through the link in the real mail.</summary>
    public static async Task<Page> RegisterAndConfirmAsync(this HttpClient client, string email,
        string password = TestData.Password, string first = "Jana", string last = "Becker")
    {
        var page = await client.SubmitAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["FirstName"] = first,
            ["LastName"] = last,
            ["Email"] = email,
            ["Password"] = password,
            ["ConfirmPassword"] = password, ["AcceptTerms"] = "true",
        });
        Assert.Equal("/account/check-email?kind=register", page.Path);
        var mail = await MailCatcher.WaitForAsync(email, "ConfirmEmail");
        return await client.OpenAsync(mail.FirstLink("/account/confirm"));
    }

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as every authenticator app computes it.</summary>
    public static string Totp(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key.Replace(" ", "").ToUpperInvariant());
        var counter = at.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(message);
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0f;
        var code = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (code % 1_000_000).ToString("D6");
    }

    private static byte[] Base32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in input.TrimEnd('='))
        {
            value = (value << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return output.ToArray();
    }
}
