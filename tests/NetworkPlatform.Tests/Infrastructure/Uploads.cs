using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using NetVips;

namespace NetworkPlatform.Tests.Infrastructure;

/// <summary>
/// File uploads the way a browser sends them: the page's form as multipart/form-data, with its antiforgery token,
/// hidden inputs and current select values, plus the chosen file.
/// </summary>
public static class Uploads
{
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// Submits the form posting to <paramref name="action"/> on <paramref name="page"/> with a file in
    /// <paramref name="fileField"/>. <paramref name="contentType"/> is what the browser claims, which the app must
    /// not believe.
    /// </summary>
    public static async Task<Page> SubmitFileAsync(this Page page, HttpClient client, string action,
        IDictionary<string, string> fields, string fileField, string fileName, byte[] bytes,
        string contentType = "application/octet-stream")
    {
        var form = page.Document.Forms.FirstOrDefault(f =>
                       string.Equals(f.GetAttribute("action")?.Split('?')[0], action, StringComparison.OrdinalIgnoreCase))
                   ?? throw new Xunit.Sdk.XunitException($"No form posting to {action} on {page.Path}");
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in CurrentValues(form).Where(v => !fields.ContainsKey(v.Key) && v.Key != fileField))
            content.Add(new StringContent(value, Encoding.UTF8), Quoted(name));
        foreach (var (name, value) in fields)
            content.Add(new StringContent(value, Encoding.UTF8), Quoted(name));
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        // Written as browsers write it (HTML's multipart/form-data rules: '"' and line breaks percent-encoded,
        // everything else as given, "../../etc/passwd" included), not as HttpClient would clean it up.
        var escaped = fileName.Replace("\"", "%22").Replace("\r", "%0D").Replace("\n", "%0A");
        file.Headers.TryAddWithoutValidation("Content-Disposition",
            $"form-data; name=\"{fileField}\"; filename=\"{escaped}\"");
        content.Add(file);
        var response = await client.PostAsync(form.GetAttribute("action"), content);
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response, Parser.ParseDocument(html));
    }

    /// <summary>Opens <paramref name="pageUrl"/> and submits its upload form.</summary>
    public static async Task<Page> SubmitFileAsync(this HttpClient client, string pageUrl, string action,
        IDictionary<string, string> fields, string fileField, string fileName, byte[] bytes,
        string contentType = "application/octet-stream")
    {
        var page = await client.OpenAsync(pageUrl);
        return await page.SubmitFileAsync(client, action, fields, fileField, fileName, bytes, contentType);
    }

    private static IEnumerable<KeyValuePair<string, string>> CurrentValues(IHtmlFormElement form)
    {
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            if (input.Type is "submit" or "button" or "file") continue;
            if (input.Type is "checkbox" or "radio" && !input.IsChecked) continue;
            yield return new(input.Name!, input.Value);
        }
        foreach (var select in form.QuerySelectorAll("select[name]").OfType<IHtmlSelectElement>())
            yield return new(select.Name!, select.Value ?? "");
        foreach (var area in form.QuerySelectorAll("textarea[name]").OfType<IHtmlTextAreaElement>())
            yield return new(area.Name!, area.Value);
    }

    private static string Quoted(string value) => "\"" + value + "\"";
}

/// <summary>Small real files for upload tests: images that decoders accept, a PDF, and things that only pretend.</summary>
public static class SampleFiles
{
    /// <summary>A valid 8x8 baseline JPEG (made with libvips), 348 bytes.</summary>
    public static byte[] Jpeg => Convert.FromBase64String(
        "/9j/2wBDAAUDBAQEAwUEBAQFBQUGBwwIBwcHBw8LCwkMEQ8SEhEPERETFhwXExQaFRERGCEYGh0dHx8fExciJCIeJBweHx7/2wBDAQUFBQcGBw4I" +
        "CA4eFBEUHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh7/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAA" +
        "AAAAAAAAAAAAAAAAAAP/xAAbEAACAwEBAQAAAAAAAAAAAAABAgMFEQAxQf/EABUBAQEAAAAAAAAAAAAAAAAAAAUG/8QAIBEAAgEEAQUAAAAAAAAA" +
        "AAAAAQIDAAQFIYERMWGh8P/aAAwDAQACEQMRAD8AjaosFZWUQUiMwmd1YqEcvsUZVvdUCZiBgw/fQ5zksXmZ7OzWVAC0hZmJ69y3gj7VS2djURWk" +
        "I0ojB5ZmJJ9cCv/Z");

