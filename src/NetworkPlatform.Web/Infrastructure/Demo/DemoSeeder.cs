using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Web.Infrastructure.Demo;

public class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed a demo network into an empty database at start-up (scripts/run.sh turns it on).</summary>
    public bool Seed { get; set; }

    public int Members { get; set; } = 36;

    /// <summary>
    /// The password of every demo account. Unset, Development uses <see cref="DevelopmentPassword"/> (the README
    /// lists it); any other environment gets random passwords, written once to the log when the data is seeded, so
    /// a trial on a reachable host never has an admin whose password is public.
    /// </summary>
    public string? Password { get; set; }

    public const string DevelopmentPassword = "Netzwerk-Demo-2026";
}

/// <summary>
/// A small, believable network for trying the app: German names and places, an admin, a recruiter, and a few
/// premium members. Only runs on an empty database, so a restart never doubles it. Later areas add their own data.
/// </summary>
public partial class DemoSeeder(AppDbContext db, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher,
    ProfileService profiles, IOptions<DemoOptions> options, IHostEnvironment environment, TimeProvider time,
    ILogger<DemoSeeder> logger)
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
        var faker = new Faker("de") { Random = new Randomizer(20261122) };
        var named = new[] { AdminEmail, RecruiterEmail, MemberEmail }.ToDictionary(e => e, _ => PasswordFor());
        var others = PasswordFor();
        await CreateAsync("Sabine", "Admin", AdminEmail, "de", [Roles.Member, Roles.Admin], Hash(named[AdminEmail]), null, now, faker);
        await CreateAsync("Rainer", "Recruiter", RecruiterEmail, "de", [Roles.Member, Roles.Recruiter], Hash(named[RecruiterEmail]), null, now, faker, female: false);
        await CreateAsync("Mia", "Mitglied", MemberEmail, "de", [Roles.Member], Hash(named[MemberEmail]), null, now, faker);
        // One hash for the other members: hashing is deliberately slow.
        var hash = Hash(others);

        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < o.Members; i++)
        {
            var gender = faker.PickRandom<Bogus.DataSets.Name.Gender>();
            var first = faker.Name.FirstName(gender);
            var last = faker.Name.LastName();
            var email = $"{Slug(first)}.{Slug(last)}@demo.networkplatform.test";
            if (!used.Add(email))
                continue;
            DateTimeOffset? premium = i % 6 == 0 ? now.AddDays(faker.Random.Int(10, 300)) : null;
            await CreateAsync(first, last, email, i % 4 == 0 ? "en" : "de", [Roles.Member], hash, premium, now, faker,
                female: gender == Bogus.DataSets.Name.Gender.Female);
        }
        await SeedNetworkAsync(faker, now);
        await SeedCompaniesAsync(faker, now);
        LogSeeded(logger, used.Count + 3);
        if (o.Password is null && !environment.IsDevelopment())
        {
            foreach (var (email, password) in named)
                LogRandomPassword(logger, email, password);
            LogRandomPasswordOthers(logger, others);
        }
    }

    private string PasswordFor() => options.Value.Password ?? (environment.IsDevelopment()
        ? DemoOptions.DevelopmentPassword
        // 18 random bytes as base64: 24 characters with letters of both cases, digits and usually a symbol; a
        // fixed suffix makes sure every Identity password rule (digit, upper, lower, symbol) holds.
        : Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)) + "-Aa1");

    private string Hash(string password) => hasher.HashPassword(new AppUser(), password);

    private async Task CreateAsync(string first, string last, string email, string culture, string[] roles, string hash,
        DateTimeOffset? premiumUntil, DateTimeOffset now, Faker faker, bool female = true)
    {
        var user = AppUser.Create(email, first, last, culture, now, emailConfirmed: true);
        user.PremiumUntil = premiumUntil;
        user.PasswordHash = hash;
        var result = await users.CreateAsync(user);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo member {email}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        await users.AddToRolesAsync(user, roles);
        var profile = await profiles.AddForNewMemberAsync(user);
        FillProfile(profile, faker, now, female);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A living network: everyone has a handful of contacts, and the demo member has contacts, people to discover
    /// at the 2nd and 3rd degree, and two requests waiting.
    /// </summary>
    private async Task SeedNetworkAsync(Faker faker, DateTimeOffset now)
    {
        var ids = await db.Users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Select(u => u.Id).ToListAsync();
        var member = await db.Users.Where(u => u.Email == MemberEmail).Select(u => u.Id).SingleAsync();
        var others = ids.Where(id => id != member).ToList();
        var edges = new HashSet<(Guid, Guid)>();
        void Link(Guid a, Guid b)
        {
            if (a != b && edges.Add(ContactRequest.Pair(a, b)))
            {
                var since = now.AddDays(-faker.Random.Int(1, 700));
                db.Contacts.Add(new Contact { UserId = a, ContactUserId = b, CreatedAt = since });
                db.Contacts.Add(new Contact { UserId = b, ContactUserId = a, CreatedAt = since });
            }
        }
        // The demo member knows four people directly; their contacts are the 2nd degree.
        foreach (var id in others.Take(4))
            Link(member, id);
        foreach (var a in others)
            foreach (var b in faker.PickRandom(others, 4))
                Link(a, b);
        foreach (var from in others.Skip(30).Take(2))
        {
            var (low, high) = ContactRequest.Pair(from, member);
            if (edges.Contains((low, high)))
                continue;
            db.ContactRequests.Add(new ContactRequest
            {
                Id = Guid.CreateVersion7(now), FromUserId = from, ToUserId = member, PairLow = low, PairHigh = high,
                Message = "Hallo Mia, wir haben uns beim Unternehmerfrühstück kennengelernt. Lassen Sie uns vernetzen!",
                CreatedAt = now.AddHours(-faker.Random.Int(1, 72)),
            });
        }
        await db.SaveChangesAsync();
    }

    private sealed record Persona(string Industry, (string Female, string Male)[] Positions, string[] Skills, string[] Haves, string[] Wants,
        string[] Studies);

    // Believable people of a regional business network; each profile takes one persona and a random share of it.
    private static readonly Persona[] Personas =
    [
        new("software", [("Softwareentwicklerin", "Softwareentwickler"), ("Senior .NET Developer", "Senior .NET Developer"), ("Teamleiterin Entwicklung", "Teamleiter Entwicklung"), ("IT-Architektin", "IT-Architekt"), ("Entwicklerin Embedded Systems", "Entwickler Embedded Systems")],
            ["C#", ".NET", "ASP.NET Core", "PostgreSQL", "TypeScript", "Docker", "Azure", "Clean Code", "Scrum"],
            ["Code-Reviews", "Mentoring für Einsteiger", "Architekturberatung"], ["Spannende Projekte", "Remote-Arbeit"],
            ["Informatik", "Wirtschaftsinformatik"]),
        new("consulting", [("Unternehmensberaterin", "Unternehmensberater"), ("Senior Consultant", "Senior Consultant"), ("Managing Partner", "Managing Partner"), ("Projektleiterin", "Projektleiter")],
            ["Projektmanagement", "Change Management", "Prozessoptimierung", "PRINCE2", "Moderation", "SAP"],
            ["Workshops", "Interim-Management", "Strategieberatung"], ["Neue Mandanten", "Kooperationspartner"],
            ["Betriebswirtschaftslehre", "Wirtschaftsingenieurwesen"]),
        new("engineering", [("Maschinenbauingenieurin", "Maschinenbauingenieur"), ("Konstrukteurin", "Konstrukteur"), ("Leiterin Produktion", "Leiter Produktion"), ("Vertriebsingenieurin", "Vertriebsingenieur")],
            ["CAD", "SolidWorks", "Lean Management", "Six Sigma", "Qualitätsmanagement", "Fertigungstechnik"],
            ["Sondermaschinenbau", "Prozessberatung"], ["Zulieferer", "Fachkräfte"], ["Maschinenbau", "Mechatronik"]),
        new("healthcare", [("Ärztin", "Arzt"), ("Pflegedienstleitung", "Pflegedienstleitung"), ("Praxismanagerin", "Praxismanager"), ("Gesundheitsökonomin", "Gesundheitsökonom")],
            ["Patientenmanagement", "Qualitätssicherung", "Personalführung", "Medizinrecht", "Abrechnung"],
            ["Fortbildungen", "Praxisberatung"], ["Kooperationen mit Kliniken", "Fachpersonal"],
            ["Medizin", "Gesundheitsmanagement"]),
        new("finance", [("Controllerin", "Controller"), ("Finanzberaterin", "Finanzberater"), ("Leiterin Rechnungswesen", "Leiter Rechnungswesen"), ("Steuerfachangestellte", "Steuerfachangestellter")],
            ["Controlling", "IFRS", "HGB", "DATEV", "Excel", "Finanzplanung", "Reporting"],
            ["Finanzierungsberatung", "Jahresabschlüsse"], ["Mandate im Mittelstand", "Netzwerk zu Banken"],
            ["Betriebswirtschaftslehre", "Finanzwirtschaft"]),
        new("advertising", [("Marketing Managerin", "Marketing Manager"), ("Art Director", "Art Director"), ("Social-Media-Redakteurin", "Social-Media-Redakteur"), ("Leiterin Kommunikation", "Leiter Kommunikation")],
            ["Content Marketing", "SEO", "Kampagnenplanung", "Adobe Creative Cloud", "Storytelling", "Markenführung"],
            ["Texte und Konzepte", "Social-Media-Strategie"], ["Auftraggeber aus der Region", "Fotografen"],
            ["Kommunikationswissenschaft", "Mediendesign"]),
        new("logistics", [("Disponentin", "Disponent"), ("Supply Chain Managerin", "Supply Chain Manager"), ("Leiterin Lager und Logistik", "Leiter Lager und Logistik"), ("Einkäuferin", "Einkäufer")],
            ["Supply Chain Management", "SAP MM", "Tourenplanung", "Lagerverwaltung", "Verhandlungsführung"],
            ["Laderaum", "Logistikberatung"], ["Transportpartner", "Lagerflächen"], ["Logistik", "Betriebswirtschaft"]),
        new("education", [("Trainerin für Führungskräfte", "Trainer für Führungskräfte"), ("Dozentin", "Dozent"), ("Leiterin Weiterbildung", "Leiter Weiterbildung"), ("Coach", "Coach")],
            ["Didaktik", "Coaching", "E-Learning", "Präsentation", "Konfliktmanagement"],
            ["Seminare", "Einzelcoaching"], ["Unternehmen mit Weiterbildungsbedarf", "Seminarräume"],
            ["Erziehungswissenschaft", "Psychologie"]),
    ];

    private static readonly string[] Employers =
    [
        "Rheinwerk Digital GmbH", "Hanse Logistik AG", "Schwarzwald Maschinenbau GmbH", "Kanzlei Weber & Partner",
        "Stadtwerke Nordheim", "MedCare Praxisverbund", "Alpenblick Consulting", "Lindner Kommunikation",
        "Brückner Software KG", "Südpfalz Bildungswerk e. V.",
    ];

    private static readonly string[] Cities =
        ["Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Leipzig", "Dresden", "Freiburg", "Münster"];

    private static void FillProfile(MemberProfile p, Faker f, DateTimeOffset now, bool female)
    {
        var persona = f.PickRandom(Personas);
        // Job titles in the form that fits the member (Entwicklerin / Entwickler), as German members write them.
        string Title() { var t = f.PickRandom(persona.Positions); return female ? t.Female : t.Male; }
        p.Position = Title();
        p.Headline = $"{p.Position} · {f.PickRandom(persona.Skills)}";
        p.Employer = f.PickRandom(Employers);
        p.City = f.PickRandom(Cities);
        p.Country = "Deutschland";
        p.IndustryCode = persona.Industry;
        p.Skills = f.PickRandom(persona.Skills, f.Random.Int(3, persona.Skills.Length)).ToList();
        p.Haves = f.PickRandom(persona.Haves, f.Random.Int(1, persona.Haves.Length)).ToList();
        p.Wants = f.PickRandom(persona.Wants, f.Random.Int(1, persona.Wants.Length)).ToList();
        p.Interests = f.PickRandom(new[] { "Segeln", "Fotografie", "Ehrenamt", "Laufen", "Jazz", "Kochen", "Start-ups" }, 2).ToList();
        p.Summary = $"Seit {f.Random.Int(3, 20)} Jahren im Bereich {persona.Skills[0]} tätig. " +
                    "Ich freue mich über Austausch mit Menschen aus der Region.";
        p.Audience = f.Random.Bool(0.3f) ? ProfileAudience.Public : ProfileAudience.Members;

        var year = now.Year - f.Random.Int(1, 6);
        var id = () => Guid.CreateVersion7(now);
        p.Entries.Add(new ProfileEntry
        {
            Id = id(), Kind = EntryKind.Experience, Title = p.Position, Organisation = p.Employer,
            StartMonth = new DateOnly(year, f.Random.Int(1, 12), 1), IsCurrent = true,
        });
        p.Entries.Add(new ProfileEntry
        {
            Id = id(), Kind = EntryKind.Experience, Title = Title(),
            Organisation = f.PickRandom(Employers),
            StartMonth = new DateOnly(year - f.Random.Int(3, 8), f.Random.Int(1, 12), 1),
            EndMonth = new DateOnly(year, 1, 1),
        });
        var studyEnd = year - f.Random.Int(8, 12);
        p.Entries.Add(new ProfileEntry
        {
            Id = id(), Kind = EntryKind.Education, Title = f.PickRandom(persona.Studies),
            Organisation = $"Universität {f.PickRandom(Cities)}",
            StartMonth = new DateOnly(studyEnd - 5, 10, 1), EndMonth = new DateOnly(studyEnd, 9, 1),
        });
        p.Languages.Add(new ProfileLanguage { Id = id(), Name = "Deutsch", Level = LanguageLevel.Native });
        p.Languages.Add(new ProfileLanguage
        {
            Id = id(), Name = "Englisch", Level = f.PickRandom(LanguageLevel.B2, LanguageLevel.C1, LanguageLevel.C2),
        });
    }

    private static string Slug(string s) => new string(s.ToLowerInvariant()
        .Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("ß", "ss")
        .Normalize(System.Text.NormalizationForm.FormD) // é -> e + accent, and the accent is dropped below
        .Where(c => c is >= 'a' and <= 'z').ToArray());

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded a demo network of {Count} members")]
    private static partial void LogSeeded(ILogger logger, int count);

    // Warning, so that it shows with the production log level; written once, when the data is seeded.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo account {Email} has the password {Password} (random, shown only now)")]
    private static partial void LogRandomPassword(ILogger logger, string email, string password);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The other demo members share the password {Password} (random, shown only now)")]
    private static partial void LogRandomPasswordOthers(ILogger logger, string password);
}
