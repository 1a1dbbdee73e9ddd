using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Domain.Profiles;
using static NetworkPlatform.Domain.Privacy.Sections.AccountSection;

namespace NetworkPlatform.Domain.Privacy.Sections;

/// <summary>The member's own profile, complete: every field with its visibility, the lists, documents and photo as uploaded.</summary>
public class ProfileSection(AppDbContext db, IFileStore files) : IPersonalDataSection
{
    public int Order => 20;

    public async Task WriteAsync(Guid userId, IPersonalDataArchive archive, CancellationToken ct)
    {
        var p = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(x => x.UserId == userId, ct);
        if (p is null)
            return;
        var oldAddresses = await db.ProfileSlugRedirects.AsNoTracking().Where(r => r.UserId == userId)
            .OrderBy(r => r.Slug).Select(r => r.Slug).ToListAsync(ct);

        await archive.AddJsonAsync("profile/profile.json", new
        {
            Address = "/p/" + p.Slug,
            OldAddresses = oldAddresses.Select(s => "/p/" + s),
            p.AcademicTitle,
            p.Headline,
            p.Position,
            p.Employer,
            p.City,
            p.Country,
            Industry = p.IndustryCode,
            p.Summary,
            p.Skills,
            Offers = p.Haves,
            LookingFor = p.Wants,
            p.Interests,
            WhoMayOpenTheProfile = p.Audience,
            p.AllowSearchEngines,
            p.ShowMeAsVisitor,
            MembersWithYourEmailAddressCanFindYou = p.FindableByEmail,
            WhoMaySeeYourContactList = p.ContactListVisibility,
            ContactDetails = new
            {
                Phone = Detail(p.Phone, p.PhoneVisibility),
                Mobile = Detail(p.Mobile, p.MobileVisibility),
                BusinessEmail = Detail(p.BusinessEmail, p.BusinessEmailVisibility),
                PostalAddress = Detail(p.Address, p.AddressVisibility),
                Birthday = Detail(p.Birthday is { } b ? Iso(b) : null, p.BirthdayVisibility),
            },
            p.CreatedAt,
            p.UpdatedAt,
        }, "Your profile: its address, every field, who may open it, your privacy settings, and each contact detail " +
           "with who may see it (OnlyMe, Contacts, Members, Everyone).", ct);

        var entries = await db.ProfileEntries.AsNoTracking().Where(e => e.UserId == userId)
            .OrderBy(e => e.Kind).ThenByDescending(e => e.StartMonth).ToListAsync(ct);
        string[] entryHeader = ["title", "organisation", "start_month", "end_month", "current", "description",
            "employment_confirmed_at", "confirmed_domain"];
        IReadOnlyList<string?> EntryRow(ProfileEntry e) =>
            [e.Title, e.Organisation, Month(e.StartMonth), e.EndMonth is { } m ? Month(m) : null,
             e.IsCurrent ? "yes" : "no", e.Description, Iso(e.EmploymentConfirmedAt), e.ConfirmedDomain];
        await archive.AddCsvAsync("profile/experience.csv", entryHeader,
            entries.Where(e => e.Kind == EntryKind.Experience).Select(EntryRow),
            "Your work experience: position, organisation, from and to (year-month), whether current, description, " +
            "and when you confirmed the employment with an address at which company domain.", ct);
        await archive.AddCsvAsync("profile/education.csv", entryHeader,
            entries.Where(e => e.Kind == EntryKind.Education).Select(EntryRow),
            "Your education: degree, school, from and to (year-month), whether current, description.", ct);

        var languages = await db.ProfileLanguages.AsNoTracking().Where(l => l.UserId == userId)
            .OrderByDescending(l => l.Level).ThenBy(l => l.Name).ToListAsync(ct);
        await archive.AddCsvAsync("profile/languages.csv", ["language", "level"],
            languages.Select(l => (IReadOnlyList<string?>)[l.Name, l.Level.ToString()]),
            "The languages you speak with your level (A1 to C2, Native).", ct);

        var links = await db.ProfileLinks.AsNoTracking().Where(l => l.UserId == userId)
            .OrderBy(l => l.Position).ToListAsync(ct);
        await archive.AddCsvAsync("profile/links.csv", ["title", "url"],
            links.Select(l => (IReadOnlyList<string?>)[l.Title, l.Url]),
            "The web links on your profile, in their order.", ct);

        var documents = await db.ProfileDocuments.AsNoTracking().Where(d => d.UserId == userId)
            .OrderBy(d => d.CreatedAt).ToListAsync(ct);
        var rows = new List<IReadOnlyList<string?>>();
        var n = 0;
        foreach (var d in documents)
        {
            n++;
            var path = $"profile/documents/{n:00}-{SafeName(d.DisplayName)}";
            rows.Add([path, d.Title, d.Kind.ToString(), d.Visibility.ToString(), d.DisplayName, d.ContentType,
                d.Size.ToString(CultureInfo.InvariantCulture), Iso(d.CreatedAt)]);
            if (await files.GetAsync(d.FileId, ct) is { } file)
                await archive.AddFileAsync(path, file.Content, $"Your document \"{d.Title}\", as you uploaded it.", ct);
        }
        await archive.AddCsvAsync("profile/documents.csv",
            ["file", "title", "kind", "visibility", "uploaded_name", "content_type", "bytes", "uploaded_at"], rows,
            "Your profile documents (certificates, references, ...): the file in this archive, title, kind, who may " +
            "see it, and when you uploaded it.", ct);

        if (p.PhotoFileId is { } photoId && await files.GetAsync(photoId, ct) is { } photo)
        {
            var ext = FileType.FromContentType(photo.ContentType)?.Extension ?? ".bin";
            await archive.AddFileAsync("profile/photo" + ext, photo.Content,
                "Your profile photo, as stored (400 × 400 pixels when the server resizes photos).", ct);
        }
    }

    private static object? Detail(string? value, FieldVisibility visibility) =>
        string.IsNullOrWhiteSpace(value) ? null : new { Value = value, Visibility = visibility.ToString() };

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The display name is already cleaned (no folders, no control characters); a ZIP path needs no more.</summary>
    private static string SafeName(string displayName)
    {
        var name = FileNames.ForDisplay(displayName).Replace('/', '_').Replace('\\', '_');
        return name.Trim('.', ' ') is { Length: > 0 } s ? s : FileNames.Fallback;
    }
}
