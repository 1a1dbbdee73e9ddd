using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Profiles;
using static NetworkPlatform.Domain.Privacy.Sections.AccountSection;

namespace NetworkPlatform.Domain.Privacy.Sections;

/// <summary>
/// Contacts with the member's own tags and notes, requests sent and received, blocks and dismissed suggestions.
/// Of each contact only what that contact lets this member see (<see cref="ProfileAccess"/> as a contact, the same
/// rule as their profile page); members whose deletion is pending are left out, as everywhere else.
/// </summary>
public class ContactsSection(AppDbContext db) : IPersonalDataSection
{
    public int Order => 30;

    public async Task WriteAsync(Guid userId, IPersonalDataArchive archive, CancellationToken ct)
    {
        var contacts = await (from c in db.Contacts.AsNoTracking()
                              where c.UserId == userId
                              join u in db.Users on c.ContactUserId equals u.Id
                              where u.DeletionRequestedAt == null
                              join p in db.Profiles on u.Id equals p.UserId into ps
                              from p in ps.DefaultIfEmpty()
                              orderby u.LastName, u.FirstName
                              select new
                              {
                                  u.FirstName, u.LastName, p.AcademicTitle, p.Slug, p.Headline, p.Position, p.Employer,
                                  p.City, p.Country, p.Phone, p.PhoneVisibility, p.Mobile, p.MobileVisibility,
                                  p.BusinessEmail, p.BusinessEmailVisibility, p.Address, p.AddressVisibility,
                                  p.Birthday, p.BirthdayVisibility, c.CreatedAt, c.Tags, c.Note,
                              }).ToListAsync(ct);
        const ViewerRelation me = ViewerRelation.Contact;
        string? Seen(string? value, FieldVisibility visibility) =>
            ProfileAccess.CanSee(visibility, me) ? value : null;
        await archive.AddCsvAsync("contacts/contacts.csv",
            ["first_name", "last_name", "academic_title", "profile", "headline", "position", "employer", "city",
             "country", "phone", "mobile", "business_email", "address", "birthday", "contact_since", "your_tags",
             "your_note"],
            contacts.Select(c => (IReadOnlyList<string?>)[
                c.FirstName, c.LastName, c.AcademicTitle, c.Slug is null ? null : "/p/" + c.Slug, c.Headline,
                c.Position, c.Employer, c.City, c.Country,
                Seen(c.Phone, c.PhoneVisibility), Seen(c.Mobile, c.MobileVisibility),
                Seen(c.BusinessEmail, c.BusinessEmailVisibility), Seen(c.Address, c.AddressVisibility),
                Seen(c.Birthday is { } b ? Iso(b) : null, c.BirthdayVisibility),
                Iso(c.CreatedAt), string.Join("; ", c.Tags), c.Note]),
            "Your contacts: name, profile address and what each contact shows their contacts (contact details they " +
            "keep to themselves are empty), since when you are connected, and your own tags (built-in ones start " +
            "with #) and private note, which only you see.", ct);

        var requests = await (from r in db.ContactRequests.AsNoTracking()
                              where r.FromUserId == userId || r.ToUserId == userId
                              let otherId = r.FromUserId == userId ? r.ToUserId : r.FromUserId
                              join u in db.Users on otherId equals u.Id
                              where u.DeletionRequestedAt == null
                              orderby r.CreatedAt
                              select new { Sent = r.FromUserId == userId, u.FirstName, u.LastName, r.Message, r.CreatedAt, r.DeclinedAt })
            .ToListAsync(ct);
        await archive.AddCsvAsync("contacts/requests-sent.csv", ["to_first_name", "to_last_name", "message", "sent_at"],
            requests.Where(r => r.Sent).Select(r => (IReadOnlyList<string?>)[r.FirstName, r.LastName, r.Message, Iso(r.CreatedAt)]),
            "Contact requests you sent that are still open, with your message.", ct);
        await archive.AddCsvAsync("contacts/requests-received.csv",
            ["from_first_name", "from_last_name", "message", "received_at", "declined_at"],
            requests.Where(r => !r.Sent).Select(r => (IReadOnlyList<string?>)[r.FirstName, r.LastName, r.Message,
                Iso(r.CreatedAt), Iso(r.DeclinedAt)]),
            "Contact requests you received that are open or that you declined (the sender is not told), with the " +
            "sender's message.", ct);

        var blocks = await (from b in db.MemberBlocks.AsNoTracking()
                            where b.BlockerId == userId
                            join u in db.Users on b.BlockedId equals u.Id
                            orderby b.CreatedAt
                            select new { u.FirstName, u.LastName, b.CreatedAt }).ToListAsync(ct);
        await archive.AddCsvAsync("contacts/blocked-members.csv", ["first_name", "last_name", "blocked_at"],
            blocks.Select(b => (IReadOnlyList<string?>)[b.FirstName, b.LastName, Iso(b.CreatedAt)]),
            "Members you blocked. (Whether someone blocked you is not shown, here or in the network.)", ct);

        var dismissed = await (from d in db.DismissedSuggestions.AsNoTracking()
                               where d.UserId == userId
                               join u in db.Users on d.DismissedUserId equals u.Id
                               where u.DeletionRequestedAt == null
                               orderby d.CreatedAt
                               select new { u.FirstName, u.LastName, d.CreatedAt }).ToListAsync(ct);
        await archive.AddCsvAsync("contacts/dismissed-suggestions.csv", ["first_name", "last_name", "dismissed_at"],
            dismissed.Select(d => (IReadOnlyList<string?>)[d.FirstName, d.LastName, Iso(d.CreatedAt)]),
            "Members you removed from \"people you may know\".", ct);
    }
}
