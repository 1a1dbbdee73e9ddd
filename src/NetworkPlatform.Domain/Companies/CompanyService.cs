using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain.Profiles;
using static NetworkPlatform.Domain.FormText;

namespace NetworkPlatform.Domain.Companies;

/// <summary>Who may create company pages (<c>Companies:CreatedBy</c>), and whether visitors see them (<c>Companies:PublicPages</c>).</summary>
public class CompanyOptions
{
    public CompanyCreators CreatedBy { get; set; } = CompanyCreators.Recruiters;

    /// <summary>True (the default): anonymous visitors and search engines see company pages and the directory.</summary>
    public bool PublicPages { get; set; } = true;

    public bool MayCreate(bool isRecruiter, bool isAdmin) =>
        CreatedBy == CompanyCreators.Members || isRecruiter || isAdmin;
}

public enum CompanyCreators
{
    Recruiters = 0,
    Members = 1,
}

/// <summary>
/// Creating a company page and every change its admins make to it. Each method that takes a company id checks first
/// that the member is one of its admins (<see cref="NotFoundException"/> otherwise: a 404, as for an id that does
/// not exist).
/// </summary>
public class CompanyService(AppDbContext db, TimeProvider time, IOptions<CompanyOptions> options)
{
    public const int FirstFoundedYear = 1000;

    public bool MayCreate(bool isRecruiter, bool isAdmin) => options.Value.MayCreate(isRecruiter, isAdmin);

    /// <summary>A new page with the member as its first admin; its slug is made from the name.</summary>
    public async Task<CompanyPage> CreateAsync(Guid me, bool isRecruiter, bool isAdmin, CompanyInput input,
        CancellationToken ct = default)
    {
        if (!MayCreate(isRecruiter, isAdmin))
            throw new DomainException("Companies.MayNotCreate");
        var now = time.GetUtcNow();
        var page = new CompanyPage { Id = Guid.CreateVersion7(now), CreatedAt = now };
        Apply(page, input);
        page.Slug = await FreeSlugAsync(CompanyPage.SlugFrom(page.Name), ct);
        page.UpdatedAt = now;
        db.CompanyPages.Add(page);
        db.CompanyAdmins.Add(new CompanyAdmin { CompanyId = page.Id, UserId = me, AddedAt = now });
        await db.SaveChangesAsync(ct);
        return page;
    }

    /// <summary>The page as its edit form shows it; <see cref="NotFoundException"/> unless the member is its admin.</summary>
    public async Task<CompanyPage> ForEditAsync(Guid me, Guid companyId, CancellationToken ct = default) =>
        await db.CompanyPages.AsNoTracking()
            .Where(c => c.Id == companyId && db.CompanyAdmins.Any(a => a.CompanyId == c.Id && a.UserId == me))
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException();

