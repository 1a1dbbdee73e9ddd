namespace NetworkPlatform.Bench;

/// <summary>
/// The searchable text of a generated profile: position, skills, "I offer" (haves), "I am looking for" (wants),
/// interests, a short summary, languages and experience entries, German and English mixed like the demo seed
/// (src/NetworkPlatform.Web/Infrastructure/Demo/DemoSeeder.cs): each member takes a persona of their industry and a
/// random share of it, plus a few skills from a long tail.
///
/// The search benchmark needs terms whose frequency is known, so a handful of probe words are given to members with a
/// fixed probability and appear nowhere else in the vocabulary (their German and English stems are unique too):
/// <see cref="RareTerm"/> in 0.01 % of profiles, <see cref="MediumTerm"/> in 0.5 %, <see cref="CommonTerm"/> in 5 %.
/// </summary>
public static class ProfileText
{
    /// <summary>A skill in 0.01 % of profiles (100 at 1M): customs tariff law.</summary>
    public const string RareTerm = "Zolltarifrecht";
    public const double RareShare = 0.0001;

    /// <summary>A skill in 0.5 % of profiles (5,000 at 1M).</summary>
    public const string MediumTerm = "Kubernetes";
    public const double MediumShare = 0.005;

    /// <summary>An interest in 5 % of profiles (50,000 at 1M).</summary>
    public const string CommonTerm = "Nachhaltigkeit";
    public const double CommonShare = 0.05;

    public sealed record Persona(string[] Industries, string[] Positions, string[] Skills, string[] Haves, string[] Wants,
        string[] Studies);

    // The demo seed's personas, a few more, and English variants as people write them on a German network.
    public static readonly Persona[] Personas =
    [
        new(["software", "it-services", "telecom"],
            ["Softwareentwicklerin", "Softwareentwickler", "Senior .NET Developer", "Teamleiter Softwareentwicklung",
             "IT-Architekt", "Backend Developer", "Frontend-Entwicklerin", "Full Stack Developer", "DevOps Engineer"],
            ["C#", ".NET", "ASP.NET Core", "PostgreSQL", "TypeScript", "Docker", "Azure", "Clean Code", "Scrum", "Java",
             "Python", "React", "Node.js", "C++", "SQL", "Git", "Microservices"],
            ["Code-Reviews", "Mentoring für Einsteiger", "Architekturberatung", "Freelance development"],
            ["Spannende Projekte", "Remote-Arbeit", "New challenges"],
            ["Informatik", "Wirtschaftsinformatik", "Computer Science"]),
        new(["consulting", "hr", "legal", "government"],
            ["Unternehmensberater", "Senior Consultant", "Managing Partner", "Projektleiterin", "HR Business Partner",
             "Rechtsanwältin", "Referent"],
            ["Projektmanagement", "Change Management", "Prozessoptimierung", "PRINCE2", "Moderation", "SAP",
             "Arbeitsrecht", "Recruiting", "Vertragsrecht"],
            ["Workshops", "Interim-Management", "Strategieberatung", "Legal advice"],
            ["Neue Mandanten", "Kooperationspartner", "Business partners"],
            ["Betriebswirtschaftslehre", "Wirtschaftsingenieurwesen", "Rechtswissenschaft"]),
        new(["engineering", "manufacturing", "automotive", "aerospace", "electronics", "chemicals", "energy"],
            ["Maschinenbauingenieur", "Konstrukteurin", "Leiter Produktion", "Vertriebsingenieur", "Process Engineer",
             "Elektroingenieurin", "Quality Manager"],
            ["CAD", "SolidWorks", "Lean Management", "Six Sigma", "Qualitätsmanagement", "Fertigungstechnik",
             "Automatisierung", "SPS-Programmierung", "Elektrotechnik"],
            ["Sondermaschinenbau", "Prozessberatung", "Engineering services"], ["Zulieferer", "Fachkräfte", "Suppliers"],
            ["Maschinenbau", "Mechatronik", "Elektrotechnik"]),
        new(["healthcare", "pharma", "biotech", "research"],
            ["Ärztin", "Pflegedienstleitung", "Praxismanager", "Gesundheitsökonomin", "Clinical Research Associate",
             "Apothekerin", "Laborleiter"],
            ["Patientenmanagement", "Qualitätssicherung", "Personalführung", "Medizinrecht", "Abrechnung",
             "Klinische Studien", "GMP", "Labordiagnostik"],
            ["Fortbildungen", "Praxisberatung", "Clinical trials support"],
            ["Kooperationen mit Kliniken", "Fachpersonal", "Research partners"],
            ["Medizin", "Gesundheitsmanagement", "Pharmazie", "Biologie"]),
        new(["finance", "banking", "insurance", "accounting", "real-estate"],
            ["Controllerin", "Finanzberater", "Leiterin Rechnungswesen", "Steuerfachangestellter", "Financial Analyst",
             "Immobilienmaklerin", "Versicherungskaufmann"],
            ["Controlling", "IFRS", "HGB", "DATEV", "Excel", "Finanzplanung", "Reporting", "Risikomanagement",
             "Immobilienbewertung"],
            ["Finanzierungsberatung", "Jahresabschlüsse", "Financial planning"],
            ["Mandate im Mittelstand", "Netzwerk zu Banken", "Investors"],
            ["Betriebswirtschaftslehre", "Finanzwirtschaft", "Economics"]),
        new(["advertising", "media", "public-relations", "arts", "fashion", "events"],
            ["Marketing Managerin", "Art Director", "Social-Media-Redakteur", "Leiterin Kommunikation",
             "Content Creator", "Pressesprecherin", "Event Manager"],
            ["Content Marketing", "SEO", "Kampagnenplanung", "Adobe Creative Cloud", "Storytelling", "Markenführung",
             "Pressearbeit", "Videoproduktion", "Social Media"],
            ["Texte und Konzepte", "Social-Media-Strategie", "Brand workshops"],
            ["Auftraggeber aus der Region", "Fotografen", "Creative freelancers"],
            ["Kommunikationswissenschaft", "Mediendesign", "Journalismus"]),
        new(["logistics", "retail", "consumer-goods", "food", "agriculture"],
            ["Disponent", "Supply Chain Managerin", "Leiter Lager und Logistik", "Einkäuferin", "Key Account Manager",
             "Filialleiterin", "Category Manager"],
            ["Supply Chain Management", "SAP MM", "Tourenplanung", "Lagerverwaltung", "Verhandlungsführung",
             "Einkauf", "Vertrieb", "E-Commerce"],
            ["Laderaum", "Logistikberatung", "Sourcing in Asia"], ["Transportpartner", "Lagerflächen", "New customers"],
            ["Logistik", "Betriebswirtschaft", "Handelsmanagement"]),
        new(["education", "nonprofit", "sports"],
            ["Trainerin für Führungskräfte", "Dozent", "Leiterin Weiterbildung", "Coach", "Projektkoordinatorin",
             "Sporttherapeut"],
            ["Didaktik", "Coaching", "E-Learning", "Präsentation", "Konfliktmanagement", "Fundraising",
             "Teamentwicklung"],
            ["Seminare", "Einzelcoaching", "Keynotes"], ["Unternehmen mit Weiterbildungsbedarf", "Seminarräume", "Speakers"],
            ["Erziehungswissenschaft", "Psychologie", "Sportwissenschaft"]),
        new(["construction", "architecture", "environment", "tourism", "hospitality"],
            ["Architektin", "Bauleiter", "Projektingenieurin", "Hotelmanager", "Stadtplaner", "Umweltgutachterin"],
            ["BIM", "AutoCAD", "Bauleitung", "Energieberatung", "Ausschreibung", "Revenue Management",
             "Genehmigungsplanung"],
            ["Planungsleistungen", "Gutachten", "Site supervision"], ["Bauherren", "Handwerksbetriebe", "Investors"],
            ["Architektur", "Bauingenieurwesen", "Tourismusmanagement"]),
    ];

