namespace NetworkPlatform.Domain.Files;

/// <summary>
/// An uploaded square image (a profile photo, a company logo): JPEG, PNG or WebP up to 5 MB, recognised by content.
/// With libvips (NetVips) it becomes two square JPEGs without metadata; without it, it is kept as uploaded (both
/// sizes are the same bytes). The messages are the caller's: "{prefix}.TooLarge", ".Required", ".WrongType",
/// ".TooManyPixels", ".Unreadable".
/// </summary>
public sealed record SquareImages(string ContentType, byte[] Large, byte[] Small)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public static readonly IReadOnlyList<FileType> Types = [FileType.Jpeg, FileType.Png, FileType.WebP];

    /// <summary>Reads, checks and resizes; the CPU work happens here, before any transaction.</summary>
    /// <exception cref="FileRefusedException">too large (bytes or pixels), empty, not a JPEG/PNG/WebP, or unreadable</exception>
    public static async Task<SquareImages> ReadAsync(Stream content, IImageResizer resizer, string messagePrefix,
        int largeSize, int smallSize, CancellationToken ct)
    {
        var bytes = await UploadedBytes.ReadAtMostAsync(content, MaxBytes, ct)
                    ?? throw new FileRefusedException(messagePrefix + ".TooLarge", UploadedBytes.Megabytes(MaxBytes));
        if (bytes.Length == 0)
            throw new FileRefusedException(messagePrefix + ".Required");
        var type = FileSignatures.Detect(bytes);
        if (type is null || !Types.Contains(type))
            throw new FileRefusedException(messagePrefix + ".WrongType");
        if (!resizer.Resizes)
            return new(type.ContentType, bytes, bytes);
        try
        {
            return new("image/jpeg", resizer.SquareJpeg(bytes, largeSize), resizer.SquareJpeg(bytes, smallSize));
        }
        catch (NotAPhotoException)
        {
            throw new FileRefusedException(messagePrefix + ".WrongType");
        }
        catch (TooManyPixelsException)
        {
            throw new FileRefusedException(messagePrefix + ".TooManyPixels", VipsImageResizer.MaxPixels / 1_000_000);
        }
        catch (UnreadableImageException)
        {
            throw new FileRefusedException(messagePrefix + ".Unreadable");
        }
    }

    /// <summary>Stores both sizes (one file when they are the same bytes) in the caller's unit of work.</summary>
    public (Guid Large, Guid Small) AddTo(IFileStore files)
    {
        var large = files.Add(ContentType, Large);
        return (large, ReferenceEquals(Large, Small) ? large : files.Add(ContentType, Small));
    }
}
