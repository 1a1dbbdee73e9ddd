using System.Text;

namespace NetworkPlatform.Domain.ContactImports;

public enum ContactFileFormat
{
    Unknown = 0,
    LinkedIn = 1,
    VCard = 2,
    Google = 3,
    PlainCsv = 4,
}

/// <summary>
/// One person read from a file: the line they start on, a display name, their e-mail addresses and the addresses that
/// look like a profile page of a NetworkPlatform ("https://host/p/slug", as our own exports write them). A contact may
/// have no e-mail when it has such an address; the import matches it by the profile instead.
/// </summary>
public sealed record ParsedContact(int Line, string? Name, IReadOnlyList<string> Emails)
{
    public IReadOnlyList<Uri> ProfileUrls { get; init; } = [];
}

/// <summary>A line (or card) that was not taken, with one of <see cref="SkipReasons"/> and a detail.</summary>
public sealed record SkippedLine(int Line, string Reason, string? Detail = null);

/// <summary>Why a line was not taken. Stored by name in the upload's JSON; each has its text (ContactImport.Skip.*).</summary>
public static class SkipReasons
{
    public const string NoEmail = "NoEmail";
    public const string InvalidEmail = "InvalidEmail";

    /// <summary>The detail is the line that had the address first.</summary>
    public const string Duplicate = "Duplicate";

    /// <summary>The member's own address.</summary>
    public const string Self = "Self";

    public static readonly IReadOnlyList<string> All = [NoEmail, InvalidEmail, Duplicate, Self];
}

/// <summary>Which columns of a plain CSV hold the name and the e-mail address (0-based).</summary>
public sealed record ColumnMapping(int? NameColumn, int EmailColumn);

public sealed class ContactFileResult
{
    public ContactFileFormat Format { get; init; }
    public List<ParsedContact> Contacts { get; } = [];
    public List<SkippedLine> Skipped { get; } = [];

    /// <summary>How many contacts (data rows or cards) the file held, taken or skipped.</summary>
    public int Read { get; set; }

    /// <summary>A plain CSV's header, for the member to map; null for the known formats.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The mapping used (a plain CSV's guess or the member's choice); null when no e-mail column is known yet.</summary>
    public ColumnMapping? Mapping { get; init; }
}

/// <summary>A file that cannot be read at all; <see cref="DomainException.MessageKey"/> says why in the member's words.</summary>
public class ContactFileException(string messageKey, params object[] args) : DomainException(messageKey)
{
    public object[] Args { get; } = args;
}

/// <summary>
/// Reads an uploaded contact file, whatever it is: the format is detected from the content, not from the file name
/// (phones and mail programs rename files freely).
/// </summary>
public static class ContactFile
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxContacts = 10_000;

    public static ContactFileResult Read(byte[] bytes, ColumnMapping? mapping = null)
    {
        if (bytes.Length == 0)
            throw new ContactFileException("ContactImport.Empty");
        if (bytes.Length > MaxBytes)
            throw new ContactFileException("ContactImport.TooLarge", MaxBytes / 1024 / 1024);
        var text = Decode(bytes);
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length == 0)
            throw new ContactFileException("ContactImport.Empty");
        if (trimmed.StartsWith("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase))
            return VCardReader.Read(text);
        return ContactCsvReader.Read(text, mapping);
    }

    /// <summary>UTF-8 (with or without BOM); old exports in Latin-1 as a fallback. Binary files are refused.</summary>
    public static string Decode(byte[] bytes)
    {
        if (LooksBinary(bytes))
            throw new ContactFileException("ContactImport.NotText");
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }
        return text.TrimStart('\uFEFF');
    }

    /// <summary>NUL bytes, or many control characters, in the first 8 KB: a picture, an archive, a program.</summary>
    public static bool LooksBinary(byte[] bytes)
    {
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (head.IndexOf((byte)0) >= 0)
            return true;
        var control = 0;
        foreach (var b in head)
            if (b < 0x20 && b is not ((byte)'\r' or (byte)'\n' or (byte)'\t' or 0x0C))
                control++;
        return control > head.Length / 100 + 2;
    }

    /// <summary>A plain check, not RFC 5322: one '@', something before it, a dotted domain after it, no spaces.</summary>
    public static string? CleanEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var v = value.Trim().Trim('<', '>', '"', '\'').Trim();
        if (v.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            v = v[7..];
        return v.ToLowerInvariant();
    }

    public static bool IsValidEmail(string email)
    {
        if (email.Length is < 3 or > 254 || email.Any(char.IsWhiteSpace))
            return false;
        var at = email.IndexOf('@');
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
            return false;
        var domain = email[(at + 1)..];
        return domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..");
    }

    /// <summary>
    /// Adds a contact from the e-mail values found for it, or the reason it is skipped. Shared by every format so the
    /// rules (no address, invalid address, already in the file) are the same everywhere.
    /// </summary>
    internal static void Take(ContactFileResult result, Dictionary<string, int> seen, int line, string? name,
        IEnumerable<string?> rawEmails, IEnumerable<string?>? urls = null)
    {
        result.Read++;
        if (result.Read > MaxContacts)
            throw new ContactFileException("ContactImport.TooMany", MaxContacts);
        var raw = rawEmails.Select(CleanEmail).Where(e => e is not null).Select(e => e!).Distinct().ToList();
        var profiles = (urls ?? []).Select(ProfileUrlOrNull).Where(u => u is not null).Select(u => u!).Distinct()
            .Take(5).ToList();
        if (raw.Count == 0 && profiles.Count == 0)
        {
            result.Skipped.Add(new SkippedLine(line, SkipReasons.NoEmail));
            return;
        }
        var valid = raw.Where(IsValidEmail).ToList();
        if (valid.Count == 0 && profiles.Count == 0)
        {
            result.Skipped.Add(new SkippedLine(line, SkipReasons.InvalidEmail, Shorten(raw[0], 80)));
            return;
        }
        var key = valid.Count > 0 ? valid[0] : profiles[0].AbsoluteUri.ToLowerInvariant();
        if (seen.TryGetValue(key, out var firstLine))
        {
            result.Skipped.Add(new SkippedLine(line, SkipReasons.Duplicate, firstLine.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return;
        }
        foreach (var e in valid.Append(key))
            seen.TryAdd(e, line);
        name = string.IsNullOrWhiteSpace(name) ? null : Shorten(string.Join(' ', name.Split((char[]?)null,
            StringSplitOptions.RemoveEmptyEntries)), 200);
        result.Contacts.Add(new ParsedContact(line, name, valid.Take(5).ToList()) { ProfileUrls = profiles });
    }

    /// <summary>
    /// An http(s) address whose path is a profile page ("/p/slug"), as this network's exports write them; which
    /// network it belongs to is decided when matching (<see cref="SiteAddress"/>). Other links (LinkedIn's "/in/..."
    /// pages, home pages) are not kept.
    /// </summary>
    internal static Uri? ProfileUrlOrNull(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 500 ||
            !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("http" or "https"))
            return null;
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        return segments is [.., "p", var slug] && slug.Length is > 0 and <= 60 &&
               slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            ? uri
            : null;
    }

    internal static string Shorten(string value, int max) => value.Length <= max ? value : value[..max];
}