    /// <summary>
    /// Skills anyone may have besides their persona's, drawn by a Zipf law (the first is common, the last rare).
    /// None of them shares a stem with a probe term.
    /// </summary>
    private static readonly string[] LongTail =
    [
        "Englisch verhandlungssicher", "Teamführung", "MS Office", "Kundenberatung", "Agile Methoden", "Kommunikation",
        "Public Speaking", "Budgetplanung", "Jira", "Confluence", "Power BI", "Tableau", "Data Analytics",
        "Machine Learning", "Künstliche Intelligenz", "Cloud Computing", "IT-Sicherheit", "Datenschutz", "DSGVO",
        "ISO 9001", "Lieferantenmanagement", "Produktmanagement", "UX Design", "Figma", "Salesforce", "HubSpot",
        "CRM", "ERP", "Interkulturelle Kompetenz", "Design Thinking", "OKR", "Kanban", "Lean Startup",
        "Business Development", "Akquise", "Messeorganisation", "Fördermittel", "Ausbildereignung", "Erste Hilfe",
        "Gesprächsführung", "Mediation", "Wissensmanagement", "Innovationsmanagement", "Rust", "Go", "Kotlin",
        "Swift", "Terraform", "Ansible", "Linux", "Netzwerktechnik", "Embedded Systems", "FPGA", "Robotik",
        "Photovoltaik", "Wasserstoff", "Kreislaufwirtschaft", "Arbeitsschutz", "Brandschutz", "Facility Management",
    ];

    private static readonly string[] Interests =
    [
        "Segeln", "Fotografie", "Ehrenamt", "Laufen", "Jazz", "Kochen", "Start-ups", "Radfahren", "Wandern", "Lesen",
        "Reisen", "Schach", "Klettern", "Tennis", "Gitarre", "Gartenarbeit", "Digitalisierung", "Mentoring",
        "Travel", "Running", "Photography", "Podcasts", "Theater", "Yoga",
    ];

