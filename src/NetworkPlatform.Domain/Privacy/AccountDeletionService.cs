using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Email;
using NetworkPlatform.Domain.Jobs;

namespace NetworkPlatform.Domain.Privacy;

/// <summary>
/// Account deletion (GDPR Art. 17): a request starts a grace period of <see cref="AccountDeletion.GracePeriod"/>
/// during which the member is hidden from everyone and can change their mind by logging in; then
/// <see cref="PurgeDueAsync"/> deletes the account with everything that belongs to it and keeps only an
/// <see cref="AccountDeletion"/> record (when requested, when deleted). The password and 2FA checks happen in the
/// web layer (Identity's UserManager) before <see cref="RequestAsync"/>.
/// </summary>
public class AccountDeletionService(AppDbContext db, IMailOutbox mail, TimeProvider time)
{
    public const string PurgeJobKind = "AccountPurge";

    /// <summary>Marks the account for deletion and queues the confirmation mail; returns when it will be deleted.</summary>
    public async Task<DateTimeOffset> RequestAsync(AppUser user, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        user.DeletionRequestedAt ??= now;
        var deleteAt = DeleteAt(user.DeletionRequestedAt.Value);
        mail.Add(MailKind.AccountDeletionRequested, user, new Dictionary<string, string>
        {
            ["DeleteAt"] = MailDates.Format(deleteAt, user.Culture),
            ["LoginLink"] = mail.Link("/account/login"),
        });
        await db.SaveChangesAsync(ct);
        return deleteAt;
    }

    public static DateTimeOffset DeleteAt(DateTimeOffset requestedAt) => requestedAt + AccountDeletion.GracePeriod;

    /// <summary>Called at every successful sign-in: cancels a pending deletion. True when there was one.</summary>
    public async Task<bool> CancelAsync(Guid userId, CancellationToken ct = default) =>
        await db.Users.Where(u => u.Id == userId && u.DeletionRequestedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DeletionRequestedAt, (DateTimeOffset?)null), ct) > 0;

    /// <summary>Deletes every account whose grace period is over. Safe to run twice, and on two instances at once.</summary>
    public async Task<int> PurgeDueAsync(CancellationToken ct = default)
    {
        var due = time.GetUtcNow() - AccountDeletion.GracePeriod;
        var ids = await db.Users.AsNoTracking()
            .Where(u => u.DeletionRequestedAt != null && u.DeletionRequestedAt <= due)
            .OrderBy(u => u.DeletionRequestedAt)
            .Select(u => u.Id)
            .ToListAsync(ct);
        var n = 0;
        foreach (var id in ids)
            if (await PurgeAsync(id, due, ct))
                n++;
        return n;
    }

    /// <summary>
    /// One account in one transaction. The row is locked and checked again first: a login that cancelled in the
    /// meantime, or another instance that was faster, leaves nothing to do. Most tables go by ON DELETE CASCADE from
    /// "AspNetUsers" (profile with its entries, languages, links, documents, old addresses; contacts both ways with
    /// tags and notes; requests; blocks; dismissed suggestions; visits made and received; Identity's roles, claims,
    /// logins and tokens; exports; login history; background jobs). What no foreign key reaches is deleted here:
    /// the stored files (photo, documents, export ZIPs) and mails still addressed to the member.
    /// </summary>
    private async Task<bool> PurgeAsync(Guid userId, DateTimeOffset due, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.FromSql($"""SELECT * FROM "AspNetUsers" WHERE "Id" = {userId} FOR UPDATE""")
            .AsNoTracking().SingleOrDefaultAsync(ct);
        if (user?.DeletionRequestedAt is not { } requestedAt || requestedAt > due)
            return false;
        // Became an admin who made voucher codes during the grace period: those keep the account (RESTRICT); the
        // request page refuses admins, so this only waits until another admin removes the role.
        if (await db.VoucherCodes.AnyAsync(v => v.CreatedById == userId, ct))
            return false;

        var fileIds = await db.Profiles.Where(p => p.UserId == userId)
            .Select(p => new[] { p.PhotoFileId, p.PhotoSmallFileId })
            .ToListAsync(ct);
        var files = fileIds.SelectMany(f => f).OfType<Guid>()
            .Concat(await db.ProfileDocuments.Where(d => d.UserId == userId).Select(d => d.FileId).ToListAsync(ct))
            .Concat(await db.PersonalDataExports.Where(e => e.UserId == userId && e.FileId != null)
                .Select(e => e.FileId!.Value).ToListAsync(ct))
            .Distinct().ToArray();

        // Vouchers the member redeemed stay (the admin's list of codes), without who redeemed them; vouchers an
        // admin made block the deletion of that admin (RESTRICT), which the request already refuses.
        await db.VoucherCodes.Where(v => v.RedeemedById == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.RedeemedById, (Guid?)null), ct);
        // Company pages stay (a page whose only admin leaves waits for a platform admin to assign one); the
        // member's follows leave the counts, their current positions the employee counts.
        var employers = await db.ProfileEntries.Where(e => e.UserId == userId && e.CompanyId != null)
            .Select(e => e.CompanyId).Distinct().ToListAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "CompanyPages" c SET "FollowerCount" = c."FollowerCount" - 1
            FROM "CompanyFollows" f WHERE f."CompanyId" = c."Id" AND f."UserId" = {userId}
            """, ct);
        await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(ct);
        await Companies.EmploymentService.RecountEmployeesAsync(db, employers, ct);
        if (files.Length > 0)
            await db.StoredFiles.Where(f => files.Contains(f.Id)).ExecuteDeleteAsync(ct);
        if (user.NormalizedEmail is { } email)
            await db.OutboxMessages.Where(m => m.ToAddress.ToUpper() == email).ExecuteDeleteAsync(ct);

        db.AccountDeletions.Add(new AccountDeletion
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            RequestedAt = requestedAt,
            DeletedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<AccountDeletionStats> StatsAsync(int take, CancellationToken ct = default)
    {
        var total = await db.AccountDeletions.CountAsync(ct);
        var pending = await db.Users.CountAsync(u => u.DeletionRequestedAt != null, ct);
        var recent = await db.AccountDeletions.AsNoTracking().OrderByDescending(d => d.DeletedAt).Take(take)
            .Select(d => new AccountDeletionRow(d.RequestedAt, d.DeletedAt)).ToListAsync(ct);
        return new AccountDeletionStats(total, pending, recent);
    }
}

public sealed record AccountDeletionRow(DateTimeOffset RequestedAt, DateTimeOffset DeletedAt);

public sealed record AccountDeletionStats(int Total, int Pending, IReadOnlyList<AccountDeletionRow> Recent);

/// <summary>The recurring purge of accounts whose grace period is over.</summary>
public class AccountPurgeJob(AccountDeletionService deletions) : IJobHandler
{
    public string Kind => AccountDeletionService.PurgeJobKind;

    public async Task<string?> RunAsync(JobContext job, CancellationToken ct) =>
        $$"""{"deleted": {{await deletions.PurgeDueAsync(ct)}}}""";
}

/// <summary>The recurring clean-up: expired export ZIPs and sign-ins older than a year.</summary>
public class PrivacyRetentionJob(PersonalDataExportService exports, LoginHistoryService logins) : IJobHandler
{
    public const string JobKind = "PrivacyRetention";

    public string Kind => JobKind;

    public async Task<string?> RunAsync(JobContext job, CancellationToken ct)
    {
        var files = await exports.DeleteExpiredAsync(ct);
        var records = await logins.DeleteOldAsync(ct);
        return $$"""{"exportsDeleted": {{files}}, "loginRecordsDeleted": {{records}}}""";
    }
}
