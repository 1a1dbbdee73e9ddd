using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Web.Infrastructure.Demo;

public class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed a demo network into an empty database at start-up (scripts/run.sh turns it on).</summary>
    public bool Seed { get; set; }

    public int Members { get; set; } = 36;

    /// <summary>The password of every demo account; the README lists it.</summary>
    public string Password { get; set; } = "Netzwerk-Demo-2026";
}

/// <summary>
/// A small, believable network for trying the app: German names and places, an admin, a recruiter, and a few
/// premium members. Only runs on an empty database, so a restart never doubles it. Later areas add their own data.
/// </summary>
public partial class DemoSeeder(AppDbContext db, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher,
    IOptions<DemoOptions> options, TimeProvider time, ILogger<DemoSeeder> logger)
{
    public const string AdminEmail = "admin@demo.networkplatform.test";
    public const string RecruiterEmail = "recruiter@demo.networkplatform.test";
    public const string MemberEmail = "member@demo.networkplatform.test";

    public async Task SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct))
            return;
        var o = options.Value;
        var now = time.GetUtcNow();
        // One hash for all: hashing is deliberately slow, and every demo account has the same password.
        var hash = hasher.HashPassword(new AppUser(), o.Password);

        await CreateAsync("Sabine", "Admin", AdminEmail, "de", [Roles.Member, Roles.Admin], hash, null, now);
        await CreateAsync("Rainer", "Recruiter", RecruiterEmail, "de", [Roles.Member, Roles.Recruiter], hash, null, now);
        await CreateAsync("Mia", "Mitglied", MemberEmail, "de", [Roles.Member], hash, null, now);

        var faker = new Faker("de") { Random = new Randomizer(20261122) };
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < o.Members; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var email = $"{Slug(first)}.{Slug(last)}@demo.networkplatform.test";
            if (!used.Add(email))
                continue;
            DateTimeOffset? premium = i % 6 == 0 ? now.AddDays(faker.Random.Int(10, 300)) : null;
            await CreateAsync(first, last, email, i % 4 == 0 ? "en" : "de", [Roles.Member], hash, premium, now);
        }
        LogSeeded(logger, used.Count + 3);
    }

    private async Task CreateAsync(string first, string last, string email, string culture, string[] roles, string hash,
        DateTimeOffset? premiumUntil, DateTimeOffset now)
    {
        var user = AppUser.Create(email, first, last, culture, now, emailConfirmed: true);
        user.PremiumUntil = premiumUntil;
        user.PasswordHash = hash;
        var result = await users.CreateAsync(user);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo member {email}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        await users.AddToRolesAsync(user, roles);
    }

    private static string Slug(string s) => new string(s.ToLowerInvariant()
        .Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("ß", "ss")
        .Normalize(System.Text.NormalizationForm.FormD) // é -> e + accent, and the accent is dropped below
        .Where(c => c is >= 'a' and <= 'z').ToArray());

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded a demo network of {Count} members")]
    private static partial void LogSeeded(ILogger logger, int count);
}