    /// <summary>The JPEG above with an EXIF block (APP1) after its start marker, carrying a recognisable text.</summary>
    public static byte[] JpegWithExif(string secret)
    {
        var payload = Encoding.ASCII.GetBytes("Exif\0\0")
            .Concat(new byte[] { 0x49, 0x49, 0x2A, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0 })
            .Concat(Encoding.ASCII.GetBytes(secret)).ToArray();
        var length = payload.Length + 2;
        var jpeg = Jpeg;
        return [jpeg[0], jpeg[1], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. jpeg[2..]];
    }

    /// <summary>A valid RGB PNG of the given size (a colour pattern), encoded here.</summary>
    public static byte[] Png(int width = 1, int height = 1)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++)
            {
                raw.WriteByte((byte)(x * 40));
                raw.WriteByte((byte)(y * 40));
                raw.WriteByte(160);
            }
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            raw.WriteTo(z);

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BigEndian(width).CopyTo(header, 0);
        BigEndian(height).CopyTo(header, 4);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A photo as a phone stores it when held sideways: 80x40 pixels, the top half red and the bottom half blue, with
    /// EXIF orientation 6 (turn 90 degrees clockwise to show it), the camera's make and a GPS position. Upright it is
    /// 40x80, blue on the left and red on the right.
    /// </summary>
    public static byte[] SidewaysJpegWithGps(string camera)
    {
        using var red = Image.Black(80, 20, bands: 3) + new double[] { 220, 20, 20 };
        using var blue = Image.Black(80, 20, bands: 3) + new double[] { 20, 20, 220 };
        using var joined = red.Join(blue, Enums.Direction.Vertical);
        using var picture = joined.Cast(Enums.BandFormat.Uchar);
        using var tagged = picture.Mutate(m =>
        {
            m.Set(GValue.GIntType, "orientation", 6);
            // libvips writes these into the EXIF block it builds when saving.
            m.Set(GValue.GStrType, "exif-ifd0-Make", camera);
            m.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLatitude", "52/1 31/1 12/1");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLongitudeRef", "E");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLongitude", "13/1 24/1 18/1");
        });
        return tagged.JpegsaveBuffer(q: 95, keep: Enums.ForeignKeep.All);
    }

    /// <summary>
    /// A valid black-and-white PNG of <paramref name="width"/> x <paramref name="height"/> pixels, all zero: one bit a
    /// pixel compresses about a thousandfold, so 20000 x 20000 (400 million pixels, 400 MB once decoded to a byte
    /// a pixel) is a file of some 50 KB.
    /// </summary>
    public static byte[] PngBomb(int width, int height)
    {
        var row = new byte[1 + (width + 7) / 8]; // filter byte "none", then the bits of one row
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            for (var y = 0; y < height; y++)
                z.Write(row);

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BigEndian(width).CopyTo(header, 0);
        BigEndian(height).CopyTo(header, 4);
        header[8] = 1; // bit depth
        header[9] = 0; // greyscale
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A 10x10 GIF, made by libvips: a picture format that the bundled library reads but we do not accept.</summary>
    public static byte[] Gif
    {
        get
        {
            using var black = Image.Black(10, 10);
            return black.GifsaveBuffer();
        }
    }

    /// <summary>A 10x10 TIFF, made by libvips: another format the bundled library reads and we do not accept.</summary>
    public static byte[] Tiff
    {
        get
        {
            using var black = Image.Black(10, 10);
            return black.TiffsaveBuffer();
        }
    }

    /// <summary>A plain text file, as someone might rename notes.txt to photo.png.</summary>
    public static byte[] Text => Encoding.UTF8.GetBytes("Notes for the interview on Monday:\n- bring the portfolio\n");

    /// <summary>A minimal PDF (one empty page).</summary>
    public static byte[] Pdf => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static byte[] Html => Encoding.UTF8.GetBytes(
        "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");

    public static byte[] Svg => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"10\" height=\"10\"/></svg>");

    /// <summary>A Windows program (MZ header), as someone might rename one to cv.pdf.</summary>
    public static byte[] Exe => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    /// <summary>A file that starts like <paramref name="head"/> and is padded to <paramref name="size"/> bytes.</summary>
    public static byte[] Padded(byte[] head, long size)
    {
        var bytes = new byte[size];
        head.CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] BigEndian(int value) =>
        [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static void Chunk(Stream png, string type, byte[] data)
    {
        png.Write(BigEndian(data.Length));
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        png.Write(BigEndian((int)Crc32(typed)));
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
