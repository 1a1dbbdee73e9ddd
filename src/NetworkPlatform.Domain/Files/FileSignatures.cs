namespace NetworkPlatform.Domain.Files;

/// <summary>A file type we accept, as recognised from the file's first bytes.</summary>
public sealed record FileType(string ContentType, string Extension)
{
    public static readonly FileType Jpeg = new("image/jpeg", ".jpg");
    public static readonly FileType Png = new("image/png", ".png");
    public static readonly FileType WebP = new("image/webp", ".webp");
    public static readonly FileType Pdf = new("application/pdf", ".pdf");

    public static readonly IReadOnlyList<FileType> All = [Jpeg, Png, WebP, Pdf];

    public static FileType? FromContentType(string? contentType) =>
        All.FirstOrDefault(t => string.Equals(t.ContentType, contentType, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Recognises a file by its content (magic bytes), never by its name or the Content-Type the browser sent: both
/// are chosen by the uploader. An HTML or SVG page renamed to photo.jpg starts with "&lt;" and is no image here.
/// </summary>
public static class FileSignatures
{
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Riff => "RIFF"u8;
    private static ReadOnlySpan<byte> WebP => "WEBP"u8;
    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    /// <summary>The type of the file, or null when it is none of the types we know.</summary>
    public static FileType? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(JpegMagic))
            return FileType.Jpeg;
        if (content.StartsWith(PngMagic))
            return FileType.Png;
        if (content.Length >= 12 && content.StartsWith(Riff) && content[8..12].SequenceEqual(WebP))
            return FileType.WebP;
        // PDF readers accept the header anywhere in the first kilobyte; we want it first, so that what we call a
        // PDF cannot begin as something else.
        if (content.StartsWith(PdfMagic))
            return FileType.Pdf;
        return null;
    }
}
