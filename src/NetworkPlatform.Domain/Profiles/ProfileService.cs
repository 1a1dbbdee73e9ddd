using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using static NetworkPlatform.Domain.FormText;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>The member's own profile: creating it, and every change the member makes to it.</summary>
public class ProfileService(AppDbContext db, TimeProvider time)
{
    public const int MaxLanguages = 10;

    /// <summary>Per kind; far more than any career needs, but it keeps one profile page from growing without end.</summary>
    public const int MaxEntriesPerKind = 50;

    public const int FirstYear = 1950;

    /// <summary>
    /// Adds a profile for a new account to the current unit of work (registration saves it with the account).
    /// </summary>
    public async Task<MemberProfile> AddForNewMemberAsync(AppUser user, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var profile = new MemberProfile
        {
            UserId = user.Id,
            Slug = await FreeSlugAsync(MemberProfile.SlugFrom($"{user.FirstName} {user.LastName}"), ct),
            FullName = MemberProfile.FullNameOf(user.FirstName, user.LastName),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Profiles.Add(profile);
        return profile;
    }

    /// <summary>The member's profile, made on first use for accounts that have none yet (e.g. made by create-admin).</summary>
    public async Task<MemberProfile> EnsureAsync(Guid userId, CancellationToken ct = default)
    {
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is not null)
            return profile;
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        profile = await AddForNewMemberAsync(user, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two requests made it at once: the other one won, use its row.
            db.ChangeTracker.Clear();
            profile = await db.Profiles.SingleAsync(p => p.UserId == userId, ct);
        }
        return profile;
    }

    /// <summary>"erika-mustermann", else "erika-mustermann-2", "-3", ...: one query for all taken candidates.</summary>
    public async Task<string> FreeSlugAsync(string wanted, CancellationToken ct = default)
    {
        var prefix = wanted + "-";
        var taken = await db.Profiles.Where(p => p.Slug == wanted || p.Slug.StartsWith(prefix)).Select(p => p.Slug)
            .Union(db.ProfileSlugRedirects.Where(r => r.Slug == wanted || r.Slug.StartsWith(prefix)).Select(r => r.Slug))
            .ToListAsync(ct);
        if (!taken.Contains(wanted))
            return wanted;
        for (var n = 2; ; n++)
        {
            var candidate = $"{wanted}-{n}";
            if (!taken.Contains(candidate))
                return candidate;
        }
    }

    // ---------- Reading the own profile for the edit pages ----------

    /// <summary>Everything of the member's own profile row (and name) in one query; made first if it is missing.</summary>
    public async Task<OwnProfile> OwnProfileAsync(Guid me, CancellationToken ct = default)
    {
        var own = await OwnProfileQuery(me).SingleOrDefaultAsync(ct);
        if (own is not null)
            return own;
        await EnsureAsync(me, ct);
        return await OwnProfileQuery(me).SingleAsync(ct);
    }

    private IQueryable<OwnProfile> OwnProfileQuery(Guid me) =>
        db.Profiles.AsNoTracking().Where(p => p.UserId == me).Select(p => new OwnProfile
        {
            UserId = p.UserId,
            FirstName = p.User.FirstName,
            LastName = p.User.LastName,
            Slug = p.Slug,
            AcademicTitle = p.AcademicTitle,
            Headline = p.Headline,
            Position = p.Position,
            Employer = p.Employer,
            City = p.City,
            Country = p.Country,
            IndustryCode = p.IndustryCode,
            Summary = p.Summary,
            Skills = p.Skills,
            Haves = p.Haves,
            Wants = p.Wants,
            Interests = p.Interests,
            Audience = p.Audience,
            AllowSearchEngines = p.AllowSearchEngines,
            ShowMeAsVisitor = p.ShowMeAsVisitor,
            FindableByEmail = p.FindableByEmail,
            ContactListVisibility = p.ContactListVisibility,
            PhotoFileId = p.PhotoFileId,
            Phone = p.Phone,
            PhoneVisibility = p.PhoneVisibility,
            Mobile = p.Mobile,
            MobileVisibility = p.MobileVisibility,
            BusinessEmail = p.BusinessEmail,
            BusinessEmailVisibility = p.BusinessEmailVisibility,
            Address = p.Address,
            AddressVisibility = p.AddressVisibility,
            Birthday = p.Birthday,
            BirthdayVisibility = p.BirthdayVisibility,
            UpdatedAt = p.UpdatedAt,
        });

