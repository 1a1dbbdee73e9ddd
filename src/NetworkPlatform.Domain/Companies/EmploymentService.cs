using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Email;
using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Domain.Companies;

/// <summary>
/// A member's positions linked to company pages, and confirmed employment: a link mailed to an address at one of the
/// company's domains proves the member works there. The link is signed (Data Protection) and carries its expiry,
/// checked against <see cref="TimeProvider"/>; the address is not kept, only the domain and the date.
/// </summary>
public class EmploymentService(AppDbContext db, TimeProvider time, IDataProtectionProvider protection, IMailOutbox outbox)
{
    public const int ChoiceLimit = 10;
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(3);

    private IDataProtector Protector => protection.CreateProtector("NetworkPlatform.Companies.ConfirmEmployment.v1");

    /// <summary>Visible pages whose name contains the text: the "pick the company" step when editing a position.</summary>
    public async Task<IReadOnlyList<CompanyLink>> ChoicesAsync(string? name, CancellationToken ct = default)
    {
        var text = (name ?? "").Trim();
        if (text.Length < 2)
            return [];
        var pattern = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        return await db.CompanyPages.AsNoTracking()
            .Where(c => c.TakenDownAt == null && EF.Functions.ILike(c.Name, pattern))
            .OrderByDescending(c => c.EmployeeCount).ThenBy(c => c.Name)
            .Take(ChoiceLimit)
            .Select(c => new CompanyLink(c.Id, c.Slug, c.Name, c.LogoFileId, c.VerifiedAt != null, false))
            .ToListAsync(ct);
    }

    /// <summary>One of the member's own experience entries with its company, or null.</summary>
    public async Task<PositionRow?> PositionAsync(Guid me, Guid entryId, CancellationToken ct = default)
    {
        var row = await (from e in db.ProfileEntries.AsNoTracking()
                         where e.Id == entryId && e.UserId == me && e.Kind == EntryKind.Experience
                         join c in db.CompanyPages on e.CompanyId equals c.Id into linked
                         from c in linked.DefaultIfEmpty()
                         select new
                         {
                             e.Id, e.Title, e.Organisation, e.IsCurrent, e.CompanyId, e.EmploymentConfirmedAt,
                             e.ConfirmedDomain, CompanyName = c == null ? null : c.Name,
                             CompanySlug = c == null ? null : c.Slug, Domains = c == null ? null : c.EmailDomains,
                         })
            .SingleOrDefaultAsync(ct);
        return row is null
            ? null
            : new PositionRow(row.Id, row.Title, row.Organisation, row.IsCurrent, row.CompanyId, row.CompanyName,
                row.CompanySlug, row.Domains ?? [], row.EmploymentConfirmedAt, row.ConfirmedDomain);
    }

