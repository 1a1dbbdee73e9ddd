using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Domain.Search;
using NetworkPlatform.Tests.Infrastructure;
using static NetworkPlatform.Tests.Search.SearchTestData;

namespace NetworkPlatform.Tests.Search;

/// <summary>
/// What keeps search fast at a million members (ADR 0006, bench/README.md) without changing what it finds: the cap on
/// ranked text matches (with exact names and own contacts always ranked), the dictionary of name words behind
/// typo-tolerant names, and the skill filter's index.
/// </summary>
public class SearchScaleTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<MemberSearchResults> SearchAsync(Guid viewer, string? q, MemberSearchFilters filters, int cap,
        int countCap = SearchService.DefaultCountCap, int circleCap = 20000,
        int circlePerMatch = SearchService.DefaultCirclePerMatch, int nameCap = SearchService.PremiumLimit) =>
        app.WithDbAsync(db => new SearchService(db, app.Clock)
            {
                RankCap = cap, CountCap = countCap, CircleCap = circleCap, CirclePerMatch = circlePerMatch,
                NameCap = nameCap,
            }
            .SearchAsync(new SearchViewer(viewer, Premium: true), q, filters, 1));

    [Theory]
    [InlineData(20000, SearchService.DefaultCirclePerMatch)] // the viewer's 2nd-degree circle is built
    [InlineData(0, SearchService.DefaultCirclePerMatch)]     // over the cap for the filter; read for closeness (per match)
    [InlineData(0, 0)]  // too big a circle: each candidate's own contacts are looked into
    public async Task Degree_filters_and_closeness_are_the_same_with_or_without_the_circle(int circleCap, int circlePerMatch)
    {
        var place = NewPlace();
        var (me, _) = await app.SearcherAsync();
        var ids = await app.AddMembersAsync([
            ("Ina", "Direkt", p => { p.City = place; p.Headline = "Gradtest"; }),
            ("Ole", "Zweiter", p => { p.City = place; p.Headline = "Gradtest"; }),
            // Three members beyond the 2nd degree, whose names sort first: more matches than three times the searcher's
            // contacts, so closeness comes from the circle unless it is too big.
            ("Anke", "Fern", p => { p.City = place; p.Headline = "Gradtest"; }),
            ("Bert", "Fern", p => { p.City = place; p.Headline = "Gradtest"; }),
            ("Carl", "Fern", p => { p.City = place; p.Headline = "Gradtest"; }),
        ]);
        await app.ConnectAsync(me, ids[0]);
        await app.ConnectAsync(ids[0], ids[1]);
        string Names(MemberSearchResults r) => string.Join(", ", r.Hits.Select(h => $"{h.FirstName} {h.LastName}"));

        var all = await SearchAsync(me, "Gradtest", new() { City = place }, 1000, circleCap: circleCap, circlePerMatch: circlePerMatch);
        Assert.Equal("Ina Direkt, Ole Zweiter, Anke Fern, Bert Fern, Carl Fern", Names(all));
        Assert.Equal([1, 2], all.Hits.Take(2).Select(h => h.Degree ?? 0));
        Assert.Equal("Ole Zweiter", Names(await SearchAsync(me, "Gradtest",
            new() { City = place, Degree = DegreeFilter.Second }, 1000, circleCap: circleCap, circlePerMatch: circlePerMatch)));
        Assert.Equal("Anke Fern, Bert Fern, Carl Fern", Names(await SearchAsync(me, null,
            new() { City = place, Degree = DegreeFilter.ThirdOrMore }, 1000, circleCap: circleCap, circlePerMatch: circlePerMatch)));
    }

    [Fact]
    public async Task The_search_document_is_kept_in_the_row_and_the_longest_profile_is_still_saved_and_found()
    {
        // Ranking reads every match's document: kept in the row (storage MAIN), not in TOAST (bench/README.md).
        var storage = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("""
            SELECT attstorage::text AS "Value" FROM pg_attribute
            WHERE attrelid = '"MemberProfiles"'::regclass AND attname = 'SearchDocument'
            """).SingleAsync());
        Assert.Equal("m", storage);

        // A full summary of distinct words makes a document larger than a page: PostgreSQL then moves it out after
        // all (MAIN allows that as the last resort) instead of refusing the row.
        var rng = new Random(7);
        var words = new List<string>();
        while (words.Sum(w => w.Length + 1) < MemberProfile.SummaryMaxLength - 40)
            words.Add(new string(Enumerable.Range(0, 7).Select(_ => (char)('a' + rng.Next(26))).ToArray()));
        var unique = NewWord("Zollspeicher");
        var summary = string.Join(' ', words) + " " + unique;
        Assert.True(summary.Length <= MemberProfile.SummaryMaxLength);
        var (me, _) = await app.SearcherAsync();
        var id = await app.AddMemberAsync("Lang", "Profil", p => { p.Summary = summary; p.Headline = unique; });

        var found = await SearchAsync(me, unique, new(), 1000);
        Assert.Equal([id], found.Hits.Select(h => h.UserId));
        Assert.Equal(summary, await app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == id)
            .Select(p => p.Summary).SingleAsync()));
    }

    [Fact]
    public async Task Search_indexes_keep_short_pending_lists_and_a_new_member_is_found_by_a_typo_at_once()
    {
        // A typo probes this index once per combination of near words; each probe of a GIN index also reads its whole
        // pending list, so this index is written through (bench/README.md, fifth round).
        Task<string> Options(string index) => app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("""
            SELECT COALESCE(array_to_string(reloptions, ','), '') AS "Value" FROM pg_class WHERE relname = {0}
            """, index).SingleAsync());
        Assert.Contains("fastupdate=false", await Options("IX_MemberProfiles_NameWords"));
        // The other two keep a short one (every text search and skill filter reads it).
        Assert.Contains($"gin_pending_list_limit={SearchSql.PendingListLimitKb}", await Options("IX_MemberProfiles_SearchDocument"));
        Assert.Contains($"gin_pending_list_limit={SearchSql.PendingListLimitKb}", await Options("IX_MemberProfiles_SkillKeys"));

        var last = NewWord("Quaddelmann", 5);
        var (me, _) = await app.SearcherAsync();
        var id = await app.AddMemberAsync("Irmgard", last);
        var typo = last.Remove(3, 1); // a letter dropped
        var found = await SearchAsync(me, $"Irmgard {typo}", new(), 1000);
        Assert.Contains(id, found.Hits.Select(h => h.UserId));
    }

    [Fact]
    public async Task Closeness_orders_equal_matches_on_every_page_and_never_lifts_a_weaker_match()
    {
        var place = NewPlace();
        var (me, _) = await app.SearcherAsync();
        // 21 members with the word twice (they rank higher), then four with it once; the searcher's contact and a
        // contact's contact are in each group, named to sort last.
        var twice = Enumerable.Range(1, 19).Select(i => ($"Anna{i:00}", "Doppelt", (Action<Domain.Profiles.MemberProfile>)(p =>
        {
            p.City = place; p.Headline = "Schnittmuster"; p.Summary = "Schnittmuster seit Jahren.";
        })));
        var once = Enumerable.Range(1, 2).Select(i => ($"Anna{i:00}", "Einmal", (Action<Domain.Profiles.MemberProfile>)(p =>
        {
            p.City = place; p.Summary = "Schnittmuster seit Jahren.";
        })));
        var ids = await app.AddMembersAsync([
            .. twice,
            ("Zora", "Doppelt", p => { p.City = place; p.Headline = "Schnittmuster"; p.Summary = "Schnittmuster seit Jahren."; }),
            ("Zeno", "Doppelt", p => { p.City = place; p.Headline = "Schnittmuster"; p.Summary = "Schnittmuster seit Jahren."; }),
            .. once,
            ("Zora", "Einmal", p => { p.City = place; p.Summary = "Schnittmuster seit Jahren."; }),
            ("Zeno", "Einmal", p => { p.City = place; p.Summary = "Schnittmuster seit Jahren."; }),
        ]);
        var middle = await app.AddMemberAsync("Mia", "Mitte", p => p.City = NewPlace());
        await app.ConnectAsync(me, middle);
        await app.ConnectAsync(middle, ids[19]); // Zora Doppelt: 2nd
        await app.ConnectAsync(me, ids[20]);     // Zeno Doppelt: 1st
        await app.ConnectAsync(middle, ids[23]); // Zora Einmal: 2nd
        await app.ConnectAsync(me, ids[24]);     // Zeno Einmal: 1st

        Task<MemberSearchResults> Page(int page) => app.WithDbAsync(db => new SearchService(db, app.Clock)
            .SearchAsync(new SearchViewer(me, Premium: true), "Schnittmuster", new() { City = place }, page));
        var first = await Page(1);
        var second = await Page(2);

        Assert.Equal(25, first.Total);
        Assert.Equal(["Zeno Doppelt", "Zora Doppelt", "Anna01 Doppelt"], first.Hits.Take(3).Select(h => $"{h.FirstName} {h.LastName}"));
        Assert.Equal([1, 2, SearchService.ThirdOrFurther], first.Hits.Take(3).Select(h => h.Degree ?? 0));
        Assert.All(first.Hits, h => Assert.Equal("Doppelt", h.LastName));
        Assert.Equal(["Anna19 Doppelt", "Zeno Einmal", "Zora Einmal", "Anna01 Einmal", "Anna02 Einmal"],
            second.Hits.Select(h => $"{h.FirstName} {h.LastName}"));
        Assert.Equal([SearchService.ThirdOrFurther, 1, 2, SearchService.ThirdOrFurther, SearchService.ThirdOrFurther],
            second.Hits.Select(h => h.Degree ?? 0));
    }

    [Fact]
    public async Task Beyond_the_cap_the_total_says_more_than_and_exact_names_and_own_contacts_still_rank_first()
    {
        var place = NewPlace();
        var (me, _) = await app.SearcherAsync();
        // Eight members mention the word; the exact name and the contact are written last, so the first matches read
        // (in the table's order) are the others.
        var ids = await app.AddMembersAsync([
            .. Enumerable.Range(1, 6).Select(i => ($"Anna{i}", "Weit", (Action<Domain.Profiles.MemberProfile>)(p =>
            {
                p.City = place;
                p.Summary = "Kennt sich mit Quarzlicht aus.";
            }))),
            ("Kurt", "Quarzlicht", p => p.City = place),
            ("Clara", "Kontakt", p => { p.City = place; p.Summary = "Quarzlicht im Alltag."; }),
        ]);
        await app.ConnectAsync(me, ids[7]);

        var capped = await SearchAsync(me, "Quarzlicht", new() { City = place }, cap: 3, countCap: 100);
        Assert.False(capped.MoreThanTotal);
        Assert.Equal(8, capped.Total);
        Assert.Equal(["Kurt Quarzlicht", "Clara Kontakt"],
            capped.Hits.Take(2).Select(h => $"{h.FirstName} {h.LastName}"));
        // Counted only up to 5: "more than 5".
        var counted = await SearchAsync(me, "Quarzlicht", new() { City = place }, cap: 3, countCap: 5);
        Assert.True(counted.MoreThanTotal);
        Assert.Equal(5, counted.Total);
        Assert.Equal(capped.Hits.Select(h => h.UserId), counted.Hits.Select(h => h.UserId));
        // Counted no further than ranked (the default: the count cap is the rank cap): "more than 3", same page.
        var ranked = await SearchAsync(me, "Quarzlicht", new() { City = place }, cap: 3, countCap: 3);
        Assert.True(ranked.MoreThanTotal);
        Assert.Equal(3, ranked.Total);
        Assert.Equal(capped.Hits.Select(h => h.UserId), ranked.Hits.Select(h => h.UserId));

        var all = await SearchAsync(me, "Quarzlicht", new() { City = place }, cap: SearchService.DefaultRankCap);
        Assert.False(all.MoreThanTotal);
        Assert.Equal(8, all.Total);
        Assert.Equal(capped.Hits.Take(2).Select(h => h.UserId), all.Hits.Take(2).Select(h => h.UserId));
    }

    [Fact]
    public async Task The_dictionary_of_name_words_follows_every_new_changed_and_deleted_name()
    {
        var word = "zyx" + Guid.NewGuid().ToString("N")[..8];
        var id = await app.AddMemberAsync("Jana", word);
        Assert.True(await HasWordAsync(word));

        // A second member with the word, then the first renamed: the word stays while someone has it.
        var other = await app.AddMemberAsync("Jens", word);
        await app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.FullName, "Jana Neuname" + word[3..])));
        Assert.True(await HasWordAsync(word));
        Assert.True(await HasWordAsync("neuname" + word[3..]));

        await app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == other).ExecuteDeleteAsync());
        Assert.False(await HasWordAsync(word));
        Assert.True(await HasWordAsync("jana"));
    }

    [Fact]
    public async Task A_typo_in_a_name_finds_it_through_the_dictionary_also_with_first_and_last_name()
    {
        var place = NewPlace();
        var (me, _) = await app.SearcherAsync();
        await app.AddMembersAsync([
            ("Hannelore", "Brückenbauer", p => p.City = place),
            ("Hannelore", "Maier", p => p.City = place),
        ]);
        var one = await SearchAsync(me, "Bruckenbauer", new() { City = place }, SearchService.DefaultRankCap);
        Assert.Equal(["Hannelore Brückenbauer"], one.Hits.Select(h => $"{h.FirstName} {h.LastName}"));
        var two = await SearchAsync(me, "Hanelore Brueckenbaur", new() { City = place }, SearchService.DefaultRankCap);
        Assert.Equal(["Hannelore Brückenbauer"], two.Hits.Select(h => $"{h.FirstName} {h.LastName}"));
    }

    [Fact]
    public async Task Near_names_beyond_the_cap_are_more_than_and_under_it_counted_exactly()
    {
        var place = NewPlace();
        var (me, _) = await app.SearcherAsync();
        await app.AddMembersAsync([
            .. Enumerable.Range(1, 3).Select(i => ($"Gerd{i}", "Wurzelmann", (Action<Domain.Profiles.MemberProfile>)(p => p.City = place))),
            .. Enumerable.Range(1, 2).Select(i => ($"Hugo{i}", "Wurzelman", (Action<Domain.Profiles.MemberProfile>)(p => p.City = place))),
        ]);
        string[] Surnames(MemberSearchResults r) => r.Hits.Select(h => h.LastName).Distinct().Order().ToArray();

        // Each near name is read up to the cap (2): "more than 2", and those shown are near names.
        var capped = await SearchAsync(me, "Wurzelmamn", new() { City = place }, cap: 2, countCap: 2);
        Assert.True(capped.MoreThanTotal);
        Assert.Equal(2, capped.Total);
        Assert.Equal(3, capped.Hits.Count); // the one read beyond the cap, to know that there are more, is shown too
        Assert.All(capped.Hits, h => Assert.Contains(h.LastName, new[] { "Wurzelmann", "Wurzelman" }));

        // The name cap on its own (below the rank cap) does the same.
        var near = await SearchAsync(me, "Wurzelmamn", new() { City = place }, SearchService.DefaultRankCap, nameCap: 2);
        Assert.True(near.MoreThanTotal);
        Assert.Equal(2, near.Total);

        var all = await SearchAsync(me, "Wurzelmamn", new() { City = place }, SearchService.DefaultRankCap);
        Assert.False(all.MoreThanTotal);
        Assert.Equal(5, all.Total);
        Assert.Equal(["Wurzelman", "Wurzelmann"], Surnames(all));
    }

    [Fact]
    public async Task Near_names_are_not_read_when_exact_names_fill_every_reachable_page()
    {
        var place = NewPlace();
        var (me, _) = await app.SearcherAsync();
        await app.AddMembersAsync([
            .. Enumerable.Range(1, SearchService.FreeLimit + 1).Select(i => ($"Ute{i:00}", "Kaskadenmann", (Action<Domain.Profiles.MemberProfile>)(p => p.City = place))),
            .. Enumerable.Range(1, 2).Select(i => ($"Udo{i}", "Kaskadenman", (Action<Domain.Profiles.MemberProfile>)(p => p.City = place))),
        ]);
        Task<MemberSearchResults> Search(bool premium) => app.WithDbAsync(db => new SearchService(db, app.Clock)
            .SearchAsync(new SearchViewer(me, premium), "Kaskadenmann", new() { City = place }, 1));

        // A free member sees 30 results, all of them exact names: the near names are not read, the total says "more than".
        var free = await Search(premium: false);
        Assert.True(free.MoreThanTotal);
        Assert.Equal(SearchService.FreeLimit + 1, free.Total);
        Assert.All(free.Hits, h => Assert.Equal("Kaskadenmann", h.LastName));
        // A premium member could page to them: they are read and counted.
        var premium = await Search(premium: true);
        Assert.False(premium.MoreThanTotal);
        Assert.Equal(SearchService.FreeLimit + 3, premium.Total);
    }

    [Fact]
    public async Task The_skill_filter_alone_finds_whole_skills_whatever_their_case_and_accents()
    {
        var place = NewPlace();
        var (me, _) = await app.SearcherAsync();
        await app.AddMembersAsync([
            ("Rita", "Eins", p => { p.City = place; p.Skills = ["Régie", "C#"]; }),
            ("Rita", "Zwei", p => { p.City = place; p.Skills = ["Regie-Assistenz"]; }),
        ]);
        var found = await SearchAsync(me, null, new() { City = place, Skill = "REGIE" }, SearchService.DefaultRankCap);
        Assert.Equal(["Rita Eins"], found.Hits.Select(h => $"{h.FirstName} {h.LastName}"));
        var sharp = await SearchAsync(me, null, new() { City = place, Skill = "c#" }, SearchService.DefaultRankCap);
        Assert.Equal(["Rita Eins"], sharp.Hits.Select(h => $"{h.FirstName} {h.LastName}"));
    }

    [Fact]
    public async Task Two_transactions_adding_the_same_new_name_words_in_opposite_order_both_commit()
    {
        // Without the trigger's lock, T1 (word a, then b) and T2 (word b, then a) would each wait for the other's
        // uncommitted word: a deadlock, and one of the two sign-up batches lost.
        var ids = await app.AddMembersAsync(Enumerable.Range(1, 4)
            .Select(i => ($"Tara{i}", "Vorher", (Action<Domain.Profiles.MemberProfile>)(_ => { }))));
        var tag = Guid.NewGuid().ToString("N")[..8];
        string a = "qa" + tag, b = "qb" + tag;

        await using var one = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await using var two = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await one.OpenAsync();
        await two.OpenAsync();
        await using var t1 = await one.BeginTransactionAsync();
        await using var t2 = await two.BeginTransactionAsync();
        static async Task Rename(Npgsql.NpgsqlConnection c, Guid id, string word)
        {
            await using var cmd = new Npgsql.NpgsqlCommand(
                """UPDATE "MemberProfiles" SET "FullName" = 'Tara ' || $1 WHERE "UserId" = $2""", c);
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = word });
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
            await cmd.ExecuteNonQueryAsync();
        }

        await Rename(one, ids[0], a);
        var second = Task.Run(async () =>
        {
            await Rename(two, ids[1], b);
            await Rename(two, ids[3], a);
            await t2.CommitAsync();
        });
        await Task.Delay(300);
        await Rename(one, ids[2], b);
        await t1.CommitAsync();
        await second;

        Assert.True(await HasWordAsync(a));
        Assert.True(await HasWordAsync(b));
    }

    private Task<bool> HasWordAsync(string word) =>
        app.WithDbAsync(db => db.SearchNameWords.AnyAsync(w => w.Word == word));
}