    /// <summary>Experience or education entries, newest first: current ones first, then by start month.</summary>
    public async Task<IReadOnlyList<EntryRow>> EntriesAsync(Guid me, EntryKind? kind = null, CancellationToken ct = default)
    {
        var query = db.ProfileEntries.AsNoTracking().Where(e => e.UserId == me);
        if (kind is { } k)
            query = query.Where(e => e.Kind == k);
        return await query
            .OrderByDescending(e => e.IsCurrent).ThenByDescending(e => e.StartMonth).ThenByDescending(e => e.EndMonth)
            .ThenBy(e => e.Title)
            .Select(e => new EntryRow(e.Id, e.Kind, e.Title, e.Organisation, e.StartMonth, e.EndMonth, e.IsCurrent,
                e.Description, e.CompanyId, e.EmploymentConfirmedAt != null))
            .ToListAsync(ct);
    }

    /// <summary>One of the member's own entries, or null (also for another member's id).</summary>
    public Task<EntryRow?> FindEntryAsync(Guid me, EntryKind kind, Guid id, CancellationToken ct = default) =>
        db.ProfileEntries.AsNoTracking()
            .Where(e => e.Id == id && e.UserId == me && e.Kind == kind)
            .Select(e => new EntryRow(e.Id, e.Kind, e.Title, e.Organisation, e.StartMonth, e.EndMonth, e.IsCurrent,
                e.Description, e.CompanyId, e.EmploymentConfirmedAt != null))
            .SingleOrDefaultAsync(ct);

    /// <summary>Native first, then from the best level down, then by name.</summary>
    public async Task<IReadOnlyList<LanguageRow>> LanguagesAsync(Guid me, CancellationToken ct = default) =>
        await db.ProfileLanguages.AsNoTracking().Where(l => l.UserId == me)
            .OrderByDescending(l => l.Level).ThenBy(l => l.Name)
            .Select(l => new LanguageRow(l.Id, l.Name, l.Level))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<LinkRow>> LinksAsync(Guid me, CancellationToken ct = default) =>
        await db.ProfileLinks.AsNoTracking().Where(l => l.UserId == me)
            .OrderBy(l => l.Position).ThenBy(l => l.Title)
            .Select(l => new LinkRow(l.Id, l.Title, l.Url))
            .ToListAsync(ct);

    // ---------- Completeness ----------

    /// <summary>
    /// How complete the profile is, in one query. A member without a profile row yet has 0 % and misses everything.
    /// </summary>
    public async Task<ProfileCompleteness> CompletenessAsync(Guid me, CancellationToken ct = default)
    {
        var facts = await db.Profiles.AsNoTracking().Where(p => p.UserId == me).Select(p => new CompletenessFacts(
                p.PhotoFileId != null,
                p.Headline != null && p.Headline != "",
                p.Position != null && p.Position != "" && p.Employer != null && p.Employer != "",
                p.City != null && p.City != "",
                p.IndustryCode != null && p.IndustryCode != "",
                p.Summary != null && p.Summary != "",
                p.Entries.Any(e => e.Kind == EntryKind.Experience),
                p.Entries.Any(e => e.Kind == EntryKind.Education),
                p.Skills.Count >= ProfileCompleteness.MinSkills,
                p.Languages.Any(),
                p.Haves.Count > 0 || p.Wants.Count > 0,
                p.Interests.Count > 0))
            .SingleOrDefaultAsync(ct);
        return ProfileCompleteness.Of(facts ?? CompletenessFacts.Nothing);
    }

    // ---------- Changing the sections ----------

