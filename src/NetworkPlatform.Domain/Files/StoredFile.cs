using Microsoft.EntityFrameworkCore;

namespace NetworkPlatform.Domain.Files;

/// <summary>
/// The bytes of an uploaded file (photo, document), kept in PostgreSQL: every app instance serves the same files
/// and a database backup holds them too. Only <see cref="IFileStore"/> reads and writes it.
/// </summary>
public class StoredFile
{
    public Guid Id { get; set; }
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

public record FileContent(string ContentType, byte[] Content);

/// <summary>Where uploaded files live. The PostgreSQL implementation is the default (ADR 0005).</summary>
public interface IFileStore
{
    /// <summary>Adds the file to the current unit of work; it is written by the caller's SaveChanges.</summary>
    Guid Add(string contentType, byte[] content);
    Task<FileContent?> GetAsync(Guid id, CancellationToken ct = default);
    Task DeleteAsync(Guid id, CancellationToken ct = default);
}

public class DatabaseFileStore(AppDbContext db, TimeProvider time) : IFileStore
{
    public Guid Add(string contentType, byte[] content)
    {
        var now = time.GetUtcNow();
        var file = new StoredFile
        {
            Id = Guid.CreateVersion7(now),
            ContentType = contentType,
            Size = content.LongLength,
            Content = content,
            CreatedAt = now,
        };
        db.StoredFiles.Add(file);
        return file.Id;
    }

    public async Task<FileContent?> GetAsync(Guid id, CancellationToken ct = default) =>
        await db.StoredFiles.AsNoTracking()
            .Where(f => f.Id == id)
            .Select(f => new FileContent(f.ContentType, f.Content))
            .SingleOrDefaultAsync(ct);

    /// <summary>Deletes at once (not with the caller's SaveChanges).</summary>
    public Task DeleteAsync(Guid id, CancellationToken ct = default) =>
        db.StoredFiles.Where(f => f.Id == id).ExecuteDeleteAsync(ct);
}
