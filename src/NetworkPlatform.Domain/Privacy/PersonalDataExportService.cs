using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Email;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Domain.Jobs;

namespace NetworkPlatform.Domain.Privacy;

public enum ExportState
{
    Preparing,
    Ready,
    Expired,
}

public sealed record ExportListItem(Guid Id, DateTimeOffset RequestedAt, ExportState State, DateTimeOffset? ExpiresAt,
    long Size, int Progress, int? ProgressTotal);

public sealed record ExportOverview(IReadOnlyList<ExportListItem> Exports, DateTimeOffset? NextPossibleAt);

public sealed record ExportDownload(string FileName, byte[] Content);

/// <summary>
/// The personal data export (GDPR Art. 15 and 20): a member asks, <see cref="PersonalDataExportJob"/> builds the ZIP
/// from every registered <see cref="IPersonalDataSection"/>, stores it in the file store and mails the member; the
/// download works for the owner only, for <see cref="PersonalDataExport.Lifetime"/>; one export per
/// <see cref="PersonalDataExport.Cooldown"/>.
/// </summary>
public class PersonalDataExportService(AppDbContext db, JobQueue jobs, IFileStore files, IMailOutbox mail,
    IEnumerable<IPersonalDataSection> sections, TimeProvider time)
{
    public const string JobKind = "PersonalDataExport";

    public async Task<ExportOverview> OverviewAsync(Guid userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var rows = await (from e in db.PersonalDataExports.AsNoTracking()
                          where e.UserId == userId
                          join j in db.BackgroundJobs on e.JobId equals j.Id into js
                          from j in js.DefaultIfEmpty()
                          orderby e.RequestedAt descending
                          select new { e.Id, e.RequestedAt, e.FileId, e.ExpiresAt, e.Size, Progress = (int?)j.Progress, j.ProgressTotal })
            .Take(10).ToListAsync(ct);
        var items = rows.Select(r => new ExportListItem(r.Id, r.RequestedAt,
            r.FileId is null ? (r.ExpiresAt is null ? ExportState.Preparing : ExportState.Expired)
            : r.ExpiresAt > now ? ExportState.Ready : ExportState.Expired,
            r.ExpiresAt, r.Size, r.Progress ?? 0, r.ProgressTotal)).ToList();
        return new ExportOverview(items, NextPossible(rows.Count == 0 ? null : rows[0].RequestedAt, now));
    }

    private static DateTimeOffset? NextPossible(DateTimeOffset? lastRequest, DateTimeOffset now) =>
        lastRequest is { } last && last + PersonalDataExport.Cooldown > now ? last + PersonalDataExport.Cooldown : null;

    /// <summary>
    /// Queues an export. Throws <see cref="ExportTooSoonException"/> within the cooldown. The export row and its job
    /// are written in one transaction; the user row is locked for it, so two clicks at once make one export.
    /// </summary>
    public async Task<Guid> RequestAsync(Guid userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "AspNetUsers" WHERE "Id" = {userId} FOR UPDATE""", ct);
        var last = await db.PersonalDataExports.Where(e => e.UserId == userId)
            .MaxAsync(e => (DateTimeOffset?)e.RequestedAt, ct);
        if (NextPossible(last, now) is { } next)
            throw new ExportTooSoonException(next);

        var export = new PersonalDataExport { Id = Guid.CreateVersion7(now), UserId = userId, RequestedAt = now };
        var job = jobs.Enqueue(JobKind, userId, JsonSerializer.Serialize(new ExportPayload(export.Id)));
        export.JobId = job.Id;
        db.PersonalDataExports.Add(export);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return export.Id;
    }

    /// <summary>Builds the ZIP for one export. Safe to run twice: a finished export is left as it is.</summary>
    public async Task BuildAsync(Guid exportId, Func<int, int?, Task> progress, CancellationToken ct = default)
    {
        var export = await db.PersonalDataExports.SingleOrDefaultAsync(e => e.Id == exportId, ct);
        if (export is null || export.FileId is not null || export.ExpiresAt is not null)
            return;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == export.UserId, ct);

        var ordered = sections.OrderBy(s => s.Order).ToList();
        using var buffer = new MemoryStream();
        using (var archive = new ZipPersonalDataArchive(buffer))
        {
            for (var i = 0; i < ordered.Count; i++)
            {
                await progress(i, ordered.Count);
                await ordered[i].WriteAsync(export.UserId, archive, ct);
            }
            await archive.CompleteAsync(ReadmeHeader(user, time.GetUtcNow()), ct);
        }

        var now = time.GetUtcNow();
        var content = buffer.ToArray();
        export.FileId = files.Add("application/zip", content);
        export.Size = content.LongLength;
        export.ReadyAt = now;
        export.ExpiresAt = now + PersonalDataExport.Lifetime;
        mail.Add(MailKind.PersonalDataExportReady, user, new Dictionary<string, string>
        {
            ["Link"] = mail.Link("/settings/data"),
            ["ExpiresAt"] = MailDates.Format(export.ExpiresAt.Value, user.Culture),
        });
        await db.SaveChangesAsync(ct);
        await progress(ordered.Count, ordered.Count);
    }

    /// <summary>The ZIP for its owner while it has not expired; null for anyone else, an unknown id, or when expired.</summary>
    public async Task<ExportDownload?> DownloadAsync(Guid userId, Guid exportId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var export = await db.PersonalDataExports.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == exportId && e.UserId == userId, ct);
        if (export is null || !export.IsReadyAt(now))
            return null;
        var file = await files.GetAsync(export.FileId!.Value, ct);
        return file is null
            ? null
            : new ExportDownload($"personal-data-{export.ReadyAt!.Value.UtcDateTime:yyyy-MM-dd}.zip", file.Content);
    }

    /// <summary>Is this an export of this member that has run out (to say so rather than "not found")?</summary>
    public Task<bool> IsExpiredAsync(Guid userId, Guid exportId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        return db.PersonalDataExports.AnyAsync(e => e.Id == exportId && e.UserId == userId && e.ExpiresAt <= now, ct);
    }

    /// <summary>Deletes the ZIPs of expired exports (keeps the row, without file, so the page can say "expired").</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var expired = await db.PersonalDataExports
            .Where(e => e.FileId != null && e.ExpiresAt <= now)
            .Select(e => new { e.Id, FileId = e.FileId!.Value })
            .ToListAsync(ct);
        foreach (var e in expired)
        {
            await db.PersonalDataExports.Where(x => x.Id == e.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.FileId, (Guid?)null), ct);
            await files.DeleteAsync(e.FileId, ct);
        }
        // Rows older than any cooldown and lifetime say nothing anymore.
        var old = now - PersonalDataExport.Lifetime - TimeSpan.FromDays(30);
        await db.PersonalDataExports.Where(e => e.FileId == null && e.RequestedAt < old).ExecuteDeleteAsync(ct);
        return expired.Count;
    }

    private static string ReadmeHeader(AppUser user, DateTimeOffset now) => $"""
        PERSONAL DATA EXPORT / DATENAUSKUNFT
        ====================================

        Account: {user.Email}
        Created: {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC

        This archive holds the personal data this network stores about you (GDPR Art. 15 and 20). JSON files are
        UTF-8; CSV files are UTF-8 with a header line and can be opened in any spreadsheet program. Dates and times
        are in UTC (ISO 8601). About other members it holds only what they let you see in the network. The layout
        is described below and in docs/data-export.md of the software.

        Dieses Archiv enthält die personenbezogenen Daten, die dieses Netzwerk über Sie speichert (Art. 15 und 20
        DSGVO). JSON-Dateien sind UTF-8; CSV-Dateien sind UTF-8 mit Kopfzeile und lassen sich mit jeder
        Tabellenkalkulation öffnen. Zeitangaben in UTC (ISO 8601). Über andere Mitglieder enthält es nur, was diese
        Ihnen im Netzwerk zeigen. Die Beschreibungen der einzelnen Dateien unten sind englisch.
        """;

    private sealed record ExportPayload(Guid ExportId);

    public static Guid ExportIdOf(string? payload) =>
        JsonSerializer.Deserialize<ExportPayload>(payload ?? "{}", ZipPersonalDataArchive.Json)?.ExportId
        ?? throw new InvalidOperationException("The export job has no export id.");
}

public class ExportTooSoonException(DateTimeOffset nextPossibleAt) : DomainException("Privacy.Export.TooSoon")
{
    public DateTimeOffset NextPossibleAt { get; } = nextPossibleAt;
}

/// <summary>Builds one requested export.</summary>
public class PersonalDataExportJob(PersonalDataExportService exports) : IJobHandler
{
    public string Kind => PersonalDataExportService.JobKind;

    public async Task<string?> RunAsync(JobContext job, CancellationToken ct)
    {
        await exports.BuildAsync(PersonalDataExportService.ExportIdOf(job.Payload), job.ReportProgressAsync, ct);
        return null;
    }
}

/// <summary>Dates in mails, in the recipient's language (as the pages show them).</summary>
public static class MailDates
{
    public static string Format(DateTimeOffset value, string? culture) =>
        culture == SupportedCultures.English
            ? value.UtcDateTime.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en"))
            : value.UtcDateTime.ToString("dd.MM.yyyy", CultureInfo.GetCultureInfo("de"));
}