    public async Task UpdateBasicsAsync(Guid me, BasicsInput input, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var title = Line(problems, nameof(input.AcademicTitle), input.AcademicTitle, 40);
        var first = Line(problems, nameof(input.FirstName), input.FirstName, AppUser.NameMaxLength, required: true);
        var last = Line(problems, nameof(input.LastName), input.LastName, AppUser.NameMaxLength, required: true);
        var headline = Line(problems, nameof(input.Headline), input.Headline, MemberProfile.HeadlineMaxLength);
        var position = Line(problems, nameof(input.Position), input.Position, 120);
        var employer = Line(problems, nameof(input.Employer), input.Employer, 120);
        var city = Line(problems, nameof(input.City), input.City, 100);
        var country = Line(problems, nameof(input.Country), input.Country, 100);
        var industry = string.IsNullOrWhiteSpace(input.IndustryCode) ? null : input.IndustryCode.Trim();
        if (industry is not null && !Industries.IsKnown(industry))
            problems.Add(new(nameof(input.IndustryCode), "ProfileEdit.IndustryUnknown"));
        Throw(problems);

        var profile = await EnsureAsync(me, ct);
        var user = await db.Users.SingleAsync(u => u.Id == me, ct);
        user.FirstName = first!;
        user.LastName = last!;
        profile.FullName = MemberProfile.FullNameOf(first!, last!);
        profile.AcademicTitle = title;
        profile.Headline = headline;
        profile.Position = position;
        profile.Employer = employer;
        profile.City = city;
        profile.Country = country;
        profile.IndustryCode = industry;
        await SaveAsync(profile, ct);
    }

    /// <summary>The raw Markdown; rendering (with raw HTML disabled) is the profile page's job.</summary>
    public async Task UpdateSummaryAsync(Guid me, string? summary, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var text = MultiLine(problems, "Summary", summary, MemberProfile.SummaryMaxLength);
        Throw(problems);
        var profile = await EnsureAsync(me, ct);
        profile.Summary = text;
        await SaveAsync(profile, ct);
    }

    public async Task<Guid> AddEntryAsync(Guid me, EntryKind kind, EntryInput input, CancellationToken ct = default)
    {
        var entry = new ProfileEntry { Id = Guid.CreateVersion7(time.GetUtcNow()), UserId = me, Kind = kind };
        Apply(entry, input);
        var profile = await EnsureAsync(me, ct);
        if (await db.ProfileEntries.CountAsync(e => e.UserId == me && e.Kind == kind, ct) >= MaxEntriesPerKind)
            Throw([new(nameof(input.Title), "ProfileEdit.TooManyEntries", MaxEntriesPerKind)]);
        db.ProfileEntries.Add(entry);
        await SaveAsync(profile, ct);
        return entry.Id;
    }

    /// <summary>False when the id is not one of the member's own entries of this kind (nothing changes).</summary>
    public async Task<bool> UpdateEntryAsync(Guid me, EntryKind kind, Guid id, EntryInput input,
        CancellationToken ct = default)
    {
        var entry = await db.ProfileEntries.SingleOrDefaultAsync(e => e.Id == id && e.UserId == me && e.Kind == kind, ct);
        if (entry is null)
            return false;
        Apply(entry, input);
        var company = entry.CompanyId;
        if (company is { } companyId)
        {
            // A position linked to a company page keeps the page's name; another name is another employer.
            var name = await db.CompanyPages.Where(c => c.Id == companyId).Select(c => c.Name).SingleOrDefaultAsync(ct);
            if (!string.Equals(name, entry.Organisation, StringComparison.OrdinalIgnoreCase))
            {
                entry.CompanyId = null;
                entry.EmploymentConfirmedAt = null;
                entry.ConfirmedDomain = null;
            }
        }
        await SaveAsync(await EnsureAsync(me, ct), ct);
        await Companies.EmploymentService.RecountEmployeesAsync(db, [company], ct);
        return true;
    }

    public async Task<bool> DeleteEntryAsync(Guid me, EntryKind kind, Guid id, CancellationToken ct = default)
    {
        var entry = await db.ProfileEntries.SingleOrDefaultAsync(e => e.Id == id && e.UserId == me && e.Kind == kind, ct);
        if (entry is null)
            return false;
        db.ProfileEntries.Remove(entry);
        await SaveAsync(await EnsureAsync(me, ct), ct);
        await Companies.EmploymentService.RecountEmployeesAsync(db, [entry.CompanyId], ct);
        return true;
    }

