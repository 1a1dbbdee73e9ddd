namespace NetworkPlatform.Domain.Files;

/// <summary>
/// An uploaded file was refused (too large, not a type we take, over the member's limit). The web layer shows the
/// message at the file field; <see cref="Args"/> fill its placeholders (the limit, the size).
/// </summary>
public class FileRefusedException(string messageKey, params object[] args) : DomainException(messageKey)
{
    public object[] Args { get; } = args;
}

public static class UploadedBytes
{
    /// <summary>
    /// Reads an upload into memory, but never more than <paramref name="maxBytes"/>: null when the stream holds
    /// more. The length a client declares is not trusted.
    /// </summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream content, long maxBytes, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>"5 MB" for a limit in bytes (the limits are whole megabytes).</summary>
    public static string Megabytes(long bytes) => $"{bytes / (1024 * 1024)} MB";
}
