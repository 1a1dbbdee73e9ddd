using Bogus;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Companies;

namespace NetworkPlatform.Web.Infrastructure.Demo;

public partial class DemoSeeder
{
    private sealed record DemoCompany(string Name, string Industry, CompanySize Size, int Founded, string City,
        string Tagline, string Description, string[] Specialities, string Domain, string[] Locations);

    // The employers the demo profiles name, and two more; each gets a page with the recruiter as its admin.
    private static readonly DemoCompany[] Companies =
    [
        new("Rheinwerk Digital GmbH", "software", CompanySize.From51To200, 2009, "Köln", "Software für den Mittelstand, gebaut am Rhein",
            "Wir entwickeln **Individualsoftware** und Cloud-Plattformen für mittelständische Unternehmen.\n\n- Webanwendungen mit ASP.NET Core\n- Datenplattformen auf PostgreSQL\n- Beratung zu Architektur und Betrieb",
            ["Softwareentwicklung", ".NET", "Cloud", "PostgreSQL"], "rheinwerk-digital.example", ["Bonn, Deutschland"]),
        new("Hanse Logistik AG", "logistics", CompanySize.From1001To5000, 1987, "Hamburg", "Logistik zwischen Hafen und Hinterland",
            "Kontraktlogistik, Seefracht und Lagerlösungen für Handel und Industrie – mit eigenen Standorten in ganz Norddeutschland.",
            ["Kontraktlogistik", "Seefracht", "Lagerlogistik"], "hanse-logistik.example", ["Bremen, Deutschland", "Rostock, Deutschland"]),
        new("Schwarzwald Maschinenbau GmbH", "engineering", CompanySize.From201To500, 1952, "Freiburg", "Sondermaschinen aus dem Schwarzwald",
            "Familienunternehmen in dritter Generation: Wir konstruieren und fertigen Sondermaschinen für die Automobil- und Medizintechnik.",
            ["Sondermaschinenbau", "Automatisierung", "Konstruktion"], "schwarzwald-maschinenbau.example", []),
        new("Kanzlei Weber & Partner", "finance", CompanySize.From11To50, 1996, "Frankfurt am Main", "Steuerberatung und Wirtschaftsprüfung",
            "Wir beraten Unternehmen und Selbstständige in Steuerfragen, erstellen Jahresabschlüsse und begleiten Finanzierungen.",
            ["Steuerberatung", "Jahresabschluss", "Finanzierung"], "weber-partner.example", []),
        new("Stadtwerke Nordheim", "energy", CompanySize.From501To1000, 1901, "Münster", "Energie, Wasser und Mobilität für die Region",
            "Als kommunaler Versorger liefern wir Strom, Gas und Wasser und bauen das Netz für erneuerbare Energien aus.",
            ["Energieversorgung", "Erneuerbare Energien", "Netzbetrieb"], "stadtwerke-nordheim.example", []),
        new("MedCare Praxisverbund", "healthcare", CompanySize.From201To500, 2011, "München", "Gemeinsam für bessere Versorgung",
            "Ein Verbund von 24 Arztpraxen, der Verwaltung, Abrechnung und Weiterbildung gemeinsam organisiert.",
            ["Praxismanagement", "Abrechnung", "Weiterbildung"], "medcare-verbund.example", ["Augsburg, Deutschland"]),
        new("Alpenblick Consulting", "consulting", CompanySize.From11To50, 2015, "München", "Strategie und Wandel für den Mittelstand",
            "Wir begleiten Unternehmen bei Strategie, Organisationsentwicklung und Change-Projekten – pragmatisch und umsetzungsstark.",
            ["Strategieberatung", "Change Management", "Interim-Management"], "alpenblick-consulting.example", []),
        new("Lindner Kommunikation", "advertising", CompanySize.From1To10, 2018, "Berlin", "Marken, die man sich merkt",
            "Agentur für Markenführung, Content und Social Media. Klein, schnell und mit Liebe zum Detail.",
            ["Markenführung", "Content Marketing", "Social Media"], "lindner-kommunikation.example", []),
        new("Brückner Software KG", "software", CompanySize.From11To50, 2004, "Leipzig", "Branchensoftware für Handwerk und Bau",
            "Unsere Software plant Aufträge, Material und Einsätze für über 2.000 Handwerksbetriebe.",
            ["Branchensoftware", "SaaS", "Handwerk"], "brueckner-software.example", ["Dresden, Deutschland"]),
        new("Südpfalz Bildungswerk e. V.", "education", CompanySize.From51To200, 1979, "Stuttgart", "Weiterbildung, die ankommt",
            "Seminare, Lehrgänge und Coaching für Fach- und Führungskräfte, in Präsenz und online.",
            ["Weiterbildung", "Führungskräfteentwicklung", "E-Learning"], "suedpfalz-bildungswerk.example", []),
        new("Elbtal Solar GmbH", "energy", CompanySize.From51To200, 2012, "Dresden", "Solaranlagen für Gewerbe und Kommunen",
            "Planung, Bau und Betrieb von Photovoltaikanlagen auf Dächern und Freiflächen in Sachsen und Brandenburg.",
            ["Photovoltaik", "Projektentwicklung", "Energiewende"], "elbtal-solar.example", []),
        new("Kaffeerösterei Hansen", "food", CompanySize.From1To10, 2016, "Hamburg", "Handgeröstet in Ottensen",
            "Kleine Rösterei mit Café und Onlineshop; wir beliefern Büros und Gastronomie in Hamburg.",
            ["Kaffee", "Gastronomie", "Direkthandel"], "kaffee-hansen.example", []),
    ];