    /// <summary>
    /// Links the position to a page (its name becomes the entry's organisation) or unlinks it (null; the name stays as
    /// free text). A new company clears an earlier confirmation. Both pages' employee counts are recounted.
    /// </summary>
    public async Task LinkAsync(Guid me, Guid entryId, Guid? companyId, CancellationToken ct = default)
    {
        var entry = await db.ProfileEntries.SingleOrDefaultAsync(
                        e => e.Id == entryId && e.UserId == me && e.Kind == EntryKind.Experience, ct)
                    ?? throw new NotFoundException();
        var old = entry.CompanyId;
        if (companyId is { } id)
        {
            var name = await db.CompanyPages.Where(c => c.Id == id && c.TakenDownAt == null).Select(c => c.Name)
                           .SingleOrDefaultAsync(ct)
                       ?? throw new NotFoundException();
            entry.Organisation = name.Length > ProfileEntry.TitleMaxLength ? name[..ProfileEntry.TitleMaxLength] : name;
        }
        entry.CompanyId = companyId;
        if (old != companyId)
        {
            entry.EmploymentConfirmedAt = null;
            entry.ConfirmedDomain = null;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await RecountEmployeesAsync(db, [old, companyId], ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Mails a confirmation link to the work address, in the member's language, if its domain is one of the company's.
    /// </summary>
    /// <exception cref="FormInputException">at WorkEmail: no address, or a domain the company does not list</exception>
    public async Task RequestConfirmationAsync(Guid me, Guid entryId, string? workEmail, CancellationToken ct = default)
    {
        var position = await PositionAsync(me, entryId, ct) ?? throw new NotFoundException();
        if (position.CompanyId is null)
            throw new NotFoundException();
        var email = workEmail?.Trim() ?? "";
        if (email.Length is 0 or > 256 || TextRules.HasControlCharacters(email) || !new EmailAddressAttribute().IsValid(email))
            FormText.Throw([new("WorkEmail", "Employment.EmailInvalid")]);
        if (CompanyPage.MatchingDomain(position.CompanyDomains, email) is not { } domain)
        {
            FormText.Throw([new("WorkEmail", "Employment.DomainNotListed", string.Join(", ", position.CompanyDomains))]);
            return;
        }
        var user = await db.Users.SingleAsync(u => u.Id == me, ct);
        var expires = time.GetUtcNow().Add(LinkLifetime).ToUnixTimeSeconds();
        var token = Protector.Protect($"{entryId:N}|{me:N}|{position.CompanyId:N}|{domain}|{expires}");
        outbox.Add(MailKind.ConfirmEmployment, user, new Dictionary<string, string>
        {
            ["Company"] = position.CompanyName!,
            ["Position"] = position.Title,
            ["Days"] = LinkLifetime.TotalDays.ToString(CultureInfo.InvariantCulture),
            ["Link"] = outbox.Link($"/profile/employment/confirm?token={Uri.EscapeDataString(token)}"),
        }, toAddress: email);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Confirms the position the link names, if the link is genuine, not expired, and the entry is still linked to
    /// the same company by the same member. Returns the company's slug, or null for a link that does not work.
    /// </summary>
    public async Task<string?> ConfirmAsync(string? token, CancellationToken ct = default)
    {
        string payload;
        try
        {
            payload = Protector.Unprotect((token ?? "").Trim());
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('|');
        if (parts.Length != 5 || !Guid.TryParse(parts[0], out var entryId) || !Guid.TryParse(parts[1], out var userId) ||
            !Guid.TryParse(parts[2], out var companyId) ||
            !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
            return null;
        var now = time.GetUtcNow();
        if (now.ToUnixTimeSeconds() > expires)
            return null;
        var entry = await db.ProfileEntries.SingleOrDefaultAsync(
            e => e.Id == entryId && e.UserId == userId && e.CompanyId == companyId, ct);
        var slug = await db.CompanyPages.Where(c => c.Id == companyId).Select(c => c.Slug).SingleOrDefaultAsync(ct);
        if (entry is null || slug is null)
            return null;
        entry.EmploymentConfirmedAt = now;
        entry.ConfirmedDomain = parts[3];
        await db.SaveChangesAsync(ct);
        return slug;
    }

    /// <summary>
    /// Sets each page's employee count to its members with a current position there (visible accounts only).
    /// </summary>
    public static async Task RecountEmployeesAsync(AppDbContext db, IEnumerable<Guid?> companies, CancellationToken ct)
    {
        var ids = companies.OfType<Guid>().Distinct().ToArray();
        if (ids.Length == 0)
            return;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "CompanyPages" c SET "EmployeeCount" = (
                SELECT count(DISTINCT e."UserId") FROM "ProfileEntries" e
                JOIN "AspNetUsers" u ON u."Id" = e."UserId" AND u."DeletionRequestedAt" IS NULL
                WHERE e."CompanyId" = c."Id" AND e."IsCurrent")
            WHERE c."Id" = ANY ({ids})
            """, ct);
    }
}

/// <summary>A member's position with the company page it is linked to, as the employment page shows it.</summary>
public sealed record PositionRow(Guid Id, string Title, string Organisation, bool IsCurrent, Guid? CompanyId,
    string? CompanyName, string? CompanySlug, List<string> CompanyDomains, DateTimeOffset? ConfirmedAt,
    string? ConfirmedDomain);
