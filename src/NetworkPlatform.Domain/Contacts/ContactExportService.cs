using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Domain.Contacts;

/// <summary>One contact as the exporting member may see them (GDPR Art. 20(4): the contact's rights come first).</summary>
public sealed record ExportedContact(
    Guid UserId, string Slug, ProfileName Name, string? Employer, string? Position, string? Headline,
    IReadOnlyList<ContactDetail> Details, IReadOnlyList<string> Links, Guid? PhotoFileId, DateTimeOffset ConnectedOn)
{
    /// <summary>
    /// The e-mail address the export carries: the contact's business e-mail when this member may see it. The account
    /// (login) e-mail is never exported: it has no visibility setting, and the member never chose to share it.
    /// </summary>
    public string? Email => Details.FirstOrDefault(d => d.Field == ContactField.BusinessEmail)?.Value;
}

/// <summary>
/// The member's confirmed contacts for the vCard and CSV export: two queries however many contacts there are (the
/// contacts with their profiles, then all their links), and every detail passes <see cref="ProfileAccess"/> with the
/// member as a contact, exactly as on each contact's profile page.
/// </summary>
public class ContactExportService(AppDbContext db)
{
    public async Task<IReadOnlyList<ExportedContact>> ContactsAsync(Guid me, CancellationToken ct = default)
    {
        var rows = await (from c in db.Contacts.AsNoTracking()
                          where c.UserId == me
                          join u in db.Users on c.ContactUserId equals u.Id
                          join p in db.Profiles on u.Id equals p.UserId
                          orderby u.LastName, u.FirstName, u.Id
                          select new ContactRow(
                              u.Id, p.Slug, u.FirstName, u.LastName, p.AcademicTitle, p.Headline, p.Position,
                              p.Employer, p.PhotoFileId, c.CreatedAt,
                              p.Phone, p.PhoneVisibility, p.Mobile, p.MobileVisibility, p.BusinessEmail,
                              p.BusinessEmailVisibility, p.Address, p.AddressVisibility, p.Birthday,
                              p.BirthdayVisibility,
                              db.MemberBlocks.Any(b => (b.BlockerId == u.Id && b.BlockedId == me) ||
                                                       (b.BlockerId == me && b.BlockedId == u.Id))))
            .ToListAsync(ct);
        var links = (await (from l in db.ProfileLinks.AsNoTracking()
                            where db.Contacts.Any(c => c.UserId == me && c.ContactUserId == l.UserId)
                            orderby l.UserId, l.Position, l.Title
                            select new { l.UserId, l.Url }).ToListAsync(ct))
            .ToLookup(l => l.UserId, l => l.Url);

        return rows.Select(r =>
        {
            // The same rule as the profile page: a member in a block (either way) sees what the public web sees.
            var viewer = r.Blocked ? ViewerRelation.Anonymous : ProfileAccess.RelationOf(r.UserId, me, isContact: true);
            var details = new ContactDetailValues(r.Phone, r.PhoneVisibility, r.Mobile, r.MobileVisibility,
                r.BusinessEmail, r.BusinessEmailVisibility, r.Address, r.AddressVisibility, r.Birthday,
                r.BirthdayVisibility).VisibleTo(viewer);
            return new ExportedContact(r.UserId, r.Slug, new ProfileName(r.FirstName, r.LastName, r.AcademicTitle),
                r.Employer, r.Position, r.Headline, details,
                links[r.UserId].Where(ProfileLink.IsAllowedUrl).ToList(), r.PhotoFileId, r.ConnectedOn);
        }).ToList();
    }

    private sealed record ContactRow(
        Guid UserId, string Slug, string FirstName, string LastName, string? AcademicTitle, string? Headline,
        string? Position, string? Employer, Guid? PhotoFileId, DateTimeOffset ConnectedOn,
        string? Phone, FieldVisibility PhoneVisibility, string? Mobile, FieldVisibility MobileVisibility,
        string? BusinessEmail, FieldVisibility BusinessEmailVisibility, string? Address,
        FieldVisibility AddressVisibility, DateOnly? Birthday, FieldVisibility BirthdayVisibility, bool Blocked);
}
