using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NetworkPlatform.Domain.Csv;

namespace NetworkPlatform.Domain.Privacy;

/// <summary>
/// Writes the export as a ZIP: every section's files, then README.txt listing each file with its description.
/// JSON is indented UTF-8 with readable umlauts and enums as names; CSV is written by <see cref="CsvTable"/> (UTF-8 with a
/// BOM, RFC 4180 quoting, formulas escaped). Paths are checked: no absolute paths, no "..", no file twice.
/// </summary>
public sealed class ZipPersonalDataArchive : IPersonalDataArchive, IDisposable
{
    public const string ReadmeFile = "README.txt";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly ZipArchive _zip;
    private readonly List<(string Path, string Description)> _files = [];
    private readonly HashSet<string> _paths = new(StringComparer.OrdinalIgnoreCase);

    public ZipPersonalDataArchive(Stream output) => _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

    public IReadOnlyList<(string Path, string Description)> Files => _files;

    public async Task AddJsonAsync(string path, object value, string description, CancellationToken ct)
    {
        await using var stream = Open(path, description);
        await JsonSerializer.SerializeAsync(stream, value, value.GetType(), Json, ct);
    }

    public async Task AddCsvAsync(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows,
        string description, CancellationToken ct)
    {
        await using var stream = Open(path, description);
        // A ZIP entry's stream takes synchronous writes; CsvTable buffers them.
        CsvTable.Write(stream, header, rows, ct);
    }

    public async Task AddFileAsync(string path, ReadOnlyMemory<byte> content, string description, CancellationToken ct)
    {
        await using var stream = Open(path, description);
        await stream.WriteAsync(content, ct);
    }

    /// <summary>Writes README.txt (the header text, then one entry per file) and closes the ZIP.</summary>
    public async Task CompleteAsync(string header, CancellationToken ct)
    {
        var sb = new StringBuilder();
        sb.Append(header.TrimEnd()).Append("\r\n\r\n");
        sb.Append("FILES\r\n=====\r\n\r\n");
        foreach (var (path, description) in _files.OrderBy(f => f.Path, StringComparer.Ordinal))
            sb.Append(path).Append("\r\n    ").Append(description.Trim().Replace("\n", "\n    ")).Append("\r\n\r\n");
        var entry = _zip.CreateEntry(ReadmeFile, CompressionLevel.Optimal);
        await using (var stream = entry.Open())
            await stream.WriteAsync(Encoding.UTF8.GetBytes(sb.ToString()), ct);
        _zip.Dispose();
    }

    public void Dispose() => _zip.Dispose();

    private Stream Open(string path, string description)
    {
        if (string.IsNullOrWhiteSpace(path) || path.StartsWith('/') || path.Contains('\\') ||
            path.Split('/').Any(p => p is "" or "." or ".."))
            throw new ArgumentException($"Not a relative archive path: {path}", nameof(path));
        if (string.Equals(path, ReadmeFile, StringComparison.OrdinalIgnoreCase) || !_paths.Add(path))
            throw new InvalidOperationException($"The archive already has a file {path}.");
        _files.Add((path, description));
        return _zip.CreateEntry(path, CompressionLevel.Optimal).Open();
    }
}
