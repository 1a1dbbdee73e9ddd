using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Privacy;
using static NetworkPlatform.Domain.Privacy.Sections.AccountSection;

namespace NetworkPlatform.Domain.ContactImports;

/// <summary>
/// What the contact import keeps about a member: the invitations they sent that are still pending, their contact
/// requests queued over the daily limit, and when they had files read in the last 24 hours (for the daily limit of
/// imports). Uploads are not exported: they live a day at most and hold other people's data from the member's own file.
/// </summary>
public class ContactImportPersonalData(AppDbContext db) : IPersonalDataSection
{
    public int Order => 60;

    public async Task WriteAsync(Guid userId, IPersonalDataArchive archive, CancellationToken ct)
    {
        var invitations = await db.ContactInvitations.AsNoTracking().Where(i => i.InviterId == userId)
            .OrderBy(i => i.CreatedAt).Select(i => new { i.Email, i.CreatedAt, i.MailedAt }).ToListAsync(ct);
        await archive.AddCsvAsync("contact-import/invitations.csv", ["email", "invited_at", "mailed_at"],
            invitations.Select(i => (IReadOnlyList<string?>)[i.Email, Iso(i.CreatedAt), Iso(i.MailedAt)]),
            "Invitations you sent from a contact import that are still pending: the address, when you invited it, and " +
            "when the invitation mail went out (empty when the address had been invited by someone in the 30 days before).",
            ct);

        var queued = await (
            from q in db.QueuedContactRequests.AsNoTracking()
            where q.FromUserId == userId
            join u in db.Users on q.ToUserId equals u.Id
            orderby q.CreatedAt
            select new { u.FirstName, u.LastName, q.CreatedAt }).ToListAsync(ct);
        await archive.AddCsvAsync("contact-import/queued-requests.csv", ["first_name", "last_name", "queued_at"],
            queued.Select(q => (IReadOnlyList<string?>)[q.FirstName, q.LastName, Iso(q.CreatedAt)]),
            "Contact requests from a contact import that wait for the daily limit of 100 new requests; they are sent on " +
            "the following days.", ct);

        var runs = await db.ContactImportRuns.AsNoTracking().Where(r => r.UserId == userId)
            .OrderBy(r => r.CreatedAt).Select(r => r.CreatedAt).ToListAsync(ct);
        await archive.AddCsvAsync("contact-import/imports.csv", ["read_at"],
            runs.Select(r => (IReadOnlyList<string?>)[Iso(r)]),
            "When a contact file of yours was read and compared with the members in the last 24 hours: kept for 24 " +
            "hours only, to hold everyone to the daily number of imports.", ct);
    }
}
