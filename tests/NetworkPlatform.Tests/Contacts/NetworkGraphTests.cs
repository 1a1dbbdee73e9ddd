using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Contacts;

/// <summary>
/// A small hand-made network whose answers are known:
/// <code>
///   A — B — C — D — F        G (alone, same employer as A)
///   A — E — C    D — H       F has A's industry
/// </code>
/// </summary>
public class GraphFactory : AppFactory
{
    public Dictionary<string, Guid> Members { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var app = this;
        var _m = Members;
        foreach (var name in new[] { "A", "B", "C", "D", "E", "F", "G", "H" })
        {
            var user = await app.CreateMemberAsync(TestData.UniqueEmail("graph" + name), first: name, last: "Graph");
            _m[name] = user.Id;
        }
        await app.WithDbAsync(async db =>
        {
            foreach (var (name, id) in _m)
            {
                db.Profiles.Add(new MemberProfile
                {
                    UserId = id,
                    Slug = $"graph-{name.ToLowerInvariant()}-{id.ToString("N")[^10..]}",
                    Employer = name is "A" or "G" ? "Example GmbH" : "Other AG",
                    IndustryCode = name is "A" or "F" ? "software" : "retail",
                });
            }
            foreach (var (x, y) in new[] { ("A", "B"), ("B", "C"), ("A", "E"), ("E", "C"), ("C", "D"), ("D", "F"), ("D", "H") })
            {
                db.Contacts.Add(new Contact { UserId = _m[x], ContactUserId = _m[y], CreatedAt = DateTimeOffset.UtcNow });
                db.Contacts.Add(new Contact { UserId = _m[y], ContactUserId = _m[x], CreatedAt = DateTimeOffset.UtcNow });
            }
            return await db.SaveChangesAsync();
        });
    }
}

public class NetworkGraphTests(GraphFactory app) : IClassFixture<GraphFactory>
{
    private readonly Dictionary<string, Guid> _m = app.Members;

