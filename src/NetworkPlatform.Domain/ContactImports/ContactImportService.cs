using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Jobs;

namespace NetworkPlatform.Domain.ContactImports;

/// <summary>How a member found in the file stands to the importing member.</summary>
public enum ImportMatchStatus
{
    /// <summary>A request can be sent.</summary>
    None,

    /// <summary>They asked first: sending accepts their request.</summary>
    RequestReceived,
    RequestSent,
    Queued,
    Contact,
}

public sealed record ImportedMember(int Line, Guid UserId, string FirstName, string LastName, string? Headline,
    string? Slug, Guid? PhotoFileId, ImportMatchStatus Status)
{
    public bool CanRequest => Status is ImportMatchStatus.None or ImportMatchStatus.RequestReceived;
}

public sealed record ImportedPerson(int Line, string? Name, string Email, bool CanInvite, bool InvitedByMe);

public sealed record ImportPreview(
    ContactUpload Upload,
    IReadOnlyList<ImportedMember> Members,
    IReadOnlyList<ImportedPerson> Others,
    IReadOnlyList<SkippedLine> Skipped,
    IReadOnlyList<string> Columns,
    BackgroundJob? Job);

/// <summary>
/// The contact import: upload → background read and match → preview → the member's choice → background sending.
/// Every method that takes a member and an upload id answers another member's id as if it did not exist.
/// <para>
/// Who is shown as a member (issue 15): a confirmed member whose deletion is not pending and who is in no block with
/// the importer, either way; found by their login address only if they allow it (<c>FindableByEmail</c>), by their
/// profile address (/p/slug, what members hand out) always. Everyone else in the file is shown exactly like a person
/// who is not a member, and an invitation to them sends no mail (<see cref="InvitationService.InviteAsync"/>).
/// </para>
/// </summary>
public class ContactImportService(AppDbContext db, JobQueue jobs, ContactService contacts,
    InvitationService invitations, TimeProvider time, SiteAddress site, ContactImportLimits limits)
{
    public const string ReadJob = "ContactImportRead";
    public const string SendJob = "ContactImportSend";
    public const string QueueJob = "ContactImportQueue";

    // With the member's id, serialises one member's readings (TryCountRunAsync) across app instances.
    private const int RunLockKey = 0x1C0_17A8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>
    /// Stores the file and queues its reading. What can be told at once (empty, too large, not a text file) is
    /// refused here, so the member sees it at the upload field; the rest is found by the background job.
    /// </summary>
    public async Task<Guid> StartAsync(Guid userId, string? fileName, byte[] content, CancellationToken ct = default)
    {
        await EnsureAllowedAsync(userId, ct);
        if (content.Length == 0)
            throw new ContactFileException("ContactImport.Empty");
        if (content.Length > ContactFile.MaxBytes)
            throw new ContactFileException("ContactImport.TooLarge", ContactFile.MaxBytes / 1024 / 1024);
        ContactFile.Decode(content);

        // One import at a time: an earlier one that is not being sent is dropped with its rows.
        await db.ContactUploads.Where(u => u.UserId == userId && u.State != ContactUploadState.Sending)
            .ExecuteDeleteAsync(ct);
        var now = time.GetUtcNow();
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        var upload = new ContactUpload
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            CreatedAt = now,
            ExpiresAt = now + ContactUpload.Lifetime,
            State = ContactUploadState.Reading,
            FileName = ContactFile.Shorten(name.Length == 0 ? "contacts" : name, ContactUpload.FileNameMaxLength),
            Content = content,
        };
        db.ContactUploads.Add(upload);
        upload.JobId = jobs.Enqueue(ReadJob, userId, Payload(upload.Id)).Id;
        await db.SaveChangesAsync(ct);
        return upload.Id;
    }

    public async Task<ContactUpload> GetAsync(Guid userId, Guid uploadId, CancellationToken ct = default) =>
        await db.ContactUploads.AsNoTracking().Where(u => u.Id == uploadId && u.UserId == userId)
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException();

    /// <summary>
    /// How many files the member had read against the members in the last 24 hours, of <c>ContactImport:PerDay</c>,
    /// and when the next reading is possible again once the limit is reached. Counted from
    /// <see cref="ContactImportRun"/>, since the uploads themselves do not last (ADR 0008).
    /// </summary>
    public async Task<ImportAllowance> AllowanceAsync(Guid userId, CancellationToken ct = default)
    {
        var since = time.GetUtcNow() - ContactImportRun.Window;
        var times = await db.ContactImportRuns.AsNoTracking().Where(r => r.UserId == userId && r.CreatedAt > since)
            .OrderBy(r => r.CreatedAt).Select(r => r.CreatedAt).ToListAsync(ct);
        return new ImportAllowance(limits.PerDay, times.Count,
            times.Count >= limits.PerDay ? times[times.Count - limits.PerDay] + ContactImportRun.Window : null);
    }

    private async Task EnsureAllowedAsync(Guid userId, CancellationToken ct)
    {
        var allowance = await AllowanceAsync(userId, ct);
        if (allowance.Reached)
            throw new ImportLimitException(allowance.PerDay, allowance.NextAt!.Value);
    }

    /// <summary>
    /// Counts this reading against the member's daily limit, or says no when it is used up (two uploads read at once
    /// past the check in <see cref="StartAsync"/>). A retry of the same job was counted already.
    /// </summary>
    private async Task<bool> TryCountRunAsync(Guid userId, Guid jobId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var since = now - ContactImportRun.Window;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RunLockKey}, hashtext({userId.ToString()}))", ct);
        var runs = await db.ContactImportRuns.Where(r => r.UserId == userId && (r.CreatedAt > since || r.JobId == jobId))
            .Select(r => r.JobId).ToListAsync(ct);
        if (runs.Contains(jobId))
            return true;
        if (runs.Count >= limits.PerDay)
            return false;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ContactImportRuns" ("JobId", "UserId", "CreatedAt") VALUES ({jobId}, {userId}, {now})
            """, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public Task<ContactUpload?> LatestAsync(Guid userId, CancellationToken ct = default) =>
        db.ContactUploads.AsNoTracking().Where(u => u.UserId == userId)
            .OrderByDescending(u => u.CreatedAt).FirstOrDefaultAsync(ct);

    /// <summary>The upload with what the page shows for its state: progress, the preview, or the result.</summary>
    public async Task<ImportPreview> PreviewAsync(Guid userId, Guid uploadId, CancellationToken ct = default)
    {
        var upload = await GetAsync(userId, uploadId, ct);
        var skipped = upload.Skipped is null ? [] : JsonSerializer.Deserialize<List<SkippedLine>>(upload.Skipped, Json) ?? [];
        var columns = upload.Columns is null ? [] : JsonSerializer.Deserialize<List<string>>(upload.Columns, Json) ?? [];
        BackgroundJob? job = null;
        if (upload.State is ContactUploadState.Reading or ContactUploadState.Sending && upload.JobId is { } jobId)
            job = await db.BackgroundJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (upload.State != ContactUploadState.Ready)
            return new ImportPreview(upload, [], [], skipped, columns, job);

        if (await ForgetHiddenMatchesAsync(userId, uploadId, ct))
        {
            upload = await GetAsync(userId, uploadId, ct);
            skipped = upload.Skipped is null ? [] : JsonSerializer.Deserialize<List<SkippedLine>>(upload.Skipped, Json) ?? [];
        }
        var members = await (
            from r in db.ContactUploadRows.AsNoTracking()
            where r.UploadId == uploadId && r.MatchedUserId != null
            join u in db.Users on r.MatchedUserId equals u.Id
            join p in db.Profiles on u.Id equals p.UserId into profiles
            from p in profiles.DefaultIfEmpty()
            orderby u.LastName, u.FirstName
            select new { r.Line, u.Id, u.FirstName, u.LastName, p.Headline, p.Slug, p.PhotoSmallFileId }).ToListAsync(ct);
        var statuses = await StatusesAsync(userId, members.Select(m => m.Id).ToList(), ct);
        var matched = members.Select(m => new ImportedMember(m.Line, m.Id, m.FirstName, m.LastName, m.Headline, m.Slug,
            m.PhotoSmallFileId, statuses.GetValueOrDefault(m.Id, ImportMatchStatus.None))).ToList();

        var others = await db.ContactUploadRows.AsNoTracking()
            .Where(r => r.UploadId == uploadId && r.MatchedUserId == null)
            .OrderBy(r => r.Line).Select(r => new { r.Line, r.Name, r.Emails }).ToListAsync(ct);
        var emails = others.Select(o => o.Emails[0]).ToList();
        var hashes = emails.Select(InvitationService.Hash).ToList();
        var since = time.GetUtcNow() - ContactInvitation.MailInterval;
        var optedOut = (await db.InvitationOptOuts.AsNoTracking().Where(o => hashes.Contains(o.EmailHash))
            .Select(o => o.EmailHash).ToListAsync(ct)).ToHashSet();
        var invited = await db.ContactInvitations.AsNoTracking()
            .Where(i => emails.Contains(i.Email) && (i.InviterId == userId || i.MailedAt > since))
            .Select(i => new { i.Email, Mine = i.InviterId == userId, Recent = i.MailedAt > since }).ToListAsync(ct);
        var recent = invited.Where(i => i.Recent).Select(i => i.Email).ToHashSet();
        var mine = invited.Where(i => i.Mine).Select(i => i.Email).ToHashSet();
        var people = others.Select(o => new ImportedPerson(o.Line, o.Name, o.Emails[0],
            !optedOut.Contains(InvitationService.Hash(o.Emails[0])) && !recent.Contains(o.Emails[0]),
            mine.Contains(o.Emails[0]))).ToList();
        return new ImportPreview(upload, matched, people, skipped, columns, null);
    }

    /// <summary>
    /// Contacts, requests both ways and queued requests for the matched members: three queries. Blocks are not among
    /// them: a member in a block with the importer is no longer matched (<see cref="ForgetHiddenMatchesAsync"/>).
    /// </summary>
    private async Task<Dictionary<Guid, ImportMatchStatus>> StatusesAsync(Guid me, List<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, ImportMatchStatus>();
        if (ids.Count == 0)
            return result;
        foreach (var id in await db.QueuedContactRequests.Where(q => q.FromUserId == me && ids.Contains(q.ToUserId))
                     .Select(q => q.ToUserId).ToListAsync(ct))
            result[id] = ImportMatchStatus.Queued;
        foreach (var r in await db.ContactRequests
                     .Where(r => (r.FromUserId == me && ids.Contains(r.ToUserId)) ||
                                 (r.ToUserId == me && ids.Contains(r.FromUserId) && r.DeclinedAt == null))
                     .Select(r => new { r.FromUserId, r.ToUserId }).ToListAsync(ct))
            result[r.FromUserId == me ? r.ToUserId : r.FromUserId] =
                r.FromUserId == me ? ImportMatchStatus.RequestSent : ImportMatchStatus.RequestReceived;
        foreach (var id in await db.Contacts.Where(c => c.UserId == me && ids.Contains(c.ContactUserId))
                     .Select(c => c.ContactUserId).ToListAsync(ct))
            result[id] = ImportMatchStatus.Contact;
        return result;
    }

    /// <summary>The members in a block with <paramref name="me"/>, whoever blocked whom.</summary>
    private IQueryable<Guid> BlockedWith(Guid me) =>
        db.MemberBlocks.Where(b => b.BlockerId == me).Select(b => b.BlockedId)
            .Concat(db.MemberBlocks.Where(b => b.BlockedId == me).Select(b => b.BlockerId));

    /// <summary>
    /// A member matched when the file was read may be hidden from the importer since (a block either way, a deletion
    /// pending): their line becomes what it would have been then, a person who is not a member, or a skipped line
    /// "no e-mail address" when only their profile address was given. Run by the preview and before sending, so
    /// both see the same; true when something changed.
    /// </summary>
    private async Task<bool> ForgetHiddenMatchesAsync(Guid me, Guid uploadId, CancellationToken ct)
    {
        var blocked = BlockedWith(me);
        var hidden = await (
            from r in db.ContactUploadRows
            where r.UploadId == uploadId && r.MatchedUserId != null
            join u in db.Users on r.MatchedUserId equals u.Id
            where u.DeletionRequestedAt != null || blocked.Contains(u.Id)
            select new { r.Line, NoEmail = r.Emails.Count == 0 }).ToListAsync(ct);
        if (hidden.Count == 0)
            return false;
        var lines = hidden.Select(h => h.Line).ToList();
        var dropped = hidden.Where(h => h.NoEmail).Select(h => h.Line).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ContactUploadRows.Where(r => r.UploadId == uploadId && dropped.Contains(r.Line)).ExecuteDeleteAsync(ct);
        await db.ContactUploadRows.Where(r => r.UploadId == uploadId && lines.Contains(r.Line))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.MatchedUserId, (Guid?)null).SetProperty(r => r.Request, false), ct);
        if (dropped.Count > 0)
        {
            var upload = await db.ContactUploads.SingleAsync(u => u.Id == uploadId, ct);
            var skipped = upload.Skipped is null ? [] : JsonSerializer.Deserialize<List<SkippedLine>>(upload.Skipped, Json) ?? [];
            skipped.AddRange(dropped.Select(line => new SkippedLine(line, SkipReasons.NoEmail)));
            upload.Skipped = JsonSerializer.Serialize(skipped.OrderBy(x => x.Line).ToList(), Json);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>A plain CSV: the member says which columns hold the name and the e-mail; the file is read again.</summary>
    public async Task MapColumnsAsync(Guid userId, Guid uploadId, int? nameColumn, int emailColumn,
        CancellationToken ct = default)
    {
        var upload = await db.ContactUploads.SingleOrDefaultAsync(u => u.Id == uploadId && u.UserId == userId, ct)
                     ?? throw new NotFoundException();
        if (upload.Format != ContactFileFormat.PlainCsv || upload.Content is null ||
            upload.State is not (ContactUploadState.Ready or ContactUploadState.NeedsMapping))
            throw new DomainException("ContactImport.NotNow");
        // Reading the file again with another e-mail column is another look-up of up to 10,000 addresses.
        await EnsureAllowedAsync(userId, ct);
        upload.NameColumn = nameColumn;
        upload.EmailColumn = emailColumn;
        upload.State = ContactUploadState.Reading;
        upload.JobId = jobs.Enqueue(ReadJob, userId, Payload(upload.Id)).Id;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The member's choice from the preview, by line number; anything not in this upload is ignored.</summary>
    public async Task SendAsync(Guid userId, Guid uploadId, IReadOnlyCollection<int> requestLines,
        IReadOnlyCollection<int> inviteLines, string? culture, CancellationToken ct = default)
    {
        var upload = await db.ContactUploads.SingleOrDefaultAsync(u => u.Id == uploadId && u.UserId == userId, ct)
                     ?? throw new NotFoundException();
        if (upload.State != ContactUploadState.Ready)
            throw new DomainException("ContactImport.NotNow");
        if (requestLines.Count == 0 && inviteLines.Count == 0)
            throw new DomainException("ContactImport.NothingChosen");
        var requests = requestLines.ToList();
        var invites = inviteLines.ToList();
        // A block made since the preview: that line is sent as the preview would now show it.
        await ForgetHiddenMatchesAsync(userId, uploadId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ContactUploadRows.Where(r => r.UploadId == uploadId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Request, r => r.MatchedUserId != null && requests.Contains(r.Line))
            .SetProperty(r => r.Invite, r => r.MatchedUserId == null && invites.Contains(r.Line)), ct);
        upload.State = ContactUploadState.Sending;
        upload.Culture = SupportedCultures.IsSupported(culture) ? culture : null;
        upload.JobId = jobs.Enqueue(SendJob, userId, Payload(upload.Id)).Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Drops an upload, its file and its rows (the member's "Cancel import").</summary>
    public async Task DiscardAsync(Guid userId, Guid uploadId, CancellationToken ct = default)
    {
        var done = await db.ContactUploads
            .Where(u => u.Id == uploadId && u.UserId == userId && u.State != ContactUploadState.Sending)
            .ExecuteDeleteAsync(ct);
        if (done == 0)
            throw new NotFoundException();
    }

    // ---------- background work ----------

    /// <summary>Reads the file and matches the addresses to members. Safe to run twice: the rows are rebuilt.</summary>
    public async Task ReadInBackgroundAsync(JobContext job, CancellationToken ct)
    {
        var uploadId = UploadIdOf(job);
        var upload = await db.ContactUploads.SingleOrDefaultAsync(u => u.Id == uploadId, ct);
        if (upload is not { State: ContactUploadState.Reading })
            return;
        if (upload.Content is null)
        {
            await FailAsync(upload, "ContactImport.Expired", null, ct);
            return;
        }
        ContactFileResult result;
        try
        {
            result = ContactFile.Read(upload.Content,
                upload.EmailColumn is { } e ? new ColumnMapping(upload.NameColumn, e) : null);
        }
        catch (ContactFileException ex)
        {
            await FailAsync(upload, ex.MessageKey, ex.Args.FirstOrDefault()?.ToString(), ct);
            return;
        }
        await job.ReportProgressAsync(0, result.Contacts.Count);
        await db.ContactUploadRows.Where(r => r.UploadId == uploadId).ExecuteDeleteAsync(ct);

        upload.Format = result.Format;
        upload.ReadCount = result.Read;
        upload.Columns = result.Columns is null ? null : JsonSerializer.Serialize(result.Columns, Json);
        upload.NameColumn = result.Mapping?.NameColumn;
        upload.EmailColumn = result.Mapping?.EmailColumn;
        if (result.Format == ContactFileFormat.PlainCsv && result.Mapping is null)
        {
            upload.Skipped = null;
            upload.State = ContactUploadState.NeedsMapping;
            await db.SaveChangesAsync(ct);
            return;
        }

        if (!await TryCountRunAsync(upload.UserId, job.Id, ct))
        {
            await FailAsync(upload, "ContactImport.PerDayReachedWhileReading",
                limits.PerDay.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            return;
        }
        var matches = await MatchAsync(upload.UserId, result.Contacts.SelectMany(c => c.Emails).ToList(), ct);
        var slugs = await MatchProfilesAsync(upload.UserId, result.Contacts.SelectMany(c => c.ProfileUrls)
            .Select(site.ProfileSlugOf).OfType<string>().ToList(), ct);
        var skipped = result.Skipped.ToList();
        var rows = new List<ContactUploadRow>();
        foreach (var c in result.Contacts)
        {
            // Our own profile address first (a file exported here names the member exactly), then the e-mail.
            var matched = c.ProfileUrls.Select(site.ProfileSlugOf)
                .Select(slug => slug is not null && slugs.TryGetValue(slug, out var id) ? id : (Guid?)null)
                .Concat(c.Emails.Select(e => matches.TryGetValue(e, out var id) ? id : (Guid?)null))
                .FirstOrDefault(id => id is not null);
            if (matched == upload.UserId)
            {
                skipped.Add(new SkippedLine(c.Line, SkipReasons.Self));
                continue;
            }
            if (matched is null && c.Emails.Count == 0)
            {
                // Only a profile address, and not one of a member here: nobody to ask or to invite.
                skipped.Add(new SkippedLine(c.Line, SkipReasons.NoEmail));
                continue;
            }
            rows.Add(new ContactUploadRow
            {
                UploadId = uploadId,
                Line = c.Line,
                Name = c.Name,
                Emails = c.Emails.ToList(),
                MatchedUserId = matched,
            });
        }
        // A member found under two addresses of two lines is listed once.
        foreach (var dup in rows.Where(r => r.MatchedUserId is not null).GroupBy(r => r.MatchedUserId)
                     .SelectMany(g => g.Skip(1).Select(r => (r, first: g.First().Line))).ToList())
        {
            rows.Remove(dup.r);
            skipped.Add(new SkippedLine(dup.r.Line, SkipReasons.Duplicate, dup.first.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        upload.Skipped = JsonSerializer.Serialize(skipped.OrderBy(s => s.Line).ToList(), Json);

        for (var i = 0; i < rows.Count; i += 1000)
        {
            db.ContactUploadRows.AddRange(rows.Skip(i).Take(1000));
            await db.SaveChangesAsync(ct);
            await job.ReportProgressAsync(Math.Min(i + 1000, rows.Count), rows.Count);
        }
        upload.State = ContactUploadState.Ready;
        // The file is no longer needed, except a plain CSV's for another column mapping.
        if (upload.Format != ContactFileFormat.PlainCsv)
            upload.Content = null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Lower-case address → member, for confirmed login addresses (case-insensitive through NormalizedEmail) of
    /// members <paramref name="me"/> may be shown (see the class) who let members find them by it; a member without
    /// a profile yet has the profile's default, on. <paramref name="me"/> is always found, to be skipped as "that is you".
    /// </summary>
    private async Task<Dictionary<string, Guid>> MatchAsync(Guid me, List<string> emails, CancellationToken ct)
    {
        var result = new Dictionary<string, Guid>();
        var blocked = BlockedWith(me);
        foreach (var chunk in emails.Distinct().Chunk(2000))
        {
            var upper = chunk.Select(e => e.ToUpperInvariant()).ToList();
            foreach (var u in await db.Users.AsNoTracking()
                         .Where(u => u.EmailConfirmed && u.NormalizedEmail != null && upper.Contains(u.NormalizedEmail))
                         .Where(MemberVisibility.IsVisible)
                         .Where(u => u.Id == me ||
                                     (!db.Profiles.Any(p => p.UserId == u.Id && !p.FindableByEmail) &&
                                      !blocked.Contains(u.Id)))
                         .Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(ct))
                result[u.NormalizedEmail!.ToLowerInvariant()] = u.Id;
        }
        return result;
    }

    /// <summary>
    /// Profile slug (current or old) → member, for confirmed members not hidden by a pending deletion and in no block
    /// with <paramref name="me"/>. <c>FindableByEmail</c> does not apply: a profile address is what members hand out.
    /// </summary>
    private async Task<Dictionary<string, Guid>> MatchProfilesAsync(Guid me, List<string> slugs, CancellationToken ct)
    {
        var result = new Dictionary<string, Guid>();
        var blocked = BlockedWith(me);
        foreach (var chunk in slugs.Distinct().Chunk(2000))
        {
            var current = await (
                from p in db.Profiles.AsNoTracking()
                where chunk.Contains(p.Slug)
                join u in db.Users.Where(MemberVisibility.IsVisible) on p.UserId equals u.Id
                where u.EmailConfirmed && (u.Id == me || !blocked.Contains(u.Id))
                select new { p.Slug, p.UserId }).ToListAsync(ct);
            var old = await (
                from r in db.ProfileSlugRedirects.AsNoTracking()
                where chunk.Contains(r.Slug)
                join u in db.Users.Where(MemberVisibility.IsVisible) on r.UserId equals u.Id
                where u.EmailConfirmed && (u.Id == me || !blocked.Contains(u.Id))
                select new { r.Slug, r.UserId }).ToListAsync(ct);
            foreach (var m in old.Concat(current))
                result[m.Slug] = m.UserId;
        }
        return result;
    }

    private async Task FailAsync(ContactUpload upload, string key, string? arg, CancellationToken ct)
    {
        upload.State = ContactUploadState.Failed;
        upload.ErrorKey = key;
        upload.ErrorArg = arg;
        upload.Content = null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sends the chosen requests (within the daily limit; the rest are queued for the following days) and
    /// invitations, then deletes the rows and the file. Safe to run twice: requests already sent stay sent, and an
    /// address invited a moment ago is not mailed again.
    /// </summary>
    public async Task SendInBackgroundAsync(JobContext job, CancellationToken ct)
    {
        var uploadId = UploadIdOf(job);
        var upload = await db.ContactUploads.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uploadId, ct);
        if (upload is not { State: ContactUploadState.Sending })
            return;
        var me = upload.UserId;
        var requestTo = await db.ContactUploadRows.Where(r => r.UploadId == uploadId && r.Request && r.MatchedUserId != null)
            .OrderBy(r => r.Line).Select(r => r.MatchedUserId!.Value).ToListAsync(ct);
        var inviteTo = await db.ContactUploadRows.Where(r => r.UploadId == uploadId && r.Invite && r.MatchedUserId == null)
            .OrderBy(r => r.Line).Select(r => r.Emails[0]).ToListAsync(ct);
        var total = requestTo.Count + inviteTo.Count;
        int done = 0, sent = 0, queued = 0, notPossible = 0;
        await job.ReportProgressAsync(0, total);

        var overLimit = false;
        foreach (var other in requestTo)
        {
            if (overLimit)
            {
                await QueueAsync(db, time, me, other, ct);
                queued++;
            }
            else
            {
                switch (await RequestOrQueueAsync(db, contacts, time, me, other, ct))
                {
                    case RequestOutcome.Sent: sent++; break;
                    case RequestOutcome.Queued: queued++; overLimit = true; break;
                    default: notPossible++; break;
                }
            }
            db.ChangeTracker.Clear();
            if (++done % 20 == 0)
                await job.ReportProgressAsync(done, total);
        }

        int invited = 0, notInvited = 0;
        foreach (var chunk in inviteTo.Chunk(200))
        {
            var counts = await invitations.InviteAsync(me, upload.Culture, chunk, ct);
            invited += counts.Sent;
            notInvited += counts.NotSent;
            db.ChangeTracker.Clear();
            done += chunk.Length;
            await job.ReportProgressAsync(done, total);
        }

        await db.ContactUploadRows.Where(r => r.UploadId == uploadId).ExecuteDeleteAsync(ct);
        await db.ContactUploads.Where(u => u.Id == uploadId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.State, ContactUploadState.Done)
            .SetProperty(u => u.Content, (byte[]?)null)
            .SetProperty(u => u.RequestsSent, sent)
            .SetProperty(u => u.RequestsQueued, queued)
            .SetProperty(u => u.RequestsNotPossible, notPossible)
            .SetProperty(u => u.InvitationsSent, invited)
            .SetProperty(u => u.InvitationsNotSent, notInvited), ct);
    }

    public enum RequestOutcome
    {
        Sent,
        Queued,
        NotPossible,
    }

    /// <summary>
    /// A contact request through <see cref="ContactService.RequestAsync"/> (so its limits, blocks and the mail
    /// apply); over the daily or open limit it is queued for the recurring job instead.
    /// </summary>
    public static async Task<RequestOutcome> RequestOrQueueAsync(AppDbContext db, ContactService contacts,
        TimeProvider time, Guid from, Guid to, CancellationToken ct)
    {
        try
        {
            await contacts.RequestAsync(from, to, null, ct);
            return RequestOutcome.Sent;
        }
        catch (DomainException e) when (e.MessageKey is "Contacts.DailyLimit" or "Contacts.OpenLimit")
        {
            db.ChangeTracker.Clear();
            await QueueAsync(db, time, from, to, ct);
            return RequestOutcome.Queued;
        }
        catch (DomainException)
        {
            db.ChangeTracker.Clear();
            return RequestOutcome.NotPossible;
        }
    }

    private static Task QueueAsync(AppDbContext db, TimeProvider time, Guid from, Guid to, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "QueuedContactRequests" ("Id", "FromUserId", "ToUserId", "CreatedAt")
            VALUES ({Guid.CreateVersion7(now)}, {from}, {to}, {now})
            ON CONFLICT ("FromUserId", "ToUserId") DO NOTHING
            """, ct);
    }

    /// <summary>
    /// The recurring job: sends queued requests as far as each sender's daily limit allows, and deletes expired
    /// uploads (file and rows), invitations older than <see cref="ContactInvitation.Lifetime"/> and readings that no
    /// longer count against the daily limit.
    /// </summary>
    public async Task<int> SendQueuedAndPurgeAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var runsBefore = now - ContactImportRun.Window;
        await db.ContactImportRuns.Where(r => r.CreatedAt < runsBefore).ExecuteDeleteAsync(ct);
        await db.ContactUploads.Where(u => u.ExpiresAt < now && u.State != ContactUploadState.Sending)
            .ExecuteDeleteAsync(ct);
        // A send job that died for good is not left "sending" for ever.
        await db.ContactUploads.Where(u => u.ExpiresAt < now - TimeSpan.FromDays(7)).ExecuteDeleteAsync(ct);
        var old = now - ContactInvitation.Lifetime;
        await db.ContactInvitations.Where(i => i.CreatedAt < old).ExecuteDeleteAsync(ct);

        var sent = 0;
        var senders = await db.QueuedContactRequests.Select(q => q.FromUserId).Distinct().OrderBy(id => id).Take(1000)
            .ToListAsync(ct);
        foreach (var sender in senders)
        {
            var queue = await db.QueuedContactRequests.AsNoTracking().Where(q => q.FromUserId == sender)
                .OrderBy(q => q.CreatedAt).Take(ContactRequest.MaxNewPerDay).ToListAsync(ct);
            foreach (var q in queue)
            {
                try
                {
                    await contacts.RequestAsync(sender, q.ToUserId, null, ct);
                    sent++;
                }
                catch (DomainException e) when (e.MessageKey is "Contacts.DailyLimit" or "Contacts.OpenLimit")
                {
                    db.ChangeTracker.Clear();
                    break; // the rest wait for another day
                }
                catch (DomainException)
                {
                    // Blocked or gone meanwhile: dropped.
                    db.ChangeTracker.Clear();
                }
                await db.QueuedContactRequests.Where(x => x.Id == q.Id).ExecuteDeleteAsync(ct);
            }
            db.ChangeTracker.Clear();
        }
        return sent;
    }

    private static string Payload(Guid uploadId) => JsonSerializer.Serialize(new UploadPayload(uploadId));

    private static Guid UploadIdOf(JobContext job) =>
        JsonSerializer.Deserialize<UploadPayload>(job.Payload ?? "{}")?.UploadId ?? Guid.Empty;

    private sealed record UploadPayload(Guid UploadId);
}

public sealed class ContactImportReadHandler(ContactImportService imports) : IJobHandler
{
    public string Kind => ContactImportService.ReadJob;

    public async Task<string?> RunAsync(JobContext job, CancellationToken ct)
    {
        await imports.ReadInBackgroundAsync(job, ct);
        return null;
    }
}

public sealed class ContactImportSendHandler(ContactImportService imports) : IJobHandler
{
    public string Kind => ContactImportService.SendJob;

    public async Task<string?> RunAsync(JobContext job, CancellationToken ct)
    {
        await imports.SendInBackgroundAsync(job, ct);
        return null;
    }
}

public sealed class ContactImportQueueHandler(ContactImportService imports) : IJobHandler
{
    public string Kind => ContactImportService.QueueJob;

    public async Task<string?> RunAsync(JobContext job, CancellationToken ct) =>
        $$"""{"sent": {{await imports.SendQueuedAndPurgeAsync(ct)}}}""";
}
