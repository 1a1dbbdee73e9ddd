using System.Runtime.InteropServices;

namespace NetworkPlatform.Domain.Files;

/// <summary>The photo could be recognised by its first bytes but not decoded (a damaged or disguised file).</summary>
public class UnreadableImageException(string reason) : Exception(reason);

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
    /// GPS position and camera serial, XMP, comments) removed. Throws <see cref="UnreadableImageException"/>.
    /// </summary>
    byte[] SquareJpeg(byte[] image, int size);
}

/// <summary>
/// Debian's libvips (package libvips42) through P/Invoke: the .NET image libraries (ImageSharp, SkiaSharp, NetVips,
/// Magick.NET) cannot be restored from our package registry. When the library is missing or fails to start, photos
/// are stored as uploaded, after the same type and size checks (see README).
/// </summary>
public sealed class VipsImageResizer : IImageResizer
{
    /// <summary>Larger pictures are refused before decoding, so a small file cannot unpack into gigabytes.</summary>
    public const long MaxPixels = 100_000_000;

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
        // libvips reads the buffer lazily, while the result is written: it must not move until then.
        var pin = GCHandle.Alloc(image, GCHandleType.Pinned);
        var header = IntPtr.Zero;
        var thumb = IntPtr.Zero;
        var srgb = IntPtr.Zero;
        var flat = IntPtr.Zero;
        var background = IntPtr.Zero;
        var output = IntPtr.Zero;
        try
        {
            var address = pin.AddrOfPinnedObject();
            var length = (nuint)image.Length;

            header = Native.vips_image_new_from_buffer(address, length, "", IntPtr.Zero);
            if (header == IntPtr.Zero)
                throw Unreadable();
            var pixels = (long)Native.vips_image_get_width(header) * Native.vips_image_get_height(header);
            if (pixels > MaxPixels)
                throw new UnreadableImageException($"{pixels} pixels");

            if (Native.vips_thumbnail_buffer(address, length, out thumb, size,
                    "height", size, "crop", Enums.InterestingCentre, IntPtr.Zero) != 0)
                throw Unreadable();
            // 16-bit, grey or CMYK pictures become 8-bit sRGB, which is what a JPEG holds.
            if (Native.vips_colourspace(thumb, out srgb, Enums.InterpretationSrgb, IntPtr.Zero) != 0)
                throw Unreadable();
            var last = srgb;
            if (Native.vips_image_hasalpha(srgb) != 0)
            {
                double[] white = [255, 255, 255];
                background = Native.vips_array_double_new(white, white.Length);
                if (Native.vips_flatten(srgb, out flat, "background", background, IntPtr.Zero) != 0)
                    throw Unreadable();
                last = flat;
            }
            // strip: no EXIF, XMP, IPTC or ICC profile in what we store and serve.
            if (Native.vips_image_write_to_buffer(last, ".jpg[Q=85,strip,optimize_coding]", out output, out var outLength,
                    IntPtr.Zero) != 0)
                throw Unreadable();
            var result = new byte[(int)outLength];
            Marshal.Copy(output, result, 0, result.Length);
            return result;
        }
        finally
        {
            if (output != IntPtr.Zero) Native.g_free(output);
            if (background != IntPtr.Zero) Native.vips_area_unref(background);
            foreach (var obj in new[] { flat, srgb, thumb, header })
                if (obj != IntPtr.Zero)
                    Native.g_object_unref(obj);
            pin.Free();
        }
    }

    private static UnreadableImageException Unreadable()
    {
        var message = Marshal.PtrToStringUTF8(Native.vips_error_buffer()) ?? "";
        Native.vips_error_clear();
        return new UnreadableImageException(message.Trim());
    }

    private static (bool, string) Start()
    {
        try
        {
            if (Native.vips_init("networkplatform") != 0)
                return (false, "libvips did not start: " + Marshal.PtrToStringUTF8(Native.vips_error_buffer()));
            // No operation cache: it keys on the buffer's address, and one member's photo must never come back
            // as another's from a buffer that happened to reuse the same memory.
            Native.vips_cache_set_max(0);
            Native.vips_cache_set_max_mem(0);
            Enums.Resolve();
            BlockUntrusted();
            var version = Marshal.PtrToStringUTF8(Native.vips_version_string()) ?? "?";
            return (true, $"libvips {version}");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
                                      or InvalidOperationException)
        {
            return (false, $"libvips not available ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>
    /// Since libvips 8.13: loaders that are not fuzzed for hostile input (ImageMagick, PDF, SVG ...) are turned off.
    /// We only ever hand it JPEG, PNG and WebP, but a second lock is cheap.
    /// </summary>
    private static void BlockUntrusted()
    {
        try
        {
            Native.vips_block_untrusted_set(1);
        }
        catch (EntryPointNotFoundException)
        {
            // An older libvips: the type check before it is the only gate.
        }
    }

    /// <summary>Enum values asked from the library itself rather than copied from its headers.</summary>
    private static class Enums
    {
        public static int InterestingCentre { get; private set; }
        public static int InterpretationSrgb { get; private set; }

        public static void Resolve()
        {
            InterestingCentre = Lookup(Native.vips_interesting_get_type(), "centre");
            InterpretationSrgb = Lookup(Native.vips_interpretation_get_type(), "srgb");
        }

        private static int Lookup(IntPtr type, string nick)
        {
            var value = Native.vips_enum_from_nick("networkplatform", type, nick);
            if (value < 0)
                throw new InvalidOperationException($"libvips knows no enum value '{nick}'");
            return value;
        }
    }

    // The vips_* functions that take options are variadic (name, value, ..., NULL). .NET cannot call C varargs on
    // Linux, so each is declared with the exact options we pass; on x86-64 and arm64 Linux the fixed and the
    // variadic calling conventions agree for integer and pointer arguments.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "SYSLIB1054",
        Justification = "LibraryImport needs unsafe code in the project; these calls are few and simple")]
    private static class Native
    {
        private const string Vips = "libvips.so.42";
        private const string GObject = "libgobject-2.0.so.0";
        private const string GLib = "libglib-2.0.so.0";

        [DllImport(Vips)]
        public static extern int vips_init([MarshalAs(UnmanagedType.LPUTF8Str)] string argv0);

        [DllImport(Vips)]
        public static extern IntPtr vips_version_string();

        [DllImport(Vips)]
        public static extern void vips_cache_set_max(int max);

        [DllImport(Vips)]
        public static extern void vips_cache_set_max_mem(nuint max);

        [DllImport(Vips)]
        public static extern void vips_block_untrusted_set(int state);

        [DllImport(Vips)]
        public static extern IntPtr vips_error_buffer();

        [DllImport(Vips)]
        public static extern void vips_error_clear();

        [DllImport(Vips)]
        public static extern IntPtr vips_interesting_get_type();

        [DllImport(Vips)]
        public static extern IntPtr vips_interpretation_get_type();

        [DllImport(Vips)]
        public static extern int vips_enum_from_nick([MarshalAs(UnmanagedType.LPUTF8Str)] string domain, IntPtr type,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string nick);

        [DllImport(Vips)]
        public static extern IntPtr vips_image_new_from_buffer(IntPtr buf, nuint length,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string optionString, IntPtr terminator);

        [DllImport(Vips)]
        public static extern int vips_image_get_width(IntPtr image);

        [DllImport(Vips)]
        public static extern int vips_image_get_height(IntPtr image);

        [DllImport(Vips)]
        public static extern int vips_image_hasalpha(IntPtr image);

        [DllImport(Vips)]
        public static extern int vips_thumbnail_buffer(IntPtr buf, nuint length, out IntPtr output, int width,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string heightName, int height,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string cropName, int crop, IntPtr terminator);

        [DllImport(Vips)]
        public static extern int vips_colourspace(IntPtr input, out IntPtr output, int space, IntPtr terminator);

        [DllImport(Vips)]
        public static extern IntPtr vips_array_double_new(double[] array, int n);

        [DllImport(Vips)]
        public static extern void vips_area_unref(IntPtr area);

        [DllImport(Vips)]
        public static extern int vips_flatten(IntPtr input, out IntPtr output,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string backgroundName, IntPtr background, IntPtr terminator);

        [DllImport(Vips)]
        public static extern int vips_image_write_to_buffer(IntPtr image,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string suffix, out IntPtr buffer, out nuint size, IntPtr terminator);

        [DllImport(GObject)]
        public static extern void g_object_unref(IntPtr obj);

        [DllImport(GLib)]
        public static extern void g_free(IntPtr mem);
    }
}
