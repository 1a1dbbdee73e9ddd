using System.Net;
using NetworkPlatform.Tests.Infrastructure;
using static NetworkPlatform.Tests.Search.SearchTestData;

namespace NetworkPlatform.Tests.Search;

/// <summary>What a query finds, and in which order: names with umlauts and typos, German and English word forms,
/// skills with punctuation, the ranking, and queries that try to break it.</summary>
public class SearchMatchingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("Müller")]
    [InlineData("Mueller")]
    [InlineData("Muller")]
    [InlineData("MÜLLER")]
    [InlineData("hans muller")]
    public async Task Umlauts_spelled_out_or_dropped_find_the_member_with_the_umlaut(string query)
    {
        var place = NewPlace();
        await app.AddMemberAsync("Hans", "Müller", p => p.City = place);
        await app.AddMemberAsync("Hans", "Maier", p => p.City = place);
        var (_, client) = await app.SearcherAsync();

        var names = await client.SearchNamesAsync(Url(query, place));

        Assert.Contains("Hans Müller", names);
        Assert.DoesNotContain("Hans Maier", names);
    }

    [Fact]
    public async Task Accents_do_not_matter_either_way()
    {
        var place = NewPlace();
        await app.AddMemberAsync("José", "Ångström", p => p.City = place);
        var (_, client) = await app.SearcherAsync();

        Assert.Equal(["José Ångström"], await client.SearchNamesAsync(Url("jose angstroem", place)));
        Assert.Equal(["José Ångström"], await client.SearchNamesAsync(Url("José", place)));
    }

    [Fact]
    public async Task A_name_with_a_typo_is_found_below_the_exact_name()
    {
        var place = NewPlace();
        await app.AddMemberAsync("Anna", "Schmitt", p => p.City = place);
        await app.AddMemberAsync("Karl", "Schmidt", p => p.City = place);
        await app.AddMemberAsync("Otto", "Wagner", p => p.City = place);
        var (_, client) = await app.SearcherAsync();

        Assert.Equal(["Karl Schmidt", "Anna Schmitt"], await client.SearchNamesAsync(Url("Schmidt", place)));
        Assert.Equal(["Anna Schmitt", "Karl Schmidt"], await client.SearchNamesAsync(Url("Schmitt", place)));
    }

    [Fact]
    public async Task A_new_name_is_found_as_soon_as_the_member_changes_it()
    {
        var place = NewPlace();
        var id = await app.AddMemberAsync("Greta", "Altname", p => p.City = place);
        var (_, client) = await app.SearcherAsync();
        await app.WithDbAsync(async db =>
        {
            await new Domain.Profiles.ProfileService(db, app.Clock).UpdateBasicsAsync(id,
                new Domain.Profiles.BasicsInput(null, "Greta", "Neumann", null, null, null, place, null, null));
            return 0;
        });

        Assert.Equal(["Greta Neumann"], await client.SearchNamesAsync(Url("Neumann", place)));
        Assert.Empty(await client.SearchNamesAsync(Url("Altname", place)));
    }

    [Theory]
    [InlineData("Entwickler")]
    [InlineData("Entwicklung")]
    [InlineData("ENTWICKLUNG")]
    public async Task German_word_forms_find_each_other(string query)
    {
        var place = NewPlace();
        await app.AddMemberAsync("Eva", "Eins", p => { p.City = place; p.Headline = "Entwickler für Webanwendungen"; });
        await app.AddMemberAsync("Eva", "Zwei", p => { p.City = place; p.Summary = "Ich leite die Entwicklung neuer Maschinen."; });
        await app.AddMemberAsync("Eva", "Drei", p => { p.City = place; p.Headline = "Vertrieb"; });
        var (_, client) = await app.SearcherAsync();

        var names = await client.SearchNamesAsync(Url(query, place));

        Assert.Equal(["Eva Eins", "Eva Zwei"], names.Order());
    }

    [Theory]
    [InlineData("Entwickler")]
    [InlineData("Entwicklerin")]
    [InlineData("Beraterinnen")]
    [InlineData("Ingenieurin")]
    public async Task Feminine_and_masculine_job_titles_find_each_other(string query)
    {
        var place = NewPlace();
        await app.AddMemberAsync("Ina", "Eins", p => { p.City = place; p.Headline = "Entwicklerin und Beraterin"; });
        await app.AddMemberAsync("Ina", "Zwei", p => { p.City = place; p.Headline = "Entwickler, Berater, Ingenieur"; });
        await app.AddMemberAsync("Ina", "Drei", p => { p.City = place; p.Headline = "Ingenieurin im Vertrieb"; });
        await app.AddMemberAsync("Ina", "Vier", p => { p.City = place; p.Headline = "Vertrieb"; });
        var (_, client) = await app.SearcherAsync();

        var names = (await client.SearchNamesAsync(Url(query, place))).Order().ToList();

        var expected = query.StartsWith("Ingenieur") ? new[] { "Ina Drei", "Ina Zwei" } : ["Ina Eins", "Ina Zwei"];
        Assert.Equal(expected, names);
    }

    [Theory]
    [InlineData("developer")]
    [InlineData("developing")]
    [InlineData("Developers")]
    public async Task English_word_forms_find_each_other(string query)
    {
        var place = NewPlace();
        await app.AddMemberAsync("Ed", "One", p => { p.City = place; p.Headline = "Senior developer"; });
        await app.AddMemberAsync("Ed", "Two", p => { p.City = place; p.Summary = "I am developing medical devices."; });
        await app.AddMemberAsync("Ed", "Three", p => { p.City = place; p.Headline = "Sales"; });
        var (_, client) = await app.SearcherAsync();

        Assert.Equal(["Ed One", "Ed Two"], (await client.SearchNamesAsync(Url(query, place))).Order());
    }

    [Theory]
    [InlineData("C#", new[] { "Sam Albers" })]
    [InlineData("c#", new[] { "Sam Albers" })]
    [InlineData("C++", new[] { "Sam Brandt" })]
    [InlineData(".NET", new[] { "Sam Claasen", "Sam Dietz" })]
    [InlineData("ASP.NET", new[] { "Sam Dietz" })]
    [InlineData("Node.js", new[] { "Sam Ebert" })]
    [InlineData("F#", new[] { "Sam Fuchs" })]
    public async Task Skills_with_punctuation_are_told_apart(string query, string[] expected)
    {
        var place = NewPlace();
        await app.AddMembersAsync([
            ("Sam", "Albers", p => { p.City = place; p.Skills = ["C#", "SQL"]; }),
            ("Sam", "Brandt", p => { p.City = place; p.Skills = ["C++", "Qt"]; }),
            ("Sam", "Claasen", p => { p.City = place; p.Skills = [".NET"]; }),
            ("Sam", "Dietz", p => { p.City = place; p.Skills = ["ASP.NET Core"]; }),
            ("Sam", "Ebert", p => { p.City = place; p.Skills = ["Node.js", "TypeScript"]; }),
            ("Sam", "Fuchs", p => { p.City = place; p.Skills = ["F#"]; }),
            ("Sam", "Gerber", p => { p.City = place; p.Skills = ["C", "Assembler"]; }),
        ]);
        var (_, client) = await app.SearcherAsync();

        Assert.Equal(expected, (await client.SearchNamesAsync(Url(query, place))).Order());
    }

    [Fact]
    public async Task Web_search_syntax_works_quotes_minus_and_or()
    {
        var place = NewPlace();
        await app.AddMembersAsync([
            ("Pia", "Projekt", p => { p.City = place; p.Headline = "Projekt Management im Bau"; }),
            ("Pia", "Getrennt", p => { p.City = place; p.Summary = "Management von Teams, später ein Projekt in Polen"; }),
            ("Pia", "Java", p => { p.City = place; p.Skills = ["Java"]; }),
            ("Pia", "Kotlin", p => { p.City = place; p.Skills = ["Kotlin", "Java"]; }),
        ]);
        var (_, client) = await app.SearcherAsync();

        Assert.Equal(["Pia Projekt"], await client.SearchNamesAsync(Url("\"Projekt Management\"", place)));
        Assert.Equal(["Pia Java"], await client.SearchNamesAsync(Url("Java -Kotlin", place)));
        Assert.Equal(["Pia Getrennt", "Pia Kotlin", "Pia Projekt"],
            (await client.SearchNamesAsync(Url("Kotlin OR Polen OR Bau", place))).Order());
    }

    [Fact]
    public async Task Exact_names_come_first_then_relevance_then_closeness_in_the_network()
    {
        var place = NewPlace();
        var (me, client) = await app.SearcherAsync();
        var ids = await app.AddMembersAsync([
            ("Petra", "Zorblax", p => p.City = place),                                        // exact name, far away
            ("Bernd", "Fern", p => { p.City = place; p.Headline = "Zorblax expert"; }),       // headline, 3rd+
            ("Clara", "Kontakt", p => { p.City = place; p.Summary = "Has used zorblax once."; }), // summary, 1st
            ("Dora", "Zweite", p => { p.City = place; p.Headline = "Zorblax expert"; }),      // headline, 2nd
            ("Xaver", "Mitte", p => p.City = "Anderswo"),                                     // the link to Dora
        ]);
        await app.ConnectAsync(me, ids[2]);
        await app.ConnectAsync(me, ids[4]);
        await app.ConnectAsync(ids[4], ids[3]);

        Assert.Equal(["Petra Zorblax", "Dora Zweite", "Bernd Fern", "Clara Kontakt"],
            await client.SearchNamesAsync(Url("zorblax", place)));
    }

    [Theory]
    [InlineData("' OR 1=1; --")]
    [InlineData("\"; DROP TABLE \"MemberProfiles\"; --")]
    [InlineData("\"unbalanced")]
    [InlineData("a\"b\"c\"")]
    [InlineData("((( )))")]
    [InlineData("!:*&|<->")]
    [InlineData("-")]
    [InlineData("OR")]
    [InlineData("der die das")]
    [InlineData("the and of")]
    [InlineData("😀🚀 👩‍💻")]
    [InlineData("%_\\")]
    [InlineData("\0 nul \u0007 bell \u202e rtl")]
    [InlineData("\ud83d")]
    public async Task Hostile_queries_give_a_normal_page(string query)
    {
        var (_, client) = await app.SearcherAsync();
        var page = await client.OpenAsync(Url(query, null));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("[data-testid=search-count], [data-testid=search-start]"));
    }

    [Fact]
    public async Task Ten_thousand_characters_and_nonsense_in_every_filter_give_a_normal_page()
    {
        var (_, client) = await app.SearcherAsync();
        var page = await client.OpenAsync("/search?q=" + new string('a', 10_000) +
                                          "&city=%00%27&industry=%27;--&degree=9&years=-5&page=-3&skill=" +
                                          Uri.EscapeDataString("\"'\\") + "&employer=" + new string('x', 5_000));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Count());

        var anonymous = await app.NewClient().OpenAsync("/search?q=%ED%A0%80&page=999999999999&years=abc");
        Assert.Equal(HttpStatusCode.OK, anonymous.Status);
    }
}