    /// <summary>Saves the form; a new slug keeps the old one as a redirect (<see cref="CompanySlugRedirect"/>).</summary>
    public async Task UpdateAsync(Guid me, Guid companyId, CompanyInput input, string? slug, CancellationToken ct = default)
    {
        await RequireAdminAsync(me, companyId, ct);
        var page = await db.CompanyPages.SingleAsync(c => c.Id == companyId, ct);
        var problems = new List<FieldProblem>();
        var wanted = (slug ?? "").Trim().ToLowerInvariant();
        if (wanted.Length == 0)
            problems.Add(new("Slug", "ProfileEdit.SlugRequired"));
        else if (!MemberProfile.IsValidSlug(wanted))
            problems.Add(new("Slug", "ProfileEdit.SlugInvalid", MemberProfile.SlugMaxLength));
        try
        {
            Apply(page, input);
        }
        catch (FormInputException ex)
        {
            problems.InsertRange(0, ex.Problems);
        }
        Throw(problems);
        if (wanted != page.Slug)
        {
            var redirect = await db.CompanySlugRedirects.SingleOrDefaultAsync(r => r.Slug == wanted, ct);
            if (await db.CompanyPages.AnyAsync(c => c.Slug == wanted, ct) || (redirect is not null && redirect.CompanyId != companyId))
                Throw([new("Slug", "ProfileEdit.SlugTaken", wanted)]);
            if (redirect is not null)
                db.CompanySlugRedirects.Remove(redirect);
            db.CompanySlugRedirects.Add(new CompanySlugRedirect { Slug = page.Slug, CompanyId = companyId });
            page.Slug = wanted;
        }
        page.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            Throw([new("Slug", "ProfileEdit.SlugTaken", wanted)]);
        }
    }

    /// <summary>The domains at which employees confirm their employment, one per line or separated by commas.</summary>
    public async Task SetEmailDomainsAsync(Guid me, Guid companyId, string? domains, CancellationToken ct = default)
    {
        await RequireAdminAsync(me, companyId, ct);
        var clean = new List<string>();
        foreach (var raw in SplitTags(domains))
        {
            if (CompanyPage.CleanDomain(raw) is not { } domain)
                Throw([new("EmailDomains", "Companies.DomainInvalid", raw.Length > 60 ? raw[..60] + "…" : raw)]);
            else if (!clean.Contains(domain))
                clean.Add(domain);
        }
        if (clean.Count > CompanyPage.MaxEmailDomains)
            Throw([new("EmailDomains", "Companies.TooManyDomains", CompanyPage.MaxEmailDomains)]);
        await db.CompanyPages.Where(c => c.Id == companyId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.EmailDomains, clean)
            .SetProperty(c => c.UpdatedAt, time.GetUtcNow()), ct);
    }

    public Task<bool> IsAdminAsync(Guid me, Guid companyId, CancellationToken ct = default) =>
        db.CompanyAdmins.AnyAsync(a => a.CompanyId == companyId && a.UserId == me, ct);

    public async Task RequireAdminAsync(Guid me, Guid companyId, CancellationToken ct = default)
    {
        if (!await IsAdminAsync(me, companyId, ct))
            throw new NotFoundException();
    }

    /// <summary>The pages the member administers, by name: the "my company pages" list.</summary>
    public async Task<IReadOnlyList<CompanyLink>> AdministeredAsync(Guid me, CancellationToken ct = default) =>
        await (from a in db.CompanyAdmins.AsNoTracking()
               where a.UserId == me
               join c in db.CompanyPages on a.CompanyId equals c.Id
               orderby c.Name
               select new CompanyLink(c.Id, c.Slug, c.Name, c.LogoFileId, c.VerifiedAt != null, c.TakenDownAt != null))
            .ToListAsync(ct);

    private async Task<string> FreeSlugAsync(string wanted, CancellationToken ct)
    {
        var prefix = wanted + "-";
        var taken = await db.CompanyPages.Where(c => c.Slug == wanted || c.Slug.StartsWith(prefix)).Select(c => c.Slug)
            .Union(db.CompanySlugRedirects.Where(r => r.Slug == wanted || r.Slug.StartsWith(prefix)).Select(r => r.Slug))
            .ToListAsync(ct);
        if (!taken.Contains(wanted))
            return wanted;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{wanted}-{n}"))
                return $"{wanted}-{n}";
    }

    /// <summary>What is wrong with the form, without saving: for a form that failed binding already (a year of letters).</summary>
    public IReadOnlyList<FieldProblem> Check(CompanyInput input)
    {
        try
        {
            Apply(new CompanyPage(), input);
            return [];
        }
        catch (FormInputException ex)
        {
            return ex.Problems;
        }
    }

    private void Apply(CompanyPage page, CompanyInput input)
    {
        var problems = new List<FieldProblem>();
        var name = Line(problems, nameof(input.Name), input.Name, CompanyPage.NameMaxLength, required: true,
            requiredKey: "Companies.NameRequired");
        var tagline = Line(problems, nameof(input.Tagline), input.Tagline, CompanyPage.TaglineMaxLength);
        var description = MultiLine(problems, nameof(input.Description), input.Description, CompanyPage.DescriptionMaxLength);
        var industry = string.IsNullOrWhiteSpace(input.IndustryCode) ? null : input.IndustryCode.Trim();
        if (industry is not null && !Industries.IsKnown(industry))
            problems.Add(new(nameof(input.IndustryCode), "ProfileEdit.IndustryUnknown"));
        if (!Enum.IsDefined(input.Size))
            problems.Add(new(nameof(input.Size), "Companies.SizeUnknown"));
        var lastYear = time.GetUtcNow().Year;
        if (input.FoundedYear is { } year && (year < FirstFoundedYear || year > lastYear))
            problems.Add(new(nameof(input.FoundedYear), "ProfileEdit.YearRange", FirstFoundedYear, lastYear));
        var city = Line(problems, nameof(input.City), input.City, CompanyPage.PlaceMaxLength);
        var country = Line(problems, nameof(input.Country), input.Country, CompanyPage.PlaceMaxLength);
        var locations = new List<string>();
        foreach (var raw in (input.Locations ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var location = Line(problems, nameof(input.Locations), raw, CompanyPage.PlaceMaxLength * 2 + 2);
            if (location is not null && !locations.Contains(location, StringComparer.OrdinalIgnoreCase))
                locations.Add(location);
        }
        if (locations.Count > CompanyPage.MaxLocations)
            problems.Add(new(nameof(input.Locations), "Companies.TooManyLocations", CompanyPage.MaxLocations));
        var website = Line(problems, nameof(input.Website), input.Website, CompanyPage.WebsiteMaxLength);
        if (website is not null && !website.Contains("://", StringComparison.Ordinal))
            website = "https://" + website;
        if (website is not null && website.Length <= CompanyPage.WebsiteMaxLength && !ProfileLink.IsAllowedUrl(website))
            problems.Add(new(nameof(input.Website), "ProfileEdit.UrlNotAllowed"));
        var specialities = Tags(problems, nameof(input.Specialities), input.Specialities, CompanyPage.MaxSpecialities);
        Throw(problems);
        page.Name = name!;
        page.Tagline = tagline;
        page.Description = description;
        page.IndustryCode = industry;
        page.Size = input.Size;
        page.FoundedYear = input.FoundedYear;
        page.City = city;
        page.Country = country;
        page.Locations = locations;
        page.Website = website;
        page.Specialities = specialities;
    }
}

/// <summary>The company form as typed: locations one per line, specialities one per line or separated by commas.</summary>
public sealed record CompanyInput(string? Name, string? Tagline, string? Description, string? IndustryCode,
    CompanySize Size, int? FoundedYear, string? City, string? Country, string? Locations, string? Website,
    string? Specialities);

/// <summary>A company as lists link it: name, address, small logo, badges.</summary>
public sealed record CompanyLink(Guid Id, string Slug, string Name, Guid? LogoFileId, bool Verified, bool TakenDown);
