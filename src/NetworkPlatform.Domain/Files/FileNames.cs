using System.Globalization;
using System.Text;

namespace NetworkPlatform.Domain.Files;

/// <summary>
/// The name an uploader gave a file is shown to people and offered when downloading, but never used to store or
/// find it (files are stored under a random id). So it is only cleaned for display.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 120;
    public const string Fallback = "document";

    /// <summary>
    /// "../../etc/passwd" → "passwd": no folder parts, no control or invisible formatting characters (such as the
    /// right-to-left override that turns "cod.exe" into "exe.doc"), no quotes, at most 120 characters (the
    /// extension kept), "document" when nothing is left.
    /// </summary>
    public static string ForDisplay(string? uploaded)
    {
        var name = uploaded ?? "";
        // Both separators: a Windows browser may send "C:\Users\erika\cv.pdf".
        var cut = name.LastIndexOfAny(['/', '\\']);
        if (cut >= 0)
            name = name[(cut + 1)..];

        var sb = new StringBuilder(name.Length);
        // Runes, not chars: a lone half of a surrogate pair (invalid text) becomes U+FFFD and is dropped.
        foreach (var rune in name.EnumerateRunes())
        {
            if (rune == Rune.ReplacementChar || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control
                    or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                continue;
            if (rune.Value is '"' or '\'' or '`' or '<' or '>' or ':' or '*' or '?' or '|')
                continue;
            if (Rune.IsWhiteSpace(rune))
                sb.Append(' ');
            else
                sb.Append(rune.ToString());
        }
        // Leading dots would make a hidden file (".bashrc") or stand for a folder ("..").
        name = string.Join(' ', sb.ToString().Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimStart('.').Trim();
        name = Shorten(name, MaxLength);
        return name.Length == 0 ? Fallback : name;
    }

    /// <summary>
    /// The name a download is saved under: the display name with the extension of its real type, so that a PDF
    /// uploaded as "page.html" is saved as "page.html.pdf" and opened by a PDF reader, not a browser.
    /// </summary>
    public static string ForDownload(string displayName, FileType? type)
    {
        var name = ForDisplay(displayName);
        if (type is null || name.EndsWith(type.Extension, StringComparison.OrdinalIgnoreCase) ||
            type == FileType.Jpeg && name.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            return name;
        return Shorten(name, MaxLength - type.Extension.Length) + type.Extension;
    }

    /// <summary>
    /// RFC 6266 / RFC 8187: <c>attachment; filename*=UTF-8''na%C3%AFve.pdf</c>. Every byte outside the
    /// unreserved set is percent-encoded, so the header cannot be broken by quotes, semicolons or line breaks.
    /// </summary>
    public static string AttachmentHeader(string fileName) =>
        "attachment; filename*=UTF-8''" + Uri.EscapeDataString(fileName);

    private static string Shorten(string name, int max)
    {
        if (name.Length <= max)
            return name;
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= 10 ? name[dot..] : "";
        var stem = name[..(name.Length - extension.Length)];
        var keep = max - extension.Length;
        // Never cut a character in two (emoji and other characters outside the BMP are two chars).
        if (keep > 0 && char.IsHighSurrogate(stem[keep - 1]))
            keep--;
        return (stem[..keep].TrimEnd() + extension).Trim();
    }
}
