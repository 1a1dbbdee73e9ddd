using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Email;

namespace NetworkPlatform.Domain.Contacts;

public record ContactRequestItem(Guid Id, Guid OtherUserId, string FirstName, string LastName, string? Headline,
    string? Slug, Guid? PhotoFileId, string? Message, DateTimeOffset CreatedAt);

public record ContactRequestsPage(IReadOnlyList<ContactRequestItem> Received, IReadOnlyList<ContactRequestItem> Sent);

/// <summary>Requests, contacts, blocks: every rule that two members' relation must keep.</summary>
public class ContactService(AppDbContext db, IMailOutbox outbox, TimeProvider time,
    SuggestionCandidates? candidates = null)
{
    public async Task<ContactStatus> StatusAsync(Guid me, Guid other, CancellationToken ct = default) =>
        (await RelationAsync(me, other, ct)).Status;

    /// <summary>How the two stand, and the id of the request between them (for withdraw / accept / decline): one query.</summary>
    public async Task<(ContactStatus Status, Guid? RequestId)> RelationAsync(Guid me, Guid other,
        CancellationToken ct = default)
    {
        if (me == other)
            return (ContactStatus.Self, null);
        var (low, high) = ContactRequest.Pair(me, other);
        var row = await db.Users.Where(u => u.Id == me).Select(_ => new
        {
            Contact = db.Contacts.Any(c => c.UserId == me && c.ContactUserId == other),
            BlockedByMe = db.MemberBlocks.Any(b => b.BlockerId == me && b.BlockedId == other),
            BlockedMe = db.MemberBlocks.Any(b => b.BlockerId == other && b.BlockedId == me),
            Request = db.ContactRequests.Where(r => r.PairLow == low && r.PairHigh == high)
                .Select(r => new { r.Id, r.FromUserId, r.DeclinedAt }).FirstOrDefault(),
        }).SingleAsync(ct);
        return StatusOf(me, row.Contact, row.BlockedByMe, row.BlockedMe, row.Request?.Id, row.Request?.FromUserId,
            row.Request?.DeclinedAt);
    }

    /// <summary>How two members stand, from the facts a query read about the pair (here, or with a profile).</summary>
    public static (ContactStatus Status, Guid? RequestId) StatusOf(Guid me, bool contact, bool blockedByMe,
        bool blockedMe, Guid? requestId, Guid? requestFrom, DateTimeOffset? requestDeclinedAt)
    {
        if (blockedByMe) return (ContactStatus.BlockedByMe, null);
        if (blockedMe) return (ContactStatus.BlockedMe, null);
        if (contact) return (ContactStatus.Contacts, null);
        if (requestId is { } id)
        {
            if (requestFrom == me) return (ContactStatus.RequestSent, id);
            // A declined request is invisible to the one who declined it.
            if (requestDeclinedAt is null) return (ContactStatus.RequestReceived, id);
        }
        return (ContactStatus.None, null);
    }

    /// <summary>
    /// "Add as contact". If the other member asked first, this accepts their request instead. A second click, or
    /// the other member asking at the same moment, never makes a second request or a second contact: everything that
    /// creates a request or a contact for a pair runs under that pair's lock.
    /// </summary>
    public async Task<ContactStatus> RequestAsync(Guid me, Guid other, string? message, CancellationToken ct = default)
    {
        if (me == other)
            throw new DomainException("Contacts.NotYourself");
        message = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        if (message is { Length: > ContactRequest.MessageMaxLength })
            throw new DomainException("Contacts.MessageTooLong");
        if (TextRules.HasControlCharacters(message, multiLine: true))
            throw new DomainException(TextRules.ControlCharactersMultiLineKey);

        return await WithPairLockAsync(me, other, async () =>
        {
            var status = await StatusAsync(me, other, ct);
            switch (status)
            {
                case ContactStatus.Contacts:
                case ContactStatus.RequestSent:
                    return status;
                case ContactStatus.BlockedByMe:
                case ContactStatus.BlockedMe:
                    throw new DomainException("Contacts.Blocked");
                case ContactStatus.RequestReceived:
                    return await AcceptCoreAsync(me, other, ct);
            }

            var (low, high) = ContactRequest.Pair(me, other);
            if (await db.ContactRequests.AnyAsync(r => r.PairLow == low && r.PairHigh == high && r.FromUserId == other, ct))
                // I declined their request earlier and now ask myself: that is a yes to theirs.
                return await AcceptCoreAsync(me, other, ct);

            var now = time.GetUtcNow();
            var since = now.AddDays(-1);
            var counts = await db.Users.Where(u => u.Id == me).Select(_ => new
            {
                Today = db.ContactRequests.Count(r => r.FromUserId == me && r.CreatedAt > since),
                Open = db.ContactRequests.Count(r => r.FromUserId == me),
            }).SingleAsync(ct);
            if (counts.Today >= ContactRequest.MaxNewPerDay)
                throw new DomainException("Contacts.DailyLimit");
            if (counts.Open >= ContactRequest.MaxOpenSent)
                throw new DomainException("Contacts.OpenLimit");

            // A member whose deletion is pending is not there for anyone else (MemberVisibility).
            var to = await db.Users.SingleOrDefaultAsync(u => u.Id == other && u.DeletionRequestedAt == null, ct)
                ?? throw new DomainException("Contacts.MemberNotFound");
            var from = await db.Users.Where(u => u.Id == me).Select(u => new { u.FirstName, u.LastName }).SingleAsync(ct);
            db.ContactRequests.Add(new ContactRequest
            {
                Id = Guid.CreateVersion7(now),
                FromUserId = me,
                ToUserId = other,
                PairLow = low,
                PairHigh = high,
                Message = message,
                CreatedAt = now,
            });
            outbox.Add(MailKind.ContactRequest, to, new Dictionary<string, string>
            {
                ["FromName"] = $"{from.FirstName} {from.LastName}".Trim(),
                ["Message"] = message ?? "",
                ["Link"] = outbox.Link("/contacts/requests"),
            });
            await db.SaveChangesAsync(ct);
            return ContactStatus.RequestSent;
        }, ct);
    }

    public async Task AcceptAsync(Guid me, Guid requestId, CancellationToken ct = default)
    {
        var from = await db.ContactRequests.Where(r => r.Id == requestId && r.ToUserId == me)
            .Select(r => (Guid?)r.FromUserId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException();
        await WithPairLockAsync(me, from, async () =>
        {
            // Withdrawn while we waited for the lock: nothing to accept any more.
            if (!await db.ContactRequests.AnyAsync(r => r.Id == requestId, ct))
                throw new NotFoundException();
            return await AcceptCoreAsync(me, from, ct);
        }, ct);
    }

    public async Task DeclineAsync(Guid me, Guid requestId, CancellationToken ct = default)
    {
        var done = await db.ContactRequests.Where(r => r.Id == requestId && r.ToUserId == me)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DeclinedAt, time.GetUtcNow()), ct);
        if (done == 0)
            throw new NotFoundException();
    }

    public async Task WithdrawAsync(Guid me, Guid requestId, CancellationToken ct = default)
    {
        var done = await db.ContactRequests.Where(r => r.Id == requestId && r.FromUserId == me).ExecuteDeleteAsync(ct);
        if (done == 0)
            throw new NotFoundException();
    }

    /// <summary>Ends the contact for both, silently for the other side.</summary>
    public Task RemoveAsync(Guid me, Guid other, CancellationToken ct = default) =>
        db.Contacts.Where(c => (c.UserId == me && c.ContactUserId == other) || (c.UserId == other && c.ContactUserId == me))
            .ExecuteDeleteAsync(ct);

    /// <summary>Blocking removes the contact and any request between the two, and stops new ones both ways.</summary>
    public async Task BlockAsync(Guid me, Guid other, CancellationToken ct = default)
    {
        if (me == other)
            throw new DomainException("Contacts.NotYourself");
        if (!await db.Users.AnyAsync(u => u.Id == other, ct))
            throw new NotFoundException();
        var (low, high) = ContactRequest.Pair(me, other);
        await WithPairLockAsync(me, other, async () =>
        {
            await RemoveAsync(me, other, ct);
            await db.ContactRequests.Where(r => r.PairLow == low && r.PairHigh == high).ExecuteDeleteAsync(ct);
            return await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "MemberBlocks" ("BlockerId", "BlockedId", "CreatedAt") VALUES ({me}, {other}, {time.GetUtcNow()})
                ON CONFLICT DO NOTHING
                """, ct);
        }, ct);
    }

    public Task UnblockAsync(Guid me, Guid other, CancellationToken ct = default) =>
        db.MemberBlocks.Where(b => b.BlockerId == me && b.BlockedId == other).ExecuteDeleteAsync(ct);

    /// <summary>Both directions (inside the pair's transaction); the primary key makes a repeat a no-op.</summary>
    private async Task<ContactStatus> AcceptCoreAsync(Guid me, Guid other, CancellationToken ct)
    {
        var (low, high) = ContactRequest.Pair(me, other);
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Contacts" ("UserId", "ContactUserId", "CreatedAt", "Tags")
            VALUES ({me}, {other}, {now}, ARRAY[]::text[]), ({other}, {me}, {now}, ARRAY[]::text[])
            ON CONFLICT DO NOTHING
            """, ct);
        await db.ContactRequests.Where(r => r.PairLow == low && r.PairHigh == high).ExecuteDeleteAsync(ct);
        return ContactStatus.Contacts;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction holding a PostgreSQL advisory lock for the pair of members, so that
    /// requests and accepts for the same two members (double clicks, both asking at once, two app instances) happen
    /// one after the other. Other pairs are not held up.
    /// </summary>
    private async Task<T> WithPairLockAsync<T>(Guid a, Guid b, Func<Task<T>> work, CancellationToken ct)
    {
        var (low, high) = ContactRequest.Pair(a, b);
        var key = BitConverter.ToInt64(low.ToByteArray(), 0) ^ BitConverter.ToInt64(high.ToByteArray(), 8);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        var result = await work();
        await tx.CommitAsync(ct);
        // A new contact (or a block) changes whom either may know: their next list searches again.
        candidates?.Forget(a);
        candidates?.Forget(b);
        return result;
    }

    public async Task<ContactRequestsPage> RequestsAsync(Guid me, CancellationToken ct = default)
    {
        var received = await Items(db.ContactRequests.Where(r => r.ToUserId == me && r.DeclinedAt == null), fromSide: true)
            .ToListAsync(ct);
        var sent = await Items(db.ContactRequests.Where(r => r.FromUserId == me), fromSide: false).ToListAsync(ct);
        return new ContactRequestsPage(received, sent);
    }

    public Task<int> OpenReceivedCountAsync(Guid me, CancellationToken ct = default) => OpenReceivedCount(db, me, ct);

    // Compiled once: the navigation's count runs on every member page (issue 17).
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<int>> OpenReceivedCount =
        EF.CompileAsyncQuery((AppDbContext db, Guid me, CancellationToken ct) =>
            (from r in db.ContactRequests
             where r.ToUserId == me && r.DeclinedAt == null
             join u in db.Users on r.FromUserId equals u.Id
             where u.DeletionRequestedAt == null
             select r.Id).Count());

    /// <summary>Requests with the other member's name, headline and photo, newest first, in one query.</summary>
    private IQueryable<ContactRequestItem> Items(IQueryable<ContactRequest> requests, bool fromSide) =>
        from r in requests.AsNoTracking()
        join u in db.Users on (fromSide ? r.FromUserId : r.ToUserId) equals u.Id
        where u.DeletionRequestedAt == null
        join p in db.Profiles on u.Id equals p.UserId into profiles
        from p in profiles.DefaultIfEmpty()
        orderby r.CreatedAt descending
        select new ContactRequestItem(r.Id, u.Id, u.FirstName, u.LastName, p.Headline, p.Slug, p.PhotoSmallFileId,
            r.Message, r.CreatedAt);
}
