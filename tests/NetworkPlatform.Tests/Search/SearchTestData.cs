using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Search;

/// <summary>
/// Members written straight into the database (no password hashing), so a test can make dozens cheaply. Each test
/// gives its members a place of its own (<see cref="NewPlace"/>) and filters by it, so tests in one class, which share
/// a database, never see each other's members.
/// </summary>
public static class SearchTestData
{
    public static string NewPlace() => "Ort" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A word nobody else has, of letters only (a name or a term): the prefix and random letters.</summary>
    public static string NewWord(string prefix, int letters = 8) =>
        prefix + new string(Enumerable.Range(0, letters).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());

    public static async Task<Guid> AddMemberAsync(this AppFactory app, string first, string last,
        Action<MemberProfile>? edit = null, bool confirmed = true, DateTimeOffset? lockoutEnd = null) =>
        (await app.AddMembersAsync([(first, last, edit ?? (_ => { }))], confirmed, lockoutEnd))[0];

    public static Task<List<Guid>> AddMembersAsync(this AppFactory app,
        IEnumerable<(string First, string Last, Action<MemberProfile> Edit)> members, bool confirmed = true,
        DateTimeOffset? lockoutEnd = null) =>
        app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            var ids = new List<Guid>();
            foreach (var (first, last, edit) in members)
            {
                var email = TestData.UniqueEmail("search");
                var user = AppUser.Create(email, first, last, "en", now, emailConfirmed: confirmed);
                user.NormalizedEmail = user.NormalizedUserName = email.ToUpperInvariant();
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                user.LockoutEnd = lockoutEnd;
                db.Users.Add(user);
                var profile = new MemberProfile
                {
                    UserId = user.Id,
                    Slug = "m-" + user.Id.ToString("N"),
                    FullName = MemberProfile.FullNameOf(first, last),
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                edit(profile);
                db.Profiles.Add(profile);
                ids.Add(user.Id);
            }
            await db.SaveChangesAsync();
            return ids;
        });

    public static Task ConnectAsync(this AppFactory app, Guid a, Guid b) =>
        app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            db.Contacts.Add(new Contact { UserId = a, ContactUserId = b, CreatedAt = now });
            db.Contacts.Add(new Contact { UserId = b, ContactUserId = a, CreatedAt = now });
            return await db.SaveChangesAsync();
        });

    public static Task BlockAsync(this AppFactory app, Guid blocker, Guid blocked) =>
        app.WithDbAsync(async db =>
        {
            db.MemberBlocks.Add(new MemberBlock { BlockerId = blocker, BlockedId = blocked, CreatedAt = app.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

    /// <summary>A logged-in member (with a profile of their own) to search as.</summary>
    public static async Task<(Guid Id, HttpClient Client)> SearcherAsync(this AppFactory app, bool premium = false,
        string language = "en")
    {
        var user = await app.CreateMemberAsync(TestData.UniqueEmail("searcher"), first: "Sabine", last: "Sucher",
            culture: language);
        await app.WithDbAsync(db => new ProfileService(db, app.Clock).EnsureAsync(user.Id));
        if (premium)
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PremiumUntil, app.Clock.GetUtcNow().AddDays(30))));
        var client = app.NewClient(language: language);
        await client.LoginAsync(user.Email!);
        return (user.Id, client);
    }

    public static string Url(string? q, string? place, string extra = "") =>
        $"/search?q={Uri.EscapeDataString(q ?? "")}&city={Uri.EscapeDataString(place ?? "")}{extra}";

    /// <summary>The names of the members the page lists, in order.</summary>
    public static IReadOnlyList<string> HitNames(this Page page) =>
        page.Document.QuerySelectorAll("[data-testid=hit-name]").Select(a => a.TextContent.Trim()).ToList();

    /// <summary>The result card of the member of that name.</summary>
    public static AngleSharp.Dom.IElement Hit(this Page page, string name) =>
        page.Document.QuerySelectorAll("[data-testid=search-hit]")
            .Single(li => li.QuerySelector("[data-testid=hit-name]")!.TextContent.Trim() == name);

    public static async Task<IReadOnlyList<string>> SearchNamesAsync(this HttpClient client, string url)
    {
        var page = await client.OpenAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        return page.HitNames();
    }

    public static string? Count(this Page page) =>
        page.Document.QuerySelector("[data-testid=search-count]")?.TextContent.Trim();
}