/// <summary>The app that ranks and counts 2 at most (Search:RankCap, Search:CountCap), so a page can show "more than" with three members.</summary>
public class LowRankCapFactory : AppFactory
{
    protected override IDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Search:RankCap"] = "2", ["Search:CountCap"] = "2" };
}

public class SearchCapPageTests(LowRankCapFactory app) : IClassFixture<LowRankCapFactory>
{
    [Fact]
    public async Task The_page_says_more_than_when_the_matches_exceed_what_is_ranked()
    {
        var place = NewPlace();
        await app.AddMembersAsync(Enumerable.Range(1, 3)
            .Select(i => ($"Eva{i}", "Vielfach", (Action<Domain.Profiles.MemberProfile>)(p => p.City = place))));
        await app.AddMemberAsync("Otto", "Einzeln", p => p.City = place);
        var (_, german) = await app.SearcherAsync(language: "de");
        Assert.Contains("Mehr als 2 Mitglieder gefunden", (await german.OpenAsync(Url("Vielfach", place))).Count());
        var (_, english) = await app.SearcherAsync();
        Assert.Contains("More than 2 members found", (await english.OpenAsync(Url("Vielfach", place))).Count());
        // Without the cap reached, the exact count.
        Assert.Contains("1 member found", (await english.OpenAsync(Url("Einzeln", place))).Count());
    }
}