    /// <summary>Spoken besides German (which 95 % list): share of members.</summary>
    private static readonly (string Name, double Share)[] Languages =
    [
        ("Englisch", 0.7), ("Französisch", 0.12), ("Spanisch", 0.07), ("Italienisch", 0.04), ("Türkisch", 0.03),
        ("Polnisch", 0.02), ("Russisch", 0.02), ("Niederländisch", 0.015), ("Arabisch", 0.01), ("Chinesisch", 0.005),
    ];

    private static readonly double[] LongTailCumulative = Cumulative(LongTail.Length, 0.9);

    public sealed record Text(string Position, string Headline, string[] Skills, string[] Haves, string[] Wants,
        string[] Interests, string Summary, (string Name, int Level)[] Languages, Entry[] Entries);

    public sealed record Entry(int Kind, string Title, string Organisation, DateOnly Start, DateOnly? End, bool Current);

    public static Persona PersonaFor(string? industry, Random rng)
    {
        if (industry is not null)
        {
            foreach (var p in Personas)
            {
                if (Array.IndexOf(p.Industries, industry) >= 0)
                    return p;
            }
        }
        return Personas[rng.Next(Personas.Length)];
    }

    public static Text Make(Persona persona, string? employer, string city, string[] otherEmployers, DateTime now,
        Random rng)
    {
        var position = Pick(persona.Positions, rng);
        var skills = PickSome(persona.Skills, rng.Next(3, Math.Min(8, persona.Skills.Length) + 1), rng).ToList();
        for (var i = rng.Next(0, 4); i > 0; i--)
        {
            var s = LongTail[Zipf(LongTailCumulative, rng)];
            if (!skills.Contains(s))
                skills.Add(s);
        }
        if (rng.NextDouble() < RareShare)
            skills.Add(RareTerm);
        if (rng.NextDouble() < MediumShare)
            skills.Insert(rng.Next(skills.Count + 1), MediumTerm);

        var interests = PickSome(Interests, rng.Next(0, 4), rng).ToList();
        if (rng.NextDouble() < CommonShare)
            interests.Insert(rng.Next(interests.Count + 1), CommonTerm);

        var headline = rng.NextDouble() switch
        {
            < 0.45 when employer is not null => $"{position} bei {employer}",
            < 0.55 when employer is not null => $"{position} at {employer}",
            < 0.85 => $"{position} · {skills[0]}",
            _ => position,
        };
        var years = rng.Next(2, 30);
        var summary = rng.NextDouble() < 0.8
            ? $"Seit {years} Jahren im Bereich {skills[0]} tätig, zuletzt als {position}. " +
              $"Schwerpunkte: {string.Join(", ", skills.Take(3))}. Ich freue mich über Austausch mit Menschen aus {city} und Umgebung."
            : $"{years} years of experience in {skills[0]}, currently {position}. " +
              $"Focus on {string.Join(", ", skills.Take(3))}. Happy to connect with people in {city}.";

        var languages = new List<(string, int)>();
        if (rng.NextDouble() < 0.95)
            languages.Add(("Deutsch", 7));
        foreach (var (name, share) in Languages)
        {
            if (rng.NextDouble() < share)
                languages.Add((name, rng.Next(2, 7)));
        }

        // The current job (the profile's position and employer), often one before it, and the studies.
        var entries = new List<Entry>();
        var started = new DateOnly(now.Year - rng.Next(0, Math.Min(years, 10) + 1), rng.Next(1, 13), 1);
        entries.Add(new Entry(0, position, employer ?? "Selbstständig", started, null, true));
        var careerStart = new DateOnly(now.Year - years, rng.Next(1, 13), 1);
        if (careerStart < started && rng.NextDouble() < 0.7)
            entries.Add(new Entry(0, Pick(persona.Positions, rng), Pick(otherEmployers, rng), careerStart, started, false));
        var studyEnd = careerStart.Year - rng.Next(0, 2);
        entries.Add(new Entry(1, Pick(persona.Studies, rng), $"Universität {city}",
            new DateOnly(studyEnd - 5, 10, 1), new DateOnly(studyEnd, 9, 1), false));

        return new Text(position, headline, skills.ToArray(), PickSome(persona.Haves, rng.Next(1, persona.Haves.Length + 1), rng),
            PickSome(persona.Wants, rng.Next(1, persona.Wants.Length + 1), rng), interests.ToArray(), summary,
            languages.ToArray(), entries.ToArray());
    }

    private static T Pick<T>(T[] items, Random rng) => items[rng.Next(items.Length)];

    private static string[] PickSome(string[] items, int count, Random rng)
    {
        count = Math.Min(count, items.Length);
        var copy = (string[])items.Clone();
        for (var i = 0; i < count; i++)
        {
            var j = rng.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy[..count];
    }

    private static double[] Cumulative(int n, double exponent)
    {
        var c = new double[n];
        double total = 0;
        for (var i = 0; i < n; i++)
            c[i] = total += Math.Pow(i + 1, -exponent);
        return c;
    }

    private static int Zipf(double[] cumulative, Random rng)
    {
        var x = rng.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }
}
