using Microsoft.EntityFrameworkCore;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>
/// A profile as one viewer may see it: the page at /p/{slug}, its vCard, and later the API read from here. Every
/// contact detail and document passes <see cref="ProfileAccess"/> before it enters the result, so nothing a viewer
/// may not see ever reaches a view.
/// </summary>
public class ProfileViewService(AppDbContext db, ProfileDocumentService documentsService)
{
    /// <summary>
    /// The profile behind <paramref name="slug"/> for <paramref name="viewerId"/> (null: not logged in). Costs the
    /// same number of queries however many entries the profile has: one for the profile with the member's name, one
    /// each for entries, languages, links and documents (none of those four when the viewer may not open it).
    /// </summary>
    public async Task<ProfileLookup> GetAsync(string slug, Guid? viewerId, CancellationToken ct = default)
    {
        slug = (slug ?? "").Trim().ToLowerInvariant();
        if (!MemberProfile.IsValidSlug(slug))
            return ProfileLookup.NotFound;

        var row = await db.Profiles.AsNoTracking()
            .Where(p => p.Slug == slug)
            // A member whose deletion is pending is gone for everyone else (MemberVisibility).
            .Where(p => p.User.DeletionRequestedAt == null || p.UserId == viewerId)
            .Select(p => new ProfileRow(
                p.UserId, p.Slug, p.User.FirstName, p.User.LastName, p.AcademicTitle, p.Headline, p.Position,
                p.Employer, p.City, p.Country, p.IndustryCode, p.Summary, p.Skills, p.Haves, p.Wants, p.Interests,
                p.Audience, p.AllowSearchEngines, p.PhotoFileId,
                p.Phone, p.PhoneVisibility, p.Mobile, p.MobileVisibility, p.BusinessEmail, p.BusinessEmailVisibility,
                p.Address, p.AddressVisibility, p.Birthday, p.BirthdayVisibility,
                viewerId != null && db.Contacts.Any(c => c.UserId == p.UserId && c.ContactUserId == viewerId),
                viewerId != null && db.MemberBlocks.Any(b => (b.BlockerId == p.UserId && b.BlockedId == viewerId) ||
                                                             (b.BlockerId == viewerId && b.BlockedId == p.UserId))))
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            var current = await db.ProfileSlugRedirects.AsNoTracking()
                .Where(r => r.Slug == slug)
                .Join(db.Profiles, r => r.UserId, p => p.UserId, (r, p) => p.Slug)
                .SingleOrDefaultAsync(ct);
            return current is null ? ProfileLookup.NotFound : ProfileLookup.MovedTo(current);
        }

        // A member in a block with the owner (either way) sees only what the public web sees.
        var viewer = ProfileAccess.RelationOf(row.UserId, viewerId, row.IsContact, row.Blocked);
        if (row.Blocked && row.Audience != ProfileAudience.Public)
            return ProfileLookup.NotFound;
        var name = new ProfileName(row.FirstName, row.LastName, row.AcademicTitle);
        if (!ProfileAccess.CanOpen(row.Audience, viewer))
            return ProfileLookup.LoginRequired(new ProfileTeaser(row.UserId, row.Slug, name));

        var entries = await db.ProfileEntries.AsNoTracking()
            .Where(e => e.UserId == row.UserId)
            .OrderByDescending(e => e.IsCurrent)
            .ThenByDescending(e => e.EndMonth ?? e.StartMonth)
            .ThenByDescending(e => e.StartMonth)
            .ThenBy(e => e.Id)
            .Select(e => new ProfileEntryView(e.Id, e.Kind, e.Title, e.Organisation, e.StartMonth, e.EndMonth,
                e.IsCurrent, e.Description))
            .ToListAsync(ct);
        var languages = await db.ProfileLanguages.AsNoTracking()
            .Where(l => l.UserId == row.UserId)
            .OrderByDescending(l => l.Level).ThenBy(l => l.Name)
            .Select(l => new ProfileLanguageView(l.Name, l.Level))
            .ToListAsync(ct);
        var links = await db.ProfileLinks.AsNoTracking()
            .Where(l => l.UserId == row.UserId)
            .OrderBy(l => l.Position).ThenBy(l => l.Title)
            .Select(l => new ProfileLinkView(l.Title, l.Url))
            .ToListAsync(ct);
        var documents = await documentsService.VisibleDocumentsAsync(row.UserId, viewer, ct);

