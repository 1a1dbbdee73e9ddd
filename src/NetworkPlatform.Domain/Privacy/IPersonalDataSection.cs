namespace NetworkPlatform.Domain.Privacy;

/// <summary>
/// One area's part of a member's personal data export (GDPR Art. 15 and 20). Each area (profiles, contacts, contact
/// import, and later messages, updates, applications, companies) registers one section; the export job asks every
/// registered section to write its files. Adding an area means adding a section, not changing the export.
/// A section writes only what is about the member, and about others only what the member may see.
/// </summary>
public interface IPersonalDataSection
{
    /// <summary>Orders the sections in the archive's README (lower first).</summary>
    int Order { get; }

    Task WriteAsync(Guid userId, IPersonalDataArchive archive, CancellationToken ct);
}

/// <summary>The archive being built. Paths use '/' (e.g. "profile/profile.json"); each file is described in README.txt.</summary>
public interface IPersonalDataArchive
{
    /// <summary>Writes <paramref name="value"/> as indented UTF-8 JSON.</summary>
    Task AddJsonAsync(string path, object value, string description, CancellationToken ct);

    /// <summary>Writes rows as a UTF-8 CSV file with a header line.</summary>
    Task AddCsvAsync(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows,
        string description, CancellationToken ct);

    /// <summary>Writes a file as it is (an uploaded document, the photo).</summary>
    Task AddFileAsync(string path, ReadOnlyMemory<byte> content, string description, CancellationToken ct);
}