    private void Apply(ProfileEntry entry, EntryInput input)
    {
        var problems = new List<FieldProblem>();
        var experience = entry.Kind == EntryKind.Experience;
        var title = Line(problems, nameof(input.Title), input.Title, ProfileEntry.TitleMaxLength, required: true,
            requiredKey: experience ? "ProfileEdit.JobTitleRequired" : "ProfileEdit.DegreeRequired");
        var organisation = Line(problems, nameof(input.Organisation), input.Organisation, ProfileEntry.TitleMaxLength,
            required: true, requiredKey: experience ? "ProfileEdit.CompanyRequired" : "ProfileEdit.SchoolRequired");
        var description = MultiLine(problems, nameof(input.Description), input.Description,
            ProfileEntry.DescriptionMaxLength);
        var lastYear = Today.Year + 1;
        var start = Month(problems, nameof(input.StartMonth), nameof(input.StartYear), input.StartMonth,
            input.StartYear, lastYear);
        DateOnly? end = null;
        if (!input.IsCurrent)
        {
            if (input.EndMonth is null && input.EndYear is null)
                problems.Add(new(nameof(input.EndYear), "ProfileEdit.EndRequired"));
            else
                end = Month(problems, nameof(input.EndMonth), nameof(input.EndYear), input.EndMonth, input.EndYear,
                    lastYear);
            if (start is not null && end is not null && end < start)
                problems.Add(new(nameof(input.EndYear), "ProfileEdit.EndBeforeStart"));
        }
        Throw(problems);
        entry.Title = title!;
        entry.Organisation = organisation!;
        entry.Description = description;
        entry.StartMonth = start!.Value;
        entry.IsCurrent = input.IsCurrent;
        entry.EndMonth = input.IsCurrent ? null : end;
    }

    private static DateOnly? Month(List<FieldProblem> problems, string monthField, string yearField, int? month,
        int? year, int lastYear)
    {
        var ok = true;
        if (month is null or < 1 or > 12)
        {
            problems.Add(new(monthField, "ProfileEdit.MonthRequired"));
            ok = false;
        }
        if (year is null)
        {
            problems.Add(new(yearField, "ProfileEdit.YearRequired"));
            ok = false;
        }
        else if (year < FirstYear || year > lastYear)
        {
            problems.Add(new(yearField, "ProfileEdit.YearRange", FirstYear, lastYear));
            ok = false;
        }
        return ok ? new DateOnly(year!.Value, month!.Value, 1) : null;
    }

    /// <summary>
    /// Each list is typed one entry per line or separated by commas; each is cleaned (<see cref="MemberProfile.CleanTags"/>)
    /// and a list that breaks a rule is named at its own field.
    /// </summary>
    public async Task UpdateTagsAsync(Guid me, TagsInput input, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var skills = Tags(problems, nameof(input.Skills), input.Skills, MemberProfile.MaxSkills);
        var haves = Tags(problems, nameof(input.Haves), input.Haves, MemberProfile.MaxHavesOrWants);
        var wants = Tags(problems, nameof(input.Wants), input.Wants, MemberProfile.MaxHavesOrWants);
        var interests = Tags(problems, nameof(input.Interests), input.Interests, MemberProfile.MaxInterests);
        Throw(problems);
        var profile = await EnsureAsync(me, ct);
        profile.Skills = skills;
        profile.Haves = haves;
        profile.Wants = wants;
        profile.Interests = interests;
        await SaveAsync(profile, ct);
    }

