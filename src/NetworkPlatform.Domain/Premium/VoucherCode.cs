using System.Security.Cryptography;

namespace NetworkPlatform.Domain.Premium;

/// <summary>A code an admin hands out; one member redeems it once for <see cref="Days"/> days of premium.</summary>
public class VoucherCode
{
    public const int CodeLength = 14; // XXXX-XXXX-XXXX
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: codes are typed by hand

    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public int Days { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid CreatedById { get; set; }
    public string? Note { get; set; }
    public Guid? RedeemedById { get; set; }
    public DateTimeOffset? RedeemedAt { get; set; }

    public static string NewCode()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"{chars[..4]}-{chars[4..8]}-{chars[8..]}";
    }

    /// <summary>Upper-cases and strips spaces and dashes, then regroups, so "abcd efgh jkmn" is found too.</summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
            return "";
        var compact = new string(input.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return compact.Length == 12 ? $"{compact[..4]}-{compact[4..8]}-{compact[8..]}" : compact;
    }
}