    private async Task<T> Network<T>(Func<NetworkService, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<NetworkService>());
    }

    private async Task<T> Suggestions<T>(Func<SuggestionService, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<SuggestionService>());
    }

    [Fact]
    public async Task Degrees_are_first_second_or_none_as_the_graph_says()
    {
        var all = _m.Values.ToList();
        var degrees = await Network(n => n.DegreesAsync(_m["A"], all));

        Assert.Equal(1, degrees[_m["B"]]);
        Assert.Equal(1, degrees[_m["E"]]);
        Assert.Equal(2, degrees[_m["C"]]);
        // Three steps away: the contact C–D is on no list A may see (A knows neither), so no badge (NetworkVisibility).
        Assert.Null(degrees[_m["D"]]);
        Assert.Null(degrees[_m["F"]]);
        Assert.Null(degrees[_m["H"]]);
        Assert.Null(degrees[_m["G"]]);
        Assert.Null(degrees[_m["A"]]);
    }

    [Fact]
    public async Task The_path_to_a_second_degree_member_lists_both_equally_short_ways()
    {
        var paths = await Network(n => n.PathsAsync(_m["A"], _m["C"]));

        Assert.Equal(2, paths.Count);
        Assert.All(paths, p => Assert.Equal(new[] { "A", "C" }, new[] { p[0].FirstName, p[^1].FirstName }));
        Assert.Equal(new[] { "B", "E" }, paths.Select(p => p[1].FirstName).Order());
    }

    [Fact]
    public async Task The_path_never_goes_through_a_member_whose_account_deletion_is_pending()
    {
        async Task Pending(DateTimeOffset? at) => await app.WithDbAsync(async db =>
        {
            var e = await db.Users.SingleAsync(u => u.Id == _m["E"]);
            e.DeletionRequestedAt = at;
            return await db.SaveChangesAsync();
        });
        await Pending(DateTimeOffset.UtcNow);
        try
        {
            var paths = await Network(n => n.PathsAsync(_m["A"], _m["C"]));
            Assert.Equal("B", Assert.Single(paths)[1].FirstName);
        }
        finally
        {
            await Pending(null);
        }
    }

    [Fact]
    public async Task There_is_no_path_beyond_the_second_degree_or_to_an_unconnected_member()
    {
        // A -> B -> C -> D would show A that C and D are contacts, though A may see neither's list.
        Assert.Empty(await Network(n => n.PathsAsync(_m["A"], _m["D"])));
        Assert.Empty(await Network(n => n.PathsAsync(_m["D"], _m["A"])));
        Assert.Empty(await Network(n => n.PathsAsync(_m["A"], _m["F"])));
        Assert.Empty(await Network(n => n.PathsAsync(_m["A"], _m["G"])));
        Assert.Empty(await Network(n => n.PathsAsync(_m["A"], _m["B"])));
    }

    [Fact]
    public async Task A_path_never_leads_through_a_member_in_a_block_with_either_end()
    {
        // C blocks B (written straight into the table, so the contact B–C stays): B may no longer be a step between
        // A and C.
        await app.WithDbAsync(db =>
        {
            db.MemberBlocks.Add(new MemberBlock { BlockerId = _m["C"], BlockedId = _m["B"], CreatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        try
        {
            var paths = await Network(n => n.PathsAsync(_m["A"], _m["C"]));
            var path = Assert.Single(paths);
            Assert.Equal(new[] { "A", "E", "C" }, path.Select(p => p.FirstName));
        }
        finally
        {
            await app.WithDbAsync(db => db.MemberBlocks.Where(b => b.BlockerId == _m["C"]).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task Direct_contacts_have_no_path_even_when_one_of_them_has_a_block()
    {
        // B blocks H, who has nothing to do with A. A and B are contacts: no path, not A -> E -> C -> B.
        await app.WithDbAsync(db =>
        {
            db.MemberBlocks.Add(new MemberBlock { BlockerId = _m["B"], BlockedId = _m["H"], CreatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        try
        {
            Assert.Empty(await Network(n => n.PathsAsync(_m["A"], _m["B"])));
        }
        finally
        {
            await app.WithDbAsync(db => db.MemberBlocks.Where(b => b.BlockerId == _m["B"]).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task People_you_may_know_come_by_shared_contacts_then_employer_then_industry()
    {
        var (suggestions, degrees) = await Suggestions(n => n.SuggestionsAsync(_m["A"]));

        Assert.Equal(new[] { "C", "G", "F" }, suggestions.Select(s => s.FirstName));
        Assert.Equal(2, suggestions[0].SharedContacts);
        // The degree comes with the suggestion, as DegreesAsync would give it.
        var separately = await Network(n => n.DegreesAsync(_m["A"], suggestions.Select(s => s.UserId).ToList()));
        Assert.Equal(2, degrees[suggestions[0].UserId]);
        Assert.Equal(separately.OrderBy(d => d.Key), degrees.OrderBy(d => d.Key));
    }

    [Fact]
    public async Task A_dismissed_suggestion_is_not_offered_again()
    {
        await Suggestions(async n => { await n.DismissAsync(_m["B"], _m["D"]); return 0; });
        var suggestions = await Suggestions(async n => (await n.SuggestionsAsync(_m["B"])).Cards);
        Assert.DoesNotContain(suggestions, s => s.UserId == _m["D"]);
        Assert.Contains(suggestions, s => s.UserId == _m["E"]);
    }

    [Fact]
    public async Task A_member_without_employer_or_industry_still_gets_suggestions()
    {
        // P (no employer, no industry) knows Q, who knows R; R has both. Found by the benchmark: comparing R's
        // employer with P's empty one gave NULL instead of false, and reading the suggestions failed.
        var ids = new Dictionary<string, Guid>();
        foreach (var name in new[] { "P", "Q", "R" })
            ids[name] = (await app.CreateMemberAsync(TestData.UniqueEmail("noemp" + name), first: name, last: "NoEmployer")).Id;
        await app.WithDbAsync(db =>
        {
            foreach (var (name, id) in ids)
            {
                db.Profiles.Add(new MemberProfile
                {
                    UserId = id,
                    Slug = $"noemp-{name.ToLowerInvariant()}-{id.ToString("N")[^10..]}",
                    Employer = name == "P" ? null : "Lonely KG",
                    IndustryCode = name == "P" ? null : "legal",
                });
            }
            foreach (var (x, y) in new[] { ("P", "Q"), ("Q", "R") })
            {
                db.Contacts.Add(new Contact { UserId = ids[x], ContactUserId = ids[y], CreatedAt = DateTimeOffset.UtcNow });
                db.Contacts.Add(new Contact { UserId = ids[y], ContactUserId = ids[x], CreatedAt = DateTimeOffset.UtcNow });
            }
            return db.SaveChangesAsync();
        });

        var suggestions = await Suggestions(async n => (await n.SuggestionsAsync(ids["P"])).Cards);

        var r = Assert.Single(suggestions);
        Assert.Equal("R", r.FirstName);
        Assert.Equal(1, r.SharedContacts);
    }

    [Fact]
    public async Task Shared_contacts_follow_the_owners_contact_list_setting()
    {
        // A triangle X, Y, Z and W, who knows only Z.
        var ids = new Dictionary<string, Guid>();
        foreach (var name in new[] { "X", "Y", "Z", "W" })
            ids[name] = (await app.CreateMemberAsync(TestData.UniqueEmail("tri" + name), first: name, last: "Tri")).Id;
        await app.WithDbAsync(db =>
        {
            foreach (var (name, id) in ids)
                db.Profiles.Add(new MemberProfile { UserId = id, Slug = $"tri-{name.ToLowerInvariant()}-{id.ToString("N")[^10..]}" });
            foreach (var (x, y) in new[] { ("X", "Y"), ("Y", "Z"), ("X", "Z"), ("W", "Z") })
            {
                db.Contacts.Add(new Contact { UserId = ids[x], ContactUserId = ids[y], CreatedAt = DateTimeOffset.UtcNow });
                db.Contacts.Add(new Contact { UserId = ids[y], ContactUserId = ids[x], CreatedAt = DateTimeOffset.UtcNow });
            }
            return db.SaveChangesAsync();
        });

        var forContact = await Network(n => n.SharedContactsAsync(ids["X"], ids["Y"]));
        Assert.Equal(1, forContact.Count);
        Assert.Equal("Z", Assert.Single(forContact.Some).FirstName);

        // W shares Z with Y too without being Y's contact: Z is W's own contact, so the shared contact is shown.
        Assert.Equal("Z", Assert.Single((await Network(n => n.SharedContactsAsync(ids["W"], ids["Y"]))).Some).FirstName);

        await app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == ids["Y"])
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ContactListVisibility, ContactListVisibility.OnlyMe)));
        Assert.Equal(0, (await Network(n => n.SharedContactsAsync(ids["X"], ids["Y"]))).Count);
        Assert.Equal(0, (await Network(n => n.SharedContactsAsync(ids["W"], ids["Y"]))).Count);
    }

    [Fact]
    public async Task Remembered_candidates_are_counted_again_and_a_dismissal_searches_afresh()
    {
        // X knows Y and Z; W knows Y and Z, V knows Y: X may know W (2 shared) and V (1).
        var ids = new Dictionary<string, Guid>();
        foreach (var name in new[] { "X", "Y", "Z", "W", "V", "U" })
            ids[name] = (await app.CreateMemberAsync(TestData.UniqueEmail("mem" + name), first: name, last: "Remembered")).Id;
        // Written past WithDbAsync, which forgets every remembered candidate as another instance's write would not.
        async Task Write(Func<AppDbContext, Task> work)
        {
            using var scope = app.Services.CreateScope();
            await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }
        async Task Connect(params (string, string)[] pairs) => await Write(db =>
        {
            foreach (var (a, b) in pairs)
            {
                db.Contacts.Add(new Contact { UserId = ids[a], ContactUserId = ids[b], CreatedAt = DateTimeOffset.UtcNow });
                db.Contacts.Add(new Contact { UserId = ids[b], ContactUserId = ids[a], CreatedAt = DateTimeOffset.UtcNow });
            }
            return db.SaveChangesAsync();
        });
        await app.WithDbAsync(db =>
        {
            foreach (var (name, id) in ids)
                db.Profiles.Add(new MemberProfile { UserId = id, Slug = $"mem-{name.ToLowerInvariant()}-{id.ToString("N")[^10..]}" });
            return db.SaveChangesAsync();
        });
        await Connect(("X", "Y"), ("X", "Z"), ("W", "Y"), ("W", "Z"), ("V", "Y"));
        // Ties go by id; the order of shared counts is what is checked.
        async Task<string> Now() => string.Join(" ", (await Suggestions(n => n.SuggestionsAsync(ids["X"]))).Cards
            .Select(c => $"{c.FirstName}{c.SharedContacts}").Order());

        Assert.Equal("V1 W2", await Now());

        // U becomes a contact of Y: not yet among the remembered candidates, so the next lists read only these again.
        await Connect(("U", "Y"));
        // Z keeps their list to themselves: W is shared through Y only, at once.
        await Write(db => db.Profiles.Where(p => p.UserId == ids["Z"])
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.ContactListVisibility, ContactListVisibility.OnlyMe)));
        Assert.Equal("V1 W1", await Now());
        // W blocks X: gone at once.
        await Write(db =>
        {
            db.MemberBlocks.Add(new MemberBlock { BlockerId = ids["W"], BlockedId = ids["X"], CreatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        Assert.Equal("V1", await Now());

        // Dismissing V searches again: U, who came since, takes the place.
        await Suggestions(async n => { await n.DismissAsync(ids["X"], ids["V"]); return 0; });
        Assert.Equal("U1", await Now());
    }
}
