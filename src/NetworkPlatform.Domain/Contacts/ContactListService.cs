using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Domain.Contacts;

public enum ContactSort
{
    Name,
    Recent,
    Company,
}

public record ContactListItem(Guid UserId, string FirstName, string LastName, string? Slug, Guid? PhotoFileId,
    string? Headline, string? Employer, DateTimeOffset Since, IReadOnlyList<string> Tags, string? Note);

public record ContactListPage(IReadOnlyList<ContactListItem> Items, int Total, int Page, int PageSize,
    IReadOnlyList<string> OwnTags)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public record BlockedMember(Guid UserId, string FirstName, string LastName, DateTimeOffset Since);

/// <summary>The member's own contact list with its private tags and notes.</summary>
public class ContactListService(AppDbContext db)
{
    public const int PageSize = 20;

    public async Task<ContactListPage> ListAsync(Guid me, string? query, ContactSort sort, string? tag, int page,
        CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var rows = from c in db.Contacts.AsNoTracking()
                   where c.UserId == me
                   join u in db.Users on c.ContactUserId equals u.Id
                   where u.DeletionRequestedAt == null
                   join p in db.Profiles on u.Id equals p.UserId into profiles
                   from p in profiles.DefaultIfEmpty()
                   select new { c, u, p };
        if (!string.IsNullOrWhiteSpace(query))
        {
            var pattern = "%" + query.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = rows.Where(x => EF.Functions.ILike(x.u.FirstName + " " + x.u.LastName, pattern) ||
                                   EF.Functions.ILike(x.p.Employer ?? "", pattern));
        }
        if (!string.IsNullOrWhiteSpace(tag))
            rows = rows.Where(x => x.c.Tags.Contains(tag));

        var total = await rows.CountAsync(ct);
        rows = sort switch
        {
            ContactSort.Recent => rows.OrderByDescending(x => x.c.CreatedAt).ThenBy(x => x.u.LastName),
            ContactSort.Company => rows.OrderBy(x => x.p.Employer == null).ThenBy(x => x.p.Employer)
                .ThenBy(x => x.u.LastName).ThenBy(x => x.u.FirstName),
            _ => rows.OrderBy(x => x.u.LastName).ThenBy(x => x.u.FirstName),
        };
        var items = await rows.Skip((page - 1) * PageSize).Take(PageSize)
            .Select(x => new ContactListItem(x.u.Id, x.u.FirstName, x.u.LastName, x.p.Slug, x.p.PhotoSmallFileId,
                x.p.Headline, x.p.Employer, x.c.CreatedAt, x.c.Tags, x.c.Note))
            .ToListAsync(ct);
        var ownTags = await OwnTagsAsync(me, ct);
        return new ContactListPage(items, total, page, PageSize, ownTags);
    }

    /// <summary>The member's own tags (not the built-in ones), as used on their contacts, sorted.</summary>
    public async Task<IReadOnlyList<string>> OwnTagsAsync(Guid me, CancellationToken ct = default) =>
        (await db.Database.SqlQuery<string>($"""
            SELECT DISTINCT t AS "Value" FROM "Contacts", unnest("Tags") AS t
            WHERE "UserId" = {me} AND left(t, 1) <> '#'
            ORDER BY 1
            """).ToListAsync(ct));

    public async Task<ContactListItem> GetAsync(Guid me, Guid other, CancellationToken ct = default) =>
        await (from c in db.Contacts.AsNoTracking()
               where c.UserId == me && c.ContactUserId == other
               join u in db.Users on c.ContactUserId equals u.Id
               join p in db.Profiles on u.Id equals p.UserId into profiles
               from p in profiles.DefaultIfEmpty()
               select new ContactListItem(u.Id, u.FirstName, u.LastName, p.Slug, p.PhotoSmallFileId, p.Headline,
                   p.Employer, c.CreatedAt, c.Tags, c.Note)).SingleOrDefaultAsync(ct)
           ?? throw new NotFoundException();

    /// <summary>Tags and note on the member's own side of a contact; another member's contact is not found.</summary>
    public async Task UpdateAsync(Guid me, Guid other, IEnumerable<string?> builtInTags, string? ownTags, string? note,
        CancellationToken ct = default)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.UserId == me && c.ContactUserId == other, ct)
            ?? throw new NotFoundException();
        var chosen = builtInTags.Where(t => t is not null && BuiltInTags.All.Contains(t)).Select(t => t!);
        var own = MemberProfile.CleanTags((ownTags ?? "").Split(',', '\n'), Contact.MaxTags)
            .Select(t => t.TrimStart('#')).Where(t => t.Length > 0);
        contact.Tags = chosen.Concat(own).Distinct(StringComparer.OrdinalIgnoreCase).Take(Contact.MaxTags).ToList();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > Contact.NoteMaxLength })
            throw new DomainException("Contacts.NoteTooLong");
        if (TextRules.HasControlCharacters(note, multiLine: true))
            throw new DomainException(TextRules.ControlCharactersMultiLineKey);
        contact.Note = note;
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<BlockedMember>> BlockedAsync(Guid me, CancellationToken ct = default) =>
        await (from b in db.MemberBlocks.AsNoTracking()
               where b.BlockerId == me
               join u in db.Users on b.BlockedId equals u.Id
               orderby u.LastName, u.FirstName
               select new BlockedMember(u.Id, u.FirstName, u.LastName, b.CreatedAt)).ToListAsync(ct);
}