    public async Task AddLanguageAsync(Guid me, LanguageInput input, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var name = Line(problems, nameof(input.Name), input.Name, 60, required: true);
        if (input.Level is not { } level || !Enum.IsDefined(level))
            problems.Add(new(nameof(input.Level), "ProfileEdit.LevelRequired"));
        Throw(problems);
        var profile = await EnsureAsync(me, ct);
        var names = await db.ProfileLanguages.Where(l => l.UserId == me).Select(l => l.Name).ToListAsync(ct);
        if (names.Count >= MaxLanguages)
            Throw([new(nameof(input.Name), "ProfileEdit.TooManyLanguages", MaxLanguages)]);
        if (names.Contains(name!, StringComparer.OrdinalIgnoreCase))
            Throw([new(nameof(input.Name), "ProfileEdit.LanguageListed", name!)]);
        db.ProfileLanguages.Add(new ProfileLanguage
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            UserId = me,
            Name = name!,
            Level = input.Level!.Value,
        });
        await SaveAsync(profile, ct);
    }

    public async Task<bool> DeleteLanguageAsync(Guid me, Guid id, CancellationToken ct = default)
    {
        var language = await db.ProfileLanguages.SingleOrDefaultAsync(l => l.Id == id && l.UserId == me, ct);
        if (language is null)
            return false;
        db.ProfileLanguages.Remove(language);
        await SaveAsync(await EnsureAsync(me, ct), ct);
        return true;
    }

    /// <summary>Only absolute http(s) addresses; a link without a title is named by its host ("github.com").</summary>
    public async Task AddLinkAsync(Guid me, LinkInput input, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var title = Line(problems, nameof(input.Title), input.Title, 80);
        var url = Line(problems, nameof(input.Url), input.Url, ProfileLink.UrlMaxLength, required: true);
        if (url is not null && url.Length <= ProfileLink.UrlMaxLength && !ProfileLink.IsAllowedUrl(url))
            problems.Add(new(nameof(input.Url), "ProfileEdit.UrlNotAllowed"));
        Throw(problems);
        var uri = new Uri(url!);
        var profile = await EnsureAsync(me, ct);
        var positions = await db.ProfileLinks.Where(l => l.UserId == me).Select(l => l.Position).ToListAsync(ct);
        if (positions.Count >= MemberProfile.MaxLinks)
            Throw([new(nameof(input.Url), "ProfileEdit.TooManyLinks", MemberProfile.MaxLinks)]);
        var host = uri.IdnHost.StartsWith("www.", StringComparison.Ordinal) ? uri.IdnHost[4..] : uri.IdnHost;
        db.ProfileLinks.Add(new ProfileLink
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            UserId = me,
            Title = title ?? (host.Length > 80 ? host[..80] : host),
            Url = url!,
            Position = positions.Count == 0 ? 1 : positions.Max() + 1,
        });
        await SaveAsync(profile, ct);
    }

    public async Task<bool> DeleteLinkAsync(Guid me, Guid id, CancellationToken ct = default)
    {
        var link = await db.ProfileLinks.SingleOrDefaultAsync(l => l.Id == id && l.UserId == me, ct);
        if (link is null)
            return false;
        db.ProfileLinks.Remove(link);
        await SaveAsync(await EnsureAsync(me, ct), ct);
        return true;
    }

    public async Task UpdateContactAsync(Guid me, ContactInput input, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var phone = Phone(problems, nameof(input.Phone), input.Phone);
        var mobile = Phone(problems, nameof(input.Mobile), input.Mobile);
        var email = Line(problems, nameof(input.BusinessEmail), input.BusinessEmail, 256);
        if (email is not null && email.Length <= 256 && !new EmailAddressAttribute().IsValid(email))
            problems.Add(new(nameof(input.BusinessEmail), "ProfileEdit.EmailInvalid"));
        var address = MultiLine(problems, nameof(input.Address), input.Address, 300);
        if (input.Birthday is { } birthday && (birthday < new DateOnly(1900, 1, 1) || birthday > Today))
            problems.Add(new(nameof(input.Birthday), "ProfileEdit.BirthdayRange", Today.Year));
        foreach (var (field, visibility) in new[]
                 {
                     (nameof(input.PhoneVisibility), input.PhoneVisibility),
                     (nameof(input.MobileVisibility), input.MobileVisibility),
                     (nameof(input.BusinessEmailVisibility), input.BusinessEmailVisibility),
                     (nameof(input.AddressVisibility), input.AddressVisibility),
                     (nameof(input.BirthdayVisibility), input.BirthdayVisibility),
                 })
        {
            if (!Enum.IsDefined(visibility))
                problems.Add(new(field, "ProfileEdit.VisibilityRequired"));
        }
        Throw(problems);
        var profile = await EnsureAsync(me, ct);
        profile.Phone = phone;
        profile.PhoneVisibility = input.PhoneVisibility;
        profile.Mobile = mobile;
        profile.MobileVisibility = input.MobileVisibility;
        profile.BusinessEmail = email;
        profile.BusinessEmailVisibility = input.BusinessEmailVisibility;
        profile.Address = address;
        profile.AddressVisibility = input.AddressVisibility;
        profile.Birthday = input.Birthday;
        profile.BirthdayVisibility = input.BirthdayVisibility;
        await SaveAsync(profile, ct);
    }

    private static string? Phone(List<FieldProblem> problems, string field, string? value)
    {
        var phone = Line(problems, field, value, 40);
        if (phone is not null && !phone.All(c => c is >= '0' and <= '9' or ' ' or '+' or '(' or ')' or '/' or '-'))
            problems.Add(new(field, "ProfileEdit.PhoneFormat"));
        return phone;
    }

    /// <summary>
    /// Who may open the profile, search engines, visitor mode, and the public address. A new address keeps the old
    /// one as a redirect, so links already shared keep working; an address is taken while it is anyone's current or
    /// old address, except that a member may take back an old address of their own.
    /// </summary>
    public async Task UpdateSettingsAsync(Guid me, SettingsInput input, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var slug = (input.Slug ?? "").Trim().ToLowerInvariant();
        if (slug.Length == 0)
            problems.Add(new(nameof(input.Slug), "ProfileEdit.SlugRequired"));
        else if (!MemberProfile.IsValidSlug(slug))
            problems.Add(new(nameof(input.Slug), "ProfileEdit.SlugInvalid", MemberProfile.SlugMaxLength));
        if (!Enum.IsDefined(input.Audience))
            problems.Add(new(nameof(input.Audience), "ProfileEdit.AudienceRequired"));
        Throw(problems);

        var profile = await EnsureAsync(me, ct);
        if (slug != profile.Slug)
        {
            var takenByProfile = await db.Profiles.AnyAsync(p => p.Slug == slug && p.UserId != me, ct);
            var redirect = await db.ProfileSlugRedirects.SingleOrDefaultAsync(r => r.Slug == slug, ct);
            if (takenByProfile || (redirect is not null && redirect.UserId != me))
                Throw([new(nameof(input.Slug), "ProfileEdit.SlugTaken", slug)]);
            if (redirect is not null)
                db.ProfileSlugRedirects.Remove(redirect);
            db.ProfileSlugRedirects.Add(new ProfileSlugRedirect { Slug = profile.Slug, UserId = me });
            profile.Slug = slug;
        }
        profile.Audience = input.Audience;
        profile.AllowSearchEngines = input.AllowSearchEngines;
        profile.ShowMeAsVisitor = input.ShowMeAsVisitor;
        profile.FindableByEmail = input.FindableByEmail;
        profile.ContactListVisibility = input.ContactListVisibility;
        try
        {
            await SaveAsync(profile, ct);
        }
        catch (DbUpdateException)
        {
            // Another member took the address between our check and this save (unique indexes on both tables).
            db.ChangeTracker.Clear();
            Throw([new(nameof(input.Slug), "ProfileEdit.SlugTaken", slug)]);
        }
    }

    // ---------- Helpers ----------

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private async Task SaveAsync(MemberProfile profile, CancellationToken ct)
    {
        profile.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The member's own profile as the edit pages show it.</summary>
public sealed record OwnProfile
{
    public Guid UserId { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string Slug { get; init; } = "";
    public string? AcademicTitle { get; init; }
    public string? Headline { get; init; }
    public string? Position { get; init; }
    public string? Employer { get; init; }
    public string? City { get; init; }
    public string? Country { get; init; }
    public string? IndustryCode { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> Skills { get; init; } = [];
    public IReadOnlyList<string> Haves { get; init; } = [];
    public IReadOnlyList<string> Wants { get; init; } = [];
    public IReadOnlyList<string> Interests { get; init; } = [];
    public ProfileAudience Audience { get; init; }
    public bool AllowSearchEngines { get; init; }
    public bool ShowMeAsVisitor { get; init; }
    public bool FindableByEmail { get; init; }
    public Contacts.ContactListVisibility ContactListVisibility { get; init; }
    public Guid? PhotoFileId { get; init; }
    public string? Phone { get; init; }
    public FieldVisibility PhoneVisibility { get; init; }
    public string? Mobile { get; init; }
    public FieldVisibility MobileVisibility { get; init; }
    public string? BusinessEmail { get; init; }
    public FieldVisibility BusinessEmailVisibility { get; init; }
    public string? Address { get; init; }
    public FieldVisibility AddressVisibility { get; init; }
    public DateOnly? Birthday { get; init; }
    public FieldVisibility BirthdayVisibility { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public string DisplayName => string.Join(' ', new[] { AcademicTitle, FirstName, LastName }
        .Where(s => !string.IsNullOrWhiteSpace(s)));
}

public sealed record EntryRow(Guid Id, EntryKind Kind, string Title, string Organisation, DateOnly StartMonth,
    DateOnly? EndMonth, bool IsCurrent, string? Description, Guid? CompanyId = null, bool Confirmed = false);

public sealed record LanguageRow(Guid Id, string Name, LanguageLevel Level);

public sealed record LinkRow(Guid Id, string Title, string Url);

public sealed record BasicsInput(string? AcademicTitle, string? FirstName, string? LastName, string? Headline,
    string? Position, string? Employer, string? City, string? Country, string? IndustryCode);

public sealed record EntryInput(string? Title, string? Organisation, int? StartMonth, int? StartYear, int? EndMonth,
    int? EndYear, bool IsCurrent, string? Description);

/// <summary>Each list as typed: one entry per line or separated by commas.</summary>
public sealed record TagsInput(string? Skills, string? Haves, string? Wants, string? Interests);

public sealed record LanguageInput(string? Name, LanguageLevel? Level);

public sealed record LinkInput(string? Title, string? Url);

public sealed record ContactInput(
    string? Phone, FieldVisibility PhoneVisibility,
    string? Mobile, FieldVisibility MobileVisibility,
    string? BusinessEmail, FieldVisibility BusinessEmailVisibility,
    string? Address, FieldVisibility AddressVisibility,
    DateOnly? Birthday, FieldVisibility BirthdayVisibility);

public sealed record SettingsInput(ProfileAudience Audience, bool AllowSearchEngines, bool ShowMeAsVisitor, string? Slug,
    Contacts.ContactListVisibility ContactListVisibility = Contacts.ContactListVisibility.Contacts, bool FindableByEmail = true);

/// <summary>What the completeness meter knows about a profile: one flag per section.</summary>
public sealed record CompletenessFacts(bool Photo, bool Headline, bool Position, bool Location, bool Industry,
    bool Summary, bool Experience, bool Education, bool Skills, bool Languages, bool HavesOrWants, bool Interests)
{
    public static readonly CompletenessFacts Nothing =
        new(false, false, false, false, false, false, false, false, false, false, false, false);
}

/// <summary>One section the meter counts: its weight in percent and the form that fills it.</summary>
public sealed record CompletenessSection(string Key, int Weight, string EditPath);

/// <summary>
/// The completeness meter. The weights follow what makes a profile found and trusted: a photo and work experience
/// count most, then headline, position, summary, education and skills; the smaller details 5 each. They sum to 100.
/// </summary>
public sealed record ProfileCompleteness(int Percent, IReadOnlyList<CompletenessSection> Missing)
{
    public const int MinSkills = 3;

    public static readonly IReadOnlyList<(CompletenessSection Section, Func<CompletenessFacts, bool> Done)> Sections =
    [
        (new("Photo", 15, "/profile/edit/photo"), f => f.Photo),
        (new("Headline", 10, "/profile/edit/basics#Headline"), f => f.Headline),
        (new("Position", 10, "/profile/edit/basics#Position"), f => f.Position),
        (new("Location", 5, "/profile/edit/basics#City"), f => f.Location),
        (new("Industry", 5, "/profile/edit/basics#IndustryCode"), f => f.Industry),
        (new("Summary", 10, "/profile/edit/summary"), f => f.Summary),
        (new("Experience", 10, "/profile/edit/experience"), f => f.Experience),
        (new("Education", 10, "/profile/edit/education"), f => f.Education),
        (new("Skills", 10, "/profile/edit/skills#Skills"), f => f.Skills),
        (new("Languages", 5, "/profile/edit/languages"), f => f.Languages),
        (new("HavesOrWants", 5, "/profile/edit/skills#Haves"), f => f.HavesOrWants),
        (new("Interests", 5, "/profile/edit/skills#Interests"), f => f.Interests),
    ];

    public static ProfileCompleteness Of(CompletenessFacts facts) => new(
        Sections.Where(s => s.Done(facts)).Sum(s => s.Section.Weight),
        Sections.Where(s => !s.Done(facts)).Select(s => s.Section).ToList());
}
