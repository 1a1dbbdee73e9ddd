using NetVips;
using Vips = NetVips.NetVips;

namespace NetworkPlatform.Domain.Files;

/// <summary>The photo could be recognised by its first bytes but not decoded (a damaged or disguised file).</summary>
public class UnreadableImageException(string reason) : Exception(reason);

/// <summary>No loader that we allow (JPEG, PNG, WebP) takes the file, whatever its first bytes or its name say.</summary>
public sealed class NotAPhotoException(string reason) : UnreadableImageException(reason);

/// <summary>The picture's header claims more than <see cref="VipsImageResizer.MaxPixels"/> pixels.</summary>
public sealed class TooManyPixelsException(long pixels) : UnreadableImageException($"{pixels} pixels")
{
    public long Pixels { get; } = pixels;
}

/// <summary>Makes square thumbnails of member photos.</summary>
public interface IImageResizer
{
    /// <summary>False when no image library could be loaded: photos are then stored as uploaded.</summary>
    bool Resizes { get; }

    /// <summary>What the start-up log says about this mode (library and version, or why it is off).</summary>
    string Description { get; }

    /// <summary>
    /// A square JPEG of <paramref name="size"/> pixels, the middle of the image cropped to a square, turned
    /// upright by its EXIF orientation, transparency laid on white, and every piece of metadata (EXIF with its
    /// GPS position and camera serial, XMP, comments) removed. Throws <see cref="UnreadableImageException"/>
    /// (or its <see cref="NotAPhotoException"/> and <see cref="TooManyPixelsException"/>).
    /// </summary>
    byte[] SquareJpeg(byte[] image, int size);
}

/// <summary>
/// libvips through NetVips, with the native library from the NetVips.Native.linux-x64 and -linux-arm64 packages
/// (libvips and its image codecs linked into one libvips.so.42, published with the app under runtimes/). On any other
/// platform (macOS, Windows, musl) the library does not load and photos are stored as uploaded, after the same type
/// and size checks; the start-up log says so once (ImageModeLog).
/// </summary>
public sealed class VipsImageResizer : IImageResizer
{
    /// <summary>Larger pictures are refused before decoding, so a small file cannot unpack into gigabytes.</summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>
    /// The loader classes we let run. The bundled library also reads GIF, TIFF, SVG, HEIF/AVIF and more; none of
    /// those is a photo format we accept, and every one is more code facing hostile input.
    /// </summary>
    private static readonly string[] AllowedLoaders = ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp"];

    private static readonly Lazy<(bool Ok, string Description)> Startup = new(Start);

    private readonly bool _enabled;

    public VipsImageResizer(bool enabled = true)
    {
        _enabled = enabled;
    }

    public bool Resizes => _enabled && Startup.Value.Ok;

    public string Description => _enabled ? Startup.Value.Description : "turned off by configuration (Images:Resize)";

    public byte[] SquareJpeg(byte[] image, int size)
    {
        if (!Resizes)
            throw new InvalidOperationException("libvips is not available");

        // The loader libvips itself would pick from the content (blocked loaders are not considered): the file's
        // name and the type the browser claimed play no part.
        var loader = Image.FindLoadBuffer(image);
        if (loader is null || !AllowedLoaders.Any(allowed => loader.StartsWith(allowed, StringComparison.Ordinal)))
            throw new NotAPhotoException(loader ?? "no loader recognises the file");

        try
        {
            // Opening reads only the header; no pixel is decoded until the thumbnail below asks for them, so the
            // size that the header claims is checked before a bomb can unpack.
            using (var header = Image.NewFromBuffer(image, access: Enums.Access.Sequential))
            {
                var pixels = (long)header.Width * header.Height;
                if (pixels > MaxPixels)
                    throw new TooManyPixelsException(pixels);
            }

            // thumbnail turns the picture upright by its EXIF orientation, shrinks while decoding where the format
            // allows (JPEG, WebP) and crops the middle to a square.
            using var thumb = Image.ThumbnailBuffer(image, size, height: size, crop: Enums.Interesting.Centre);
            // 16-bit, grey or CMYK pictures become 8-bit sRGB, which is what a JPEG holds.
            using var srgb = thumb.Colourspace(Enums.Interpretation.Srgb);
            using var flat = srgb.HasAlpha() ? srgb.Flatten(background: [255, 255, 255]) : null;
            // keep None: no EXIF (with its GPS position), XMP, IPTC or ICC profile in what we store and serve.
            return (flat ?? srgb).JpegsaveBuffer(q: 85, optimizeCoding: true, keep: Enums.ForeignKeep.None);
        }
        catch (VipsException e)
        {
            throw new UnreadableImageException(e.Message.Trim());
        }
    }

    private static (bool, string) Start()
    {
        try
        {
            // NetVips loads libvips in its module initializer and keeps the failure instead of throwing.
            if (!ModuleInitializer.VipsInitialized)
                return (false, "libvips not available" + (ModuleInitializer.Exception is { } e
                    ? $" ({e.GetType().Name}: {e.Message})"
                    : ""));

            // No operation cache: it would keep decoded pictures in memory after the request, and it keys buffer
            // loads on the buffer's address, so one member's photo must never come back as another's from a buffer
            // that happened to reuse the same memory.
            Cache.Max = 0;
            Cache.MaxMem = 0;
            Cache.MaxFiles = 0;
            // One worker thread per picture: the web server already resizes several uploads at once on its own
            // threads, and libvips' default (a thread per core for each picture) would let a burst of uploads take
            // every core from the requests that only read pages.
            Vips.Concurrency = 1;

            // Loaders that are not fuzzed for hostile input are off, and then every loader but ours.
            Vips.BlockUntrusted = true;
            Operation.Block("VipsForeignLoad", true);
            foreach (var allowed in AllowedLoaders)
                Operation.Block(allowed, false);

            return (true, $"libvips {Vips.Version(0)}.{Vips.Version(1)}.{Vips.Version(2)} (NetVips)");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
                                      or TypeInitializationException or VipsException)
        {
            return (false, $"libvips not available ({e.GetType().Name}: {e.Message})");
        }
    }
}
