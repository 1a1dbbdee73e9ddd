using Bogus;
using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Bench;

/// <summary>
/// Names, employers, industries and cities for the generated members. Bogus (German locale) fills pools once;
/// members then draw from the pools, which is fast enough for a million members and keeps the run reproducible.
/// Employers follow the communities of the contact graph: most members of a community work for one of a handful
/// of its companies, so "same employer" suggestions have something to find, as in a real network.
/// </summary>
public sealed class MemberData
{
    public const int CompanyCount = 2000;

    private readonly string[] _firstNames;
    private readonly string[] _lastNames;
    private readonly string[] _cities;
    private readonly string[] _companies;
    private readonly string[] _companyIndustry;
    private readonly double[] _companyCumulative;
    private readonly int[][] _communityCompanies;
    private readonly int[] _communityCity;
    private readonly double[] _lastNameCumulative;

    /// <summary>
    /// The most common German surnames with roughly their share of the population, so that name searches meet the
    /// crowds they meet in reality (Müller about 0.7 %); "Schmitt" is there for "Schmidt" typos. The rest of the
    /// members draw from Bogus' list, evenly.
    /// </summary>
    public static readonly (string Name, double Share)[] CommonLastNames =
    [
        ("Müller", 0.007), ("Schmidt", 0.005), ("Schneider", 0.003), ("Fischer", 0.003), ("Weber", 0.0025),
        ("Meyer", 0.0025), ("Wagner", 0.0023), ("Becker", 0.002), ("Schulz", 0.002), ("Hoffmann", 0.002),
        ("Schäfer", 0.0015), ("Koch", 0.0015), ("Bauer", 0.0015), ("Richter", 0.0014), ("Klein", 0.0014),
        ("Wolf", 0.0013), ("Schröder", 0.0012), ("Neumann", 0.0012), ("Schwarz", 0.0012), ("Schmitt", 0.001),
        ("Zimmermann", 0.001), ("Braun", 0.001), ("Krüger", 0.001), ("Hofmann", 0.001), ("Hartmann", 0.001),
    ];

    public int[] FirstName { get; }
    public int[] LastName { get; }
    public DateTime[] CreatedAt { get; }
    public Guid[] Ids { get; }

    private readonly string _tag;
    private readonly string _domain;

