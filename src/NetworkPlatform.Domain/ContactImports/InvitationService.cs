using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Email;

namespace NetworkPlatform.Domain.ContactImports;

public sealed record InvitationCounts(int Sent, int NotSent);

/// <summary>
/// Invitations by e-mail to people who are not members yet: at most one mail per address per 30 days whoever
/// invites, never to an address that unsubscribed, and the inviter's contact request waiting when the person joins.
/// </summary>
public class InvitationService(AppDbContext db, IMailOutbox outbox, TimeProvider time, ContactService contacts,
    IDataProtectionProvider protection)
{
    // Serialises invitation batches across app instances, so two inviters cannot both mail one address at once.
    private const long InvitationLockKey = 0x1C0_17A7E;

    private IDataProtector Protector => protection.CreateProtector("NetworkPlatform.ContactImport.Unsubscribe");

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>SHA-256 of the lower-case address, as hex: how an opt-out is kept.</summary>
    public static string Hash(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(email))));

    /// <summary>The signed token of an unsubscribe link; it does not expire.</summary>
    public string UnsubscribeToken(string email) => Protector.Protect(Normalize(email));

    /// <summary>The address a token was made for, or null for a token that is not ours (cut short, altered).</summary>
    public string? EmailFromToken(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000)
            return null;
        try
        {
            return Protector.Unprotect(token.Trim());
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Invites <paramref name="emails"/> for <paramref name="inviterId"/>: records a pending invitation for each
    /// address that may be invited and mails those that were not mailed in the last 30 days.
    /// <para>
    /// An address that belongs to an account reaches this only when the import showed it as "not a member": a member
    /// who does not want to be found by it, who is in a block with the inviter or whose deletion is pending, or an
    /// account not confirmed yet. It is handled exactly like any other address (recorded, counted, the 30-day rule
    /// and the daily cap applied), so that nothing the inviter sees, now or in a later import, tells it apart; only
    /// the mail is left out. An account that confirms later finds the inviter's request waiting, as anyone invited.
    /// </para>
    /// </summary>
    public async Task<InvitationCounts> InviteAsync(Guid inviterId, string? culture, IReadOnlyList<string> emails,
        CancellationToken ct = default)
    {
        var addresses = emails.Select(Normalize).Where(ContactFile.IsValidEmail).Distinct().ToList();
        if (addresses.Count == 0)
            return new InvitationCounts(0, emails.Count);
        var inviter = await db.Users.Where(u => u.Id == inviterId)
            .Select(u => new { u.FirstName, u.LastName, u.Culture }).SingleAsync(ct);
        var now = time.GetUtcNow();
        var since = now - ContactInvitation.MailInterval;
        var hashes = addresses.ToDictionary(a => a, Hash);
        var hashList = hashes.Values.ToList();
        var upper = addresses.Select(a => a.ToUpperInvariant()).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({InvitationLockKey})", ct);
        var optedOut = (await db.InvitationOptOuts.Where(o => hashList.Contains(o.EmailHash)).Select(o => o.EmailHash)
            .ToListAsync(ct)).ToHashSet();
        var accounts = (await db.Users.Where(u => u.NormalizedEmail != null && upper.Contains(u.NormalizedEmail))
            .Select(u => u.NormalizedEmail!).ToListAsync(ct)).ToHashSet();
        var recent = (await db.ContactInvitations.Where(i => addresses.Contains(i.Email) && i.MailedAt > since)
            .Select(i => i.Email).Distinct().ToListAsync(ct)).ToHashSet();
        var mine = await db.ContactInvitations.Where(i => i.InviterId == inviterId && addresses.Contains(i.Email))
            .ToDictionaryAsync(i => i.Email, ct);
        var dayAgo = now.AddDays(-1);
        var allowance = ContactInvitation.MaxMailsPerDay -
                        await db.ContactInvitations.CountAsync(i => i.InviterId == inviterId && i.MailedAt > dayAgo, ct);

        var lang = culture ?? inviter.Culture;
        var inviterName = $"{inviter.FirstName} {inviter.LastName}".Trim();
        int sent = 0, notSent = emails.Count - addresses.Count;
        foreach (var address in addresses)
        {
            if (optedOut.Contains(hashes[address]))
            {
                notSent++;
                continue;
            }
            var mail = !recent.Contains(address);
            if (mail && allowance <= 0)
            {
                notSent++;
                continue;
            }
            if (!mine.TryGetValue(address, out var invitation))
            {
                invitation = new ContactInvitation { Id = Guid.CreateVersion7(now), InviterId = inviterId, Email = address };
                db.ContactInvitations.Add(invitation);
            }
            invitation.CreatedAt = now;
            if (!mail)
            {
                notSent++;
                continue;
            }
            invitation.MailedAt = now;
            recent.Add(address);
            allowance--;
            sent++;
            // Already an account: an invitation to join would be wrong, and the inviter must not learn why none went.
            if (accounts.Contains(address.ToUpperInvariant()))
                continue;
            outbox.Add(MailKind.Invitation, address, null, lang, new Dictionary<string, string>
            {
                ["InviterName"] = inviterName,
                ["RegisterLink"] = outbox.Link("/account/register"),
                ["UnsubscribeLink"] = outbox.Link("/invitations/unsubscribe?token=" +
                                                  Uri.EscapeDataString(UnsubscribeToken(address))),
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new InvitationCounts(sent, notSent);
    }

    /// <summary>No invitation to this address again; pending ones are dropped. Repeating it changes nothing.</summary>
    public async Task UnsubscribeAsync(string email, CancellationToken ct = default)
    {
        var address = Normalize(email);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "InvitationOptOuts" ("EmailHash", "CreatedAt") VALUES ({Hash(address)}, {time.GetUtcNow()})
            ON CONFLICT DO NOTHING
            """, ct);
        await db.ContactInvitations.Where(i => i.Email == address).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// A new member confirmed their address: each pending invitation to it becomes the inviter's contact request
    /// (queued if the inviter is at the daily limit), and the invitations are gone.
    /// </summary>
    public async Task RedeemAsync(AppUser member, CancellationToken ct = default)
    {
        if (member.Email is null)
            return;
        var address = Normalize(member.Email);
        var inviters = await db.ContactInvitations.Where(i => i.Email == address)
            .OrderBy(i => i.CreatedAt).Select(i => i.InviterId).ToListAsync(ct);
        foreach (var inviter in inviters.Where(i => i != member.Id))
            await ContactImportService.RequestOrQueueAsync(db, contacts, time, inviter, member.Id, ct);
        await db.ContactInvitations.Where(i => i.Email == address).ExecuteDeleteAsync(ct);
    }
}
