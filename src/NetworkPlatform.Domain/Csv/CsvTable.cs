using CsvHelper;

namespace NetworkPlatform.Domain.Csv;

/// <summary>
/// The one way the app writes CSV (contact export, personal-data export): CsvHelper, RFC 4180 quoting, CRLF, UTF-8
/// with a byte order mark so that spreadsheet programs show umlauts, and cells that a spreadsheet would run as a
/// formula (starting with = + - @, tab or CR) escaped with a leading apostrophe: what members typed stays text.
/// </summary>
public static class CsvTable
{
    public static void Write(Stream output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows,
        CancellationToken ct = default)
    {
        using var csv = CsvWriter.Create(output, new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
        }, leaveOpen: true);
        csv.WriteHeader(header.ToArray());
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var field in row)
                csv.WriteField(field ?? "");
            csv.EndRecord();
        }
    }

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var buffer = new MemoryStream();
        Write(buffer, header, rows);
        return buffer.ToArray();
    }
}