    /// <param name="tag">Marks another batch of members (the search benchmark's burst of sign-ups): their slugs,
    /// user names and e-mail domain carry it, so they are unique beside the generated members and easy to remove.</param>
    /// <param name="joinedFrom">When the first of them joined (default: eight years before <paramref name="now"/>).</param>
    public MemberData(int members, int communities, int seed, DateTime now, string tag = "", DateTime? joinedFrom = null)
    {
        _tag = tag;
        _domain = tag == "" ? "example.com" : $"{tag}.example.com";
        _now = now;
        var faker = new Faker("de") { Random = new Randomizer(seed) };
        _firstNames = Unique(() => faker.Name.FirstName(), 400);
        var common = CommonLastNames.Select(c => c.Name).ToHashSet();
        _lastNames = [.. CommonLastNames.Select(c => c.Name),
            .. Unique(() => faker.Name.LastName() is var l && common.Contains(l) ? "" : l, 601).Where(l => l != "").Take(575)];
        _lastNameCumulative = new double[_lastNames.Length];
        var commonShare = CommonLastNames.Sum(c => c.Share);
        double cumulative = 0;
        for (var i = 0; i < _lastNames.Length; i++)
            _lastNameCumulative[i] = cumulative += i < CommonLastNames.Length
                ? CommonLastNames[i].Share
                : (1 - commonShare) / (_lastNames.Length - CommonLastNames.Length);
        _cities = Unique(() => faker.Address.City(), 300);
        _companies = Unique(() => faker.Company.CompanyName(), CompanyCount);
        _companyIndustry = _companies.Select(_ => faker.PickRandom(Industries.All.ToArray())).ToArray();

        // Company sizes follow a Zipf law: a few large employers (the largest has about 2 % of the members), a long
        // tail of small ones.
        _companyCumulative = new double[CompanyCount];
        double total = 0;
        for (var i = 0; i < CompanyCount; i++)
            _companyCumulative[i] = total += Math.Pow(i + 1, -0.6);

        var rng = new Random(seed);
        _communityCompanies = Enumerable.Range(0, communities)
            .Select(_ => Enumerable.Range(0, 12).Select(_ => ZipfCompany(rng)).ToArray()).ToArray();
        _communityCity = Enumerable.Range(0, communities).Select(_ => rng.Next(_cities.Length)).ToArray();

        FirstName = new int[members];
        LastName = new int[members];
        CreatedAt = new DateTime[members];
        Ids = new Guid[members];
        // Members joined over eight years, in index order; ids are UUIDv7 like AppUser.Create makes them, so they
        // are ordered by sign-up time as in production (random bits from the seeded generator, for reproducibility).
        var start = joinedFrom ?? now.AddYears(-8);
        var span = (now.AddDays(-1) - start).Ticks;
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < members; i++)
        {
            FirstName[i] = rng.Next(_firstNames.Length);
            var x = rng.NextDouble() * _lastNameCumulative[^1];
            var k = Array.BinarySearch(_lastNameCumulative, x);
            LastName[i] = Math.Min(k < 0 ? ~k : k, _lastNames.Length - 1);
            CreatedAt[i] = start.AddTicks((long)(span * ((i + rng.NextDouble()) / members)));
            Ids[i] = UuidV7(CreatedAt[i], rng, bytes);
        }
    }

    public string First(int member) => _firstNames[FirstName[member]];
    public string Last(int member) => _lastNames[LastName[member]];
    public string FullName(int member) => MemberProfile.FullNameOf(First(member), Last(member));
    public IReadOnlyList<string> FirstNames => _firstNames;
    public IReadOnlyList<string> LastNames => _lastNames;
    public IReadOnlyList<string> Cities => _cities;
    public IReadOnlyList<string> Companies => _companies;

    /// <summary>Unique by construction: the member's number in base 36 after the last dash, and names have no digits.</summary>
    public string Slug(int member) =>
        $"{MemberProfile.SlugFrom($"{First(member)} {Last(member)}")}-{_tag}{Base36(member)}";

    public string Email(int member) => $"{Slug(member)}@{_domain}";

    private readonly DateTime _now;

    public ProfileFields Profile(int member, int community, Random rng)
    {
        int? company = rng.NextDouble() switch
        {
            < 0.05 => null,
            < 0.75 when community >= 0 => _communityCompanies[community][rng.Next(_communityCompanies[community].Length)],
            _ => ZipfCompany(rng),
        };
        var employer = company is { } c ? _companies[c] : null;
        var industry = rng.NextDouble() switch
        {
            < 0.03 => null,
            < 0.85 when company is { } k => _companyIndustry[k],
            _ => Industries.All[rng.Next(Industries.All.Count)],
        };
        var city = community >= 0 && rng.NextDouble() < 0.7 ? _cities[_communityCity[community]] : _cities[rng.Next(_cities.Length)];
        var text = ProfileText.Make(ProfileText.PersonaFor(industry, rng), employer, city, _companies, _now, rng);
        return new ProfileFields(Truncate(text.Headline, MemberProfile.HeadlineMaxLength), Truncate(text.Position, 120),
            employer, city, industry, rng.NextDouble() < 0.04 ? "Dr." : null, text);
    }

    private int ZipfCompany(Random rng)
    {
        var x = rng.NextDouble() * _companyCumulative[^1];
        var i = Array.BinarySearch(_companyCumulative, x);
        return Math.Min(i < 0 ? ~i : i, CompanyCount - 1);
    }

    private static string[] Unique(Func<string> next, int count)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var attempts = 0; set.Count < count && attempts < count * 200; attempts++)
            set.Add(next());
        // Not enough distinct values in the locale's list: number the rest.
        var list = set.ToList();
        for (var i = list.Count; i < count; i++)
            list.Add($"{list[i % Math.Max(1, set.Count)]} {i}");
        return list.ToArray();
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private static string Base36(int n)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        if (n == 0)
            return "0";
        Span<char> buf = stackalloc char[8];
        var pos = buf.Length;
        while (n > 0)
        {
            buf[--pos] = digits[n % 36];
            n /= 36;
        }
        return new string(buf[pos..]);
    }

    internal static Guid UuidV7(DateTime at, Random rng, Span<byte> bytes)
    {
        rng.NextBytes(bytes);
        var ms = (long)(at - DateTime.UnixEpoch).TotalMilliseconds;
        for (var i = 0; i < 6; i++)
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}

public sealed record ProfileFields(string Headline, string Position, string? Employer, string City, string? Industry,
    string? AcademicTitle, ProfileText.Text Text);
