using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.Companies;

/// <summary>Company pages made through the service (as a recruiter would), for tests whose subject is not creating them.</summary>
public static class CompanyTestData
{
    public static CompanyInput Input(string name, string? industry = null, CompanySize size = CompanySize.Unknown,
        string? city = null, string? country = null, string? tagline = null, string? description = null,
        string? specialities = null, string? locations = null) =>
        new(name, tagline, description, industry, size, null, city, country, locations, null, specialities);

    public static async Task<CompanyPage> CompanyAsync(this AppFactory app, Guid admin, CompanyInput input)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CompanyService>()
            .CreateAsync(admin, isRecruiter: true, isAdmin: false, input);
    }

    public static Task<CompanyPage> CompanyAsync(this AppFactory app, Guid admin, string name) =>
        app.CompanyAsync(admin, Input(name));

    /// <summary>A logged-in member with the Recruiter role.</summary>
    public static async Task<ProfileViewTestData.Member> RecruiterAsync(this AppFactory app, string first = "Rita")
    {
        var user = await app.CreateMemberAsync(TestData.UniqueEmail("recruiter"), first: first, last: "Recruiter",
            extraRoles: Roles.Recruiter);
        var slug = await app.EditProfileAsync(user.Id, _ => { });
        var client = app.NewClient();
        await client.LoginAsync(user.Email!);
        return new ProfileViewTestData.Member(user, slug, client);
    }

    /// <summary>A current position at the company, linked to its page; returns the entry's id.</summary>
    public static Task<Guid> EmployAsync(this AppFactory app, Guid member, Guid company, string title = "Entwicklerin",
        bool confirmed = false) =>
        app.WithDbAsync(async db =>
        {
            var name = await db.CompanyPages.Where(c => c.Id == company).Select(c => c.Name).SingleAsync();
            var entry = ProfileViewTestData.Entry(member, EntryKind.Experience, title, name, new DateOnly(2022, 1, 1));
            entry.CompanyId = company;
            if (confirmed)
            {
                entry.EmploymentConfirmedAt = app.Clock.GetUtcNow();
                entry.ConfirmedDomain = "example.com";
            }
            db.ProfileEntries.Add(entry);
            await db.SaveChangesAsync();
            await EmploymentService.RecountEmployeesAsync(db, [company], default);
            return entry.Id;
        });

    /// <summary>Runs <paramref name="work"/> with a service of the app, in a scope of its own.</summary>
    public static async Task WithServiceAsync<T>(this AppFactory app, Func<T, Task> work) where T : notnull
    {
        using var scope = app.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<T>());
    }

    public static Task<CompanyPage> ReadCompanyAsync(this AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.CompanyPages.AsNoTracking().SingleAsync(c => c.Id == id));
}