        return ProfileLookup.Found(new ProfileView(
            row.UserId, row.Slug, name, row.Headline, row.Position, row.Employer, row.City, row.Country,
            row.IndustryCode, row.Summary, row.Skills, row.Haves, row.Wants, row.Interests,
            row.Audience, row.AllowSearchEngines, row.PhotoFileId, viewer,
            VisibleContactDetails(row, viewer),
            entries.Where(e => e.Kind == EntryKind.Experience).ToList(),
            entries.Where(e => e.Kind == EntryKind.Education).ToList(),
            languages,
            // Stored links were checked when they were saved; checked again here, so a row written some other way
            // can never put a javascript: address on the page.
            links.Where(l => ProfileLink.IsAllowedUrl(l.Url)).ToList(),
            documents));
    }

    private static List<ContactDetail> VisibleContactDetails(ProfileRow p, ViewerRelation viewer) =>
        new ContactDetailValues(p.Phone, p.PhoneVisibility, p.Mobile, p.MobileVisibility, p.BusinessEmail,
            p.BusinessEmailVisibility, p.Address, p.AddressVisibility, p.Birthday, p.BirthdayVisibility).VisibleTo(viewer);

    private sealed record ProfileRow(
        Guid UserId, string Slug, string FirstName, string LastName, string? AcademicTitle, string? Headline,
        string? Position, string? Employer, string? City, string? Country, string? IndustryCode, string? Summary,
        List<string> Skills, List<string> Haves, List<string> Wants, List<string> Interests,
        ProfileAudience Audience, bool AllowSearchEngines, Guid? PhotoFileId,
        string? Phone, FieldVisibility PhoneVisibility, string? Mobile, FieldVisibility MobileVisibility,
        string? BusinessEmail, FieldVisibility BusinessEmailVisibility, string? Address,
        FieldVisibility AddressVisibility, DateOnly? Birthday, FieldVisibility BirthdayVisibility,
        bool IsContact, bool Blocked);
}

public enum ProfileLookupStatus
{
    NotFound,

    /// <summary>An old address: the profile now lives at <see cref="ProfileLookup.CurrentSlug"/>.</summary>
    Moved,

    /// <summary>Members only, and the viewer is not logged in: only the name may be shown.</summary>
    LoginRequired,
    Found,
}

public sealed record ProfileLookup(ProfileLookupStatus Status, string? CurrentSlug, ProfileTeaser? Teaser,
    ProfileView? Profile)
{
    public static readonly ProfileLookup NotFound = new(ProfileLookupStatus.NotFound, null, null, null);
    public static ProfileLookup MovedTo(string slug) => new(ProfileLookupStatus.Moved, slug, null, null);
    public static ProfileLookup LoginRequired(ProfileTeaser teaser) =>
        new(ProfileLookupStatus.LoginRequired, teaser.Slug, teaser, null);
    public static ProfileLookup Found(ProfileView profile) =>
        new(ProfileLookupStatus.Found, profile.Slug, null, profile);
}

public sealed record ProfileName(string FirstName, string LastName, string? AcademicTitle)
{
    /// <summary>"Dr. Erika Mustermann".</summary>
    public string Full => string.Join(' ', new[] { AcademicTitle, FirstName, LastName }
        .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));

    /// <summary>"Erika Mustermann", as avatars and lists show it.</summary>
    public string Plain => $"{FirstName} {LastName}".Trim();
}

/// <summary>What an anonymous visitor learns of a members-only profile: whose it is, nothing more.</summary>
public sealed record ProfileTeaser(Guid UserId, string Slug, ProfileName Name);

public enum ContactField
{
    Phone,
    Mobile,
    BusinessEmail,
    Address,

    /// <summary>The value is the ISO date (yyyy-MM-dd); the page formats it in the viewer's culture.</summary>
    Birthday,
}

public sealed record ContactDetail(ContactField Field, string Value, FieldVisibility Visibility);

public sealed record ProfileEntryView(Guid Id, EntryKind Kind, string Title, string Organisation, DateOnly StartMonth,
    DateOnly? EndMonth, bool IsCurrent, string? Description);

public sealed record ProfileLanguageView(string Name, LanguageLevel Level);

public sealed record ProfileLinkView(string Title, string Url);


/// <summary>One profile as one viewer may see it; contact details and documents are already filtered.</summary>
public sealed record ProfileView(
    Guid UserId, string Slug, ProfileName Name, string? Headline, string? Position, string? Employer, string? City,
    string? Country, string? IndustryCode, string? Summary,
    IReadOnlyList<string> Skills, IReadOnlyList<string> Haves, IReadOnlyList<string> Wants,
    IReadOnlyList<string> Interests,
    ProfileAudience Audience, bool AllowSearchEngines, Guid? PhotoFileId, ViewerRelation Viewer,
    IReadOnlyList<ContactDetail> ContactDetails,
    IReadOnlyList<ProfileEntryView> Experience, IReadOnlyList<ProfileEntryView> Education,
    IReadOnlyList<ProfileLanguageView> Languages, IReadOnlyList<ProfileLinkView> Links,
    IReadOnlyList<DocumentListItem> Documents)
{
    public bool IsOwner => Viewer == ViewerRelation.Owner;

    /// <summary>Search engines may index only a public profile whose member said yes.</summary>
    public bool Indexable => Audience == ProfileAudience.Public && AllowSearchEngines;

    public ContactDetail? Contact(ContactField field) => ContactDetails.FirstOrDefault(c => c.Field == field);

    public string? Location => string.Join(", ", new[] { City, Country }.Where(s => !string.IsNullOrWhiteSpace(s)))
        is { Length: > 0 } s ? s : null;
}
