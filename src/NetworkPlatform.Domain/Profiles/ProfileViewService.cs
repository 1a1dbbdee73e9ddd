using Microsoft.EntityFrameworkCore;
using Npgsql;
using NetworkPlatform.Domain.Contacts;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>
/// A profile as one viewer may see it: the page at /p/{slug}, its vCard, and later the API read from here. Every
/// contact detail and document passes <see cref="ProfileAccess"/> before it enters the result, so nothing a viewer
/// may not see ever reaches a view.
/// </summary>
public class ProfileViewService(AppDbContext db, TimeProvider time)
{
    /// <summary>
    /// The profile behind <paramref name="slug"/> for <paramref name="viewerId"/> (null: not logged in), with how the
    /// viewer and the owner stand. Two round trips however long the profile is: the profile with the member's name and
    /// the pair's relation, then its entries, languages, links and documents together (not when the viewer may not
    /// open it). With <paramref name="recordVisit"/> a member's visit is recorded in that second round trip.
    /// </summary>
    public async Task<ProfileLookup> GetAsync(string slug, Guid? viewerId, CancellationToken ct = default,
        bool recordVisit = false)
    {
        slug = (slug ?? "").Trim().ToLowerInvariant();
        if (!MemberProfile.IsValidSlug(slug))
            return ProfileLookup.NotFound;

        var row = await RowQuery(db, slug, viewerId, ct);
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

        var visit = recordVisit && viewerId is { } visitor && viewer is ViewerRelation.Member or ViewerRelation.Contact
            ? visitor : (Guid?)null;
        var parts = await PartsAsync(row.UserId, viewer, visit, ct);
        var entries = parts.Where(r => r.Part == EntriesPart).Select(r => new ProfileEntryView(r.Id!.Value,
            (EntryKind)r.Kind!.Value, r.Title!, r.Text!, r.StartMonth!.Value, r.EndMonth, r.IsCurrent!.Value, r.Description,
            r.CompanySlug, r.Confirmed == true)).ToList();
        var languages = parts.Where(r => r.Part == LanguagesPart)
            .Select(r => new ProfileLanguageView(r.Title!, (LanguageLevel)r.Kind!.Value)).ToList();
        var links = parts.Where(r => r.Part == LinksPart).Select(r => new ProfileLinkView(r.Title!, r.Text!)).ToList();
        var documents = parts.Where(r => r.Part == DocumentsPart).Select(r => new DocumentListItem(r.Id!.Value, r.Title!,
            (DocumentKind)r.Kind!.Value, r.Text!, r.ContentType!, r.Size!.Value, (FieldVisibility)r.Visibility!.Value,
            r.CreatedAt!.Value)).ToList();
        var (status, requestId) = viewerId is { } me && me != row.UserId
            ? ContactService.StatusOf(me, row.IsContact, row.BlockedByMe, row.BlockedMe, row.Request?.Id,
                row.Request?.FromUserId, row.Request?.DeclinedAt)
            : (ContactStatus.Self, (Guid?)null);

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
            documents,
            status, requestId, row.ContactListVisibility == ContactListVisibility.Contacts));
    }

    /// <summary>
    /// The profile row with the pair's relation, compiled once: the page's largest LINQ query, whose translation
    /// lookup (funcletizing and comparing its tree with the cached ones) cost more CPU than running it (issue 17).
    /// </summary>
    private static readonly Func<AppDbContext, string, Guid?, CancellationToken, Task<ProfileRow?>> RowQuery =
        EF.CompileAsyncQuery((AppDbContext db, string slug, Guid? viewerId, CancellationToken ct) => db.Profiles.AsNoTracking()
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
                viewerId != null && db.MemberBlocks.Any(b => b.BlockerId == viewerId && b.BlockedId == p.UserId),
                viewerId != null && db.MemberBlocks.Any(b => b.BlockerId == p.UserId && b.BlockedId == viewerId),
                viewerId == null ? null : db.ContactRequests
                    .Where(r => (r.FromUserId == viewerId && r.ToUserId == p.UserId) ||
                                (r.FromUserId == p.UserId && r.ToUserId == viewerId))
                    .Select(r => new RequestRow(r.Id, r.FromUserId, r.DeclinedAt)).FirstOrDefault(),
                p.ContactListVisibility))
            .SingleOrDefault());

    private const int EntriesPart = 0, LanguagesPart = 1, LinksPart = 2, DocumentsPart = 3;

    /// <summary>
    /// Entries, languages, links and the documents this viewer may see, in one statement, each part in the order the
    /// page shows it; with a visitor, the visit is recorded in the same statement.
    /// </summary>
    private async Task<List<PartRow>> PartsAsync(Guid owner, ViewerRelation viewer, Guid? visitor, CancellationToken ct)
    {
        // The allowed levels come from the one rule, so the SQL filter cannot drift from it.
        var allowed = Enum.GetValues<FieldVisibility>().Where(v => ProfileAccess.CanSee(v, viewer)).Select(v => (int)v).ToArray();
        var parameters = new List<NpgsqlParameter> { new("owner", owner), new("allowed", allowed) };
        var visit = "";
        if (visitor is { } v && v != owner)
        {
            visit = $"WITH visit AS ({ProfileVisitService.InsertSql})\n";
            parameters.AddRange(ProfileVisitService.InsertParameters(owner, v, time.GetUtcNow()));
        }
        var sql = visit + $"""
            SELECT {EntriesPart} AS "Part", row_number() OVER (ORDER BY e."IsCurrent" DESC,
                       COALESCE(e."EndMonth", e."StartMonth") DESC, e."StartMonth" DESC, e."Id") AS "Rank",
                   e."Id", e."Kind", e."Title"::text AS "Title", e."Organisation"::text AS "Text", e."StartMonth",
                   e."EndMonth", e."IsCurrent", e."Description"::text AS "Description", NULL::bigint AS "Size",
                   NULL::timestamptz AS "CreatedAt", NULL::text AS "ContentType", NULL::int AS "Visibility",
                   c."Slug"::text AS "CompanySlug", e."EmploymentConfirmedAt" IS NOT NULL AND c."Id" IS NOT NULL AS "Confirmed"
            FROM "ProfileEntries" e
            LEFT JOIN "CompanyPages" c ON c."Id" = e."CompanyId" AND c."TakenDownAt" IS NULL
            WHERE e."UserId" = @owner
            UNION ALL
            SELECT {LanguagesPart}, row_number() OVER (ORDER BY l."Level" DESC, l."Name"), NULL, l."Level", l."Name",
                   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM "ProfileLanguages" l WHERE l."UserId" = @owner
            UNION ALL
            SELECT {LinksPart}, row_number() OVER (ORDER BY k."Position", k."Title"), NULL, NULL, k."Title", k."Url",
                   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM "ProfileLinks" k WHERE k."UserId" = @owner
            UNION ALL
            SELECT {DocumentsPart}, row_number() OVER (ORDER BY d."CreatedAt" DESC, d."Id"), d."Id", d."Kind", d."Title",
                   d."DisplayName", NULL, NULL, NULL, NULL, d."Size", d."CreatedAt", d."ContentType", d."Visibility",
                   NULL, NULL
            FROM "ProfileDocuments" d WHERE d."UserId" = @owner AND d."Visibility" = ANY (@allowed)
            ORDER BY "Part", "Rank"
            """;
        return await db.Database.SqlQueryRaw<PartRow>(sql, parameters.ToArray<object>()).ToListAsync(ct);
    }

    private sealed record PartRow(int Part, long Rank, Guid? Id, int? Kind, string? Title, string? Text,
        DateOnly? StartMonth, DateOnly? EndMonth, bool? IsCurrent, string? Description, long? Size,
        DateTimeOffset? CreatedAt, string? ContentType, int? Visibility, string? CompanySlug, bool? Confirmed);

    private sealed record RequestRow(Guid Id, Guid FromUserId, DateTimeOffset? DeclinedAt);

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
        bool IsContact, bool BlockedByMe, bool BlockedMe, RequestRow? Request, ContactListVisibility ContactListVisibility)
    {
        public bool Blocked => BlockedByMe || BlockedMe;
    }
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
    DateOnly? EndMonth, bool IsCurrent, string? Description, string? CompanySlug = null, bool Confirmed = false);

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
    IReadOnlyList<DocumentListItem> Documents,
    ContactStatus Status = ContactStatus.None, Guid? RequestId = null, bool ContactListOpenToContacts = false)
{
    public bool IsOwner => Viewer == ViewerRelation.Owner;

    /// <summary>Search engines may index only a public profile whose member said yes.</summary>
    public bool Indexable => Audience == ProfileAudience.Public && AllowSearchEngines;

    public ContactDetail? Contact(ContactField field) => ContactDetails.FirstOrDefault(c => c.Field == field);

    public string? Location => string.Join(", ", new[] { City, Country }.Where(s => !string.IsNullOrWhiteSpace(s)))
        is { Length: > 0 } s ? s : null;
}