    /// <summary>
    /// A dozen company pages with the recruiter as admin; the demo profiles' current positions linked to them (some
    /// confirmed), and followers.
    /// </summary>
    private async Task SeedCompaniesAsync(Faker faker, DateTimeOffset now)
    {
        var recruiter = await db.Users.Where(u => u.Email == RecruiterEmail).Select(u => u.Id).SingleAsync();
        var members = await db.Users.Select(u => u.Id).ToListAsync();
        var pages = new Dictionary<string, CompanyPage>();
        foreach (var c in Companies)
        {
            var page = new CompanyPage
            {
                Id = Guid.CreateVersion7(now), Slug = CompanyPage.SlugFrom(c.Name), Name = c.Name, Tagline = c.Tagline,
                Description = c.Description, IndustryCode = NetworkPlatform.Domain.Profiles.Industries.IsKnown(c.Industry) ? c.Industry : null,
                Size = c.Size, FoundedYear = c.Founded, City = c.City, Country = "Deutschland",
                Locations = [.. c.Locations], Website = $"https://www.{c.Domain}", Specialities = [.. c.Specialities],
                EmailDomains = [c.Domain], VerifiedAt = pages.Count % 3 == 0 ? now : null,
                CreatedAt = now.AddDays(-faker.Random.Int(30, 400)), UpdatedAt = now,
            };
            pages[c.Name] = page;
            db.CompanyPages.Add(page);
            db.CompanyAdmins.Add(new CompanyAdmin { CompanyId = page.Id, UserId = recruiter, AddedAt = page.CreatedAt });
        }
        await db.SaveChangesAsync();

        var entries = await db.ProfileEntries.Where(e => e.Kind == NetworkPlatform.Domain.Profiles.EntryKind.Experience).ToListAsync();
        foreach (var e in entries)
        {
            if (!pages.TryGetValue(e.Organisation, out var page))
                continue;
            e.CompanyId = page.Id;
            if (e.IsCurrent && faker.Random.Bool(0.4f))
            {
                e.EmploymentConfirmedAt = now.AddDays(-faker.Random.Int(1, 200));
                e.ConfirmedDomain = page.EmailDomains[0];
            }
        }
        foreach (var page in pages.Values)
            foreach (var follower in faker.PickRandom(members, Math.Min(members.Count, faker.Random.Int(2, 12))))
                db.CompanyFollows.Add(new CompanyFollow
                {
                    CompanyId = page.Id, UserId = follower, FollowedAt = now.AddDays(-faker.Random.Int(0, 80)),
                });
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE "CompanyPages" c SET "FollowerCount" = (SELECT count(*) FROM "CompanyFollows" f WHERE f."CompanyId" = c."Id")
            """);
        await EmploymentService.RecountEmployeesAsync(db, pages.Values.Select(p => (Guid?)p.Id), default);
    }
}
