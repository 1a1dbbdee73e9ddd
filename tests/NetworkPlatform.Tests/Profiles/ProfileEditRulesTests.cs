using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>
/// The editor's rules: the public address, other members' ids, hostile input, the completeness meter, German pages.
/// </summary>
public class ProfileEditRulesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<MemberProfile> ProfileAsync(Guid id) =>
        app.WithDbAsync(db => db.Profiles.AsNoTracking().SingleAsync(p => p.UserId == id));

    private static Task<Page> SlugAsync(HttpClient client, string slug) =>
        client.SubmitAsync("/profile/edit/settings", "/profile/edit/settings",
            new Dictionary<string, string> { ["Slug"] = slug });

    private static string UniqueSlug(string start) => $"{start}-{Guid.NewGuid().ToString("N")[..8]}";

    // ---------- The public address ----------

    [Fact]
    public async Task A_new_address_is_saved_and_the_old_one_is_kept_as_a_redirect()
    {
        var (client, id) = await app.SignedInMemberAsync();
        await client.OpenAsync("/profile/edit");
        var old = (await ProfileAsync(id)).Slug;
        var wanted = UniqueSlug("erika-tax");

        var page = await SlugAsync(client, wanted.ToUpperInvariant());

        Assert.Equal("Your changes are saved.", page.Flash);
        Assert.Equal(wanted, page.FieldValue("Slug"));
        Assert.Contains($"/p/{wanted}", page.Text);
        Assert.Equal(wanted, (await ProfileAsync(id)).Slug);
        var redirect = await app.WithDbAsync(db => db.ProfileSlugRedirects.SingleAsync(r => r.Slug == old));
        Assert.Equal(id, redirect.UserId);
    }

    [Fact]
    public async Task An_invalid_address_is_refused_at_its_field_and_kept()
    {
        var (client, id) = await app.SignedInMemberAsync();
        await client.OpenAsync("/profile/edit");
        var old = (await ProfileAsync(id)).Slug;

        foreach (var bad in new[] { "Not OK!", "ab", "-dash-first", "two--dashes", "ümlaut", new string('a', 61) })
        {
            var page = await SlugAsync(client, bad);
            Assert.Equal("Use 3 to 60 lower-case letters, digits and single dashes, not at the start or end",
                page.FieldError("Slug"));
            Assert.Equal(bad, page.FieldValue("Slug"));
            Assert.Contains($"/p/{old}", page.Text);
        }
        Assert.Equal(old, (await ProfileAsync(id)).Slug);
        Assert.False(await app.WithDbAsync(db => db.ProfileSlugRedirects.AnyAsync(r => r.UserId == id)));
    }

    [Fact]
    public async Task An_address_that_is_another_members_current_or_old_one_is_taken()
    {
        var (other, otherId) = await app.SignedInMemberAsync(first: "Otto", last: "Andere");
        var otherOld = UniqueSlug("otto-old");
        var otherNow = UniqueSlug("otto-now");
        await SlugAsync(other, otherOld);
        await SlugAsync(other, otherNow);
        var (client, id) = await app.SignedInMemberAsync();
        await client.OpenAsync("/profile/edit");
        var mine = (await ProfileAsync(id)).Slug;

        var current = await SlugAsync(client, otherNow);
        var formerly = await SlugAsync(client, otherOld);

        Assert.Equal($"The address {otherNow} is already taken; choose another one", current.FieldError("Slug"));
        Assert.Equal(otherNow, current.FieldValue("Slug"));
        Assert.Equal($"The address {otherOld} is already taken; choose another one", formerly.FieldError("Slug"));
        Assert.Equal(mine, (await ProfileAsync(id)).Slug);
        Assert.Equal(otherId, await app.WithDbAsync(db =>
            db.ProfileSlugRedirects.Where(r => r.Slug == otherOld).Select(r => r.UserId).SingleAsync()));
    }

    [Fact]
    public async Task A_member_may_take_back_an_old_address_of_their_own()
    {
        var (client, id) = await app.SignedInMemberAsync();
        var first = UniqueSlug("first");
        var second = UniqueSlug("second");
        await SlugAsync(client, first);
        await SlugAsync(client, second);

        var page = await SlugAsync(client, first);

        Assert.Equal("Your changes are saved.", page.Flash);
        Assert.Equal(first, (await ProfileAsync(id)).Slug);
        var redirects = await app.WithDbAsync(db =>
            db.ProfileSlugRedirects.Where(r => r.UserId == id).Select(r => r.Slug).ToListAsync());
        Assert.DoesNotContain(first, redirects);
        Assert.Contains(second, redirects);
    }

    // ---------- Other members' ids ----------

    private async Task<(Guid Experience, Guid Language, Guid Link)> OtherMembersDataAsync(HttpClient other, Guid otherId)
    {
        await other.SubmitAsync("/profile/edit/experience", "/profile/edit/experience",
            ProfileEditPages.Entry("Owner's job", "Owner GmbH", 1, 2010, current: true));
        await other.SubmitAsync("/profile/edit/languages", "/profile/edit/languages",
            new Dictionary<string, string> { ["Name"] = "Owner's language", ["Level"] = "B2" });
        await other.SubmitAsync("/profile/edit/links", "/profile/edit/links",
            new Dictionary<string, string> { ["Url"] = "https://owner.example", ["Title"] = "Owner's link" });
        return await app.WithDbAsync(async db => (
            await db.ProfileEntries.Where(e => e.UserId == otherId).Select(e => e.Id).SingleAsync(),
            await db.ProfileLanguages.Where(e => e.UserId == otherId).Select(e => e.Id).SingleAsync(),
            await db.ProfileLinks.Where(e => e.UserId == otherId).Select(e => e.Id).SingleAsync()));
    }

    [Fact]
    public async Task Another_members_entries_languages_and_links_cannot_be_opened_edited_or_deleted()
    {
        var (other, otherId) = await app.SignedInMemberAsync(first: "Olga", last: "Eigentum");
        var (experience, language, link) = await OtherMembersDataAsync(other, otherId);
        var (client, me) = await app.SignedInMemberAsync();
        var myPage = await client.OpenAsync("/profile/edit/experience");

        var open = await client.OpenAsync($"/profile/edit/experience/{experience}");
        var edit = await client.PostWithTokenOfAsync(myPage, $"/profile/edit/experience/{experience}",
            ProfileEditPages.Entry("Stolen", "Thief AG", 1, 2020, current: true));
        var editInvalid = await client.PostWithTokenOfAsync(myPage, $"/profile/edit/experience/{experience}",
            ProfileEditPages.Entry("", "", 1, 2020));
        var deleteEntry = await client.PostWithTokenOfAsync(myPage, $"/profile/edit/experience/{experience}/delete",
            new Dictionary<string, string>());
        var deleteLanguage = await client.PostWithTokenOfAsync(myPage, $"/profile/edit/languages/{language}/delete",
            new Dictionary<string, string>());
        var deleteLink = await client.PostWithTokenOfAsync(myPage, $"/profile/edit/links/{link}/delete",
            new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, open.Status);
        Assert.Equal(HttpStatusCode.NotFound, edit.Status);
        Assert.Equal(HttpStatusCode.NotFound, editInvalid.Status);
        Assert.Equal(HttpStatusCode.NotFound, deleteEntry.Status);
        Assert.Equal(HttpStatusCode.NotFound, deleteLanguage.Status);
        Assert.Equal(HttpStatusCode.NotFound, deleteLink.Status);
        var entry = await app.WithDbAsync(db => db.ProfileEntries.AsNoTracking().SingleAsync(e => e.Id == experience));
        Assert.Equal("Owner's job", entry.Title);
        Assert.Equal(otherId, entry.UserId);
        Assert.True(await app.WithDbAsync(db => db.ProfileLanguages.AnyAsync(l => l.Id == language && l.UserId == otherId)));
        Assert.True(await app.WithDbAsync(db => db.ProfileLinks.AnyAsync(l => l.Id == link && l.UserId == otherId)));
        Assert.False(await app.WithDbAsync(db => db.ProfileEntries.AnyAsync(e => e.UserId == me)));
    }

    [Fact]
    public async Task An_own_experience_entry_is_not_found_under_education()
    {
        var (client, id) = await app.SignedInMemberAsync();
        await client.SubmitAsync("/profile/edit/experience", "/profile/edit/experience",
            ProfileEditPages.Entry("Job", "Company", 1, 2010, current: true));
        var entry = await app.WithDbAsync(db => db.ProfileEntries.Where(e => e.UserId == id).Select(e => e.Id).SingleAsync());
        var page = await client.OpenAsync("/profile/edit/education");

        var open = await client.OpenAsync($"/profile/edit/education/{entry}");
        var delete = await client.PostWithTokenOfAsync(page, $"/profile/edit/education/{entry}/delete",
            new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, open.Status);
        Assert.Equal(HttpStatusCode.NotFound, delete.Status);
        Assert.True(await app.WithDbAsync(db => db.ProfileEntries.AnyAsync(e => e.Id == entry)));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_changes_nothing()
    {
        var (client, id) = await app.SignedInMemberAsync();

        var response = await client.PostWithoutTokenAsync("/profile/edit/basics",
            ProfileEditPages.Basics(headline: "Forged"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Profiles.AnyAsync(p => p.UserId == id && p.Headline == "Forged")));
    }

    // ---------- Hostile input ----------

    private const string Script = "<script>alert(1)</script>";
    private const string Breakout = "\"><img src=x onerror=alert(1)>";

    private static void AssertInert(Page page)
    {
        Assert.Empty(page.Document.QuerySelectorAll("img[onerror]"));
        Assert.DoesNotContain(page.Document.QuerySelectorAll("script"), s => s.TextContent.Contains("alert(1)"));
        Assert.Empty(page.Document.QuerySelectorAll("[onerror], a[href^='javascript'], a[href^='data']"));
    }

    [Fact]
    public async Task Script_and_markup_are_stored_as_text_and_shown_escaped_on_every_edit_page()
    {
        var (client, id) = await app.SignedInMemberAsync();

        var basics = await client.SubmitAsync("/profile/edit/basics", "/profile/edit/basics", ProfileEditPages.Basics(
            headline: Breakout, position: Script, employer: Breakout, city: Script, title: "<b>Dr"));
        var summary = await client.SubmitAsync("/profile/edit/summary", "/profile/edit/summary",
            new Dictionary<string, string> { ["Summary"] = $"{Script}\n{Breakout}\n[x](javascript:alert(1))" });
        var experience = await client.SubmitAsync("/profile/edit/experience", "/profile/edit/experience",
            ProfileEditPages.Entry(Script, Breakout, 1, 2020, current: true, description: Script));
        var tags = await client.SubmitAsync("/profile/edit/skills", "/profile/edit/skills",
            ProfileEditPages.Tags(skills: Script, haves: Breakout));
        var languages = await client.SubmitAsync("/profile/edit/languages", "/profile/edit/languages",
            new Dictionary<string, string> { ["Name"] = Breakout, ["Level"] = "A1" });
        var links = await client.SubmitAsync("/profile/edit/links", "/profile/edit/links",
            new Dictionary<string, string> { ["Url"] = "https://example.org/?q=\"><img src=x onerror=alert(1)>", ["Title"] = Script });
        var contact = await client.SubmitAsync("/profile/edit/contact", "/profile/edit/contact",
            new Dictionary<string, string> { ["Address"] = Breakout });

        var stored = await ProfileAsync(id);
        Assert.Equal(Breakout, stored.Headline);
        Assert.Equal(Script, stored.Position);
        Assert.Equal(Breakout, stored.Address);
        Assert.Equal([Script], stored.Skills);
        Assert.Equal(Breakout, basics.FieldValue("Headline"));
        Assert.Equal(Script, basics.FieldValue("City"));
        Assert.StartsWith(Script, summary.TextareaValue("Summary"));
        Assert.Equal(Script, experience.Document.QuerySelector(".np-entries h3")!.TextContent);
        Assert.Equal(Script, tags.TextareaValue("Skills"));
        Assert.Contains(Breakout, languages.Document.QuerySelector(".np-languages")!.TextContent);
        Assert.Equal(Script, links.Document.QuerySelector(".np-links strong")!.TextContent);
        Assert.Equal(Breakout, contact.TextareaValue("Address"));
        var entry = await app.WithDbAsync(db => db.ProfileEntries.Where(e => e.UserId == id).Select(e => e.Id).SingleAsync());
        var pages = new[]
        {
            basics, summary, experience, tags, languages, links, contact,
            await client.OpenAsync("/profile/edit"),
            await client.OpenAsync($"/profile/edit/experience/{entry}"),
            await client.OpenAsync("/"),
        };
        foreach (var page in pages)
            AssertInert(page);
        Assert.Contains(Breakout, pages[7].Document.GetElementById("section-basics")!.TextContent);
    }

    [Fact]
    public async Task Hostile_input_with_an_error_is_shown_escaped_too()
    {
        var (client, _) = await app.SignedInMemberAsync();

        var page = await client.SubmitAsync("/profile/edit/basics", "/profile/edit/basics",
            ProfileEditPages.Basics(headline: Breakout + new string('x', 120), city: Script));
        var link = await client.SubmitAsync("/profile/edit/links", "/profile/edit/links",
            new Dictionary<string, string> { ["Url"] = "javascript:alert(1)", ["Title"] = Breakout });

        Assert.NotNull(page.FieldError("Headline"));
        Assert.Equal(Script, page.FieldValue("City"));
        AssertInert(page);
        AssertInert(link);
        Assert.Empty(link.Document.QuerySelectorAll("a[href^='javascript']"));
    }

    // ---------- Completeness ----------

    [Fact]
    public async Task Completeness_goes_up_as_sections_are_filled_and_names_what_is_missing()
    {
        var (client, _) = await app.SignedInMemberAsync();

        var empty = await client.OpenAsync("/profile/edit");
        Assert.Equal("Your profile is 0% complete.", empty.MeterText());
        Assert.Equal(12, empty.MissingSections().Count);
        Assert.Contains("Add a photo", empty.MissingSections());
        Assert.Equal("/profile/edit/photo", empty.Document.QuerySelector(".np-missing a")!.GetAttribute("href"));
        Assert.Equal("0", empty.Document.QuerySelector(".np-meter")!.GetAttribute("aria-valuenow"));

        await client.SubmitAsync("/profile/edit/basics", "/profile/edit/basics", ProfileEditPages.Basics(
            headline: "Tax adviser", position: "Partner", employer: "Kanzlei", city: "Leipzig", industry: "legal"));
        var basics = await client.OpenAsync("/profile/edit");
        Assert.Equal("Your profile is 30% complete.", basics.MeterText());
        Assert.DoesNotContain("Write a headline", basics.MissingSections());
        Assert.Contains("Write a few sentences about yourself", basics.MissingSections());
        Assert.NotNull(basics.Document.QuerySelector(".np-meter .np-meter-30"));

        await client.SubmitAsync("/profile/edit/summary", "/profile/edit/summary",
            new Dictionary<string, string> { ["Summary"] = "About me" });
        await client.SubmitAsync("/profile/edit/experience", "/profile/edit/experience",
            ProfileEditPages.Entry("Partner", "Kanzlei", 1, 2015, current: true));
        await client.SubmitAsync("/profile/edit/skills", "/profile/edit/skills",
            ProfileEditPages.Tags(skills: "Tax, Law"));
        var twoSkills = await client.OpenAsync("/profile/edit");
        Assert.Equal("Your profile is 50% complete.", twoSkills.MeterText());
        Assert.Contains("List at least 3 skills", twoSkills.MissingSections());

        await client.SubmitAsync("/profile/edit/skills", "/profile/edit/skills",
            ProfileEditPages.Tags(skills: "Tax, Law, Accounting", wants: "Clients", interests: "Sailing"));
        await client.SubmitAsync("/profile/edit/education", "/profile/edit/education",
            ProfileEditPages.Entry("Diplom", "Uni", 10, 1999, 7, 2004));
        await client.SubmitAsync("/profile/edit/languages", "/profile/edit/languages",
            new Dictionary<string, string> { ["Name"] = "German", ["Level"] = "Native" });
        var almost = await client.OpenAsync("/profile/edit");
        Assert.Equal("Your profile is 85% complete.", almost.MeterText());
        Assert.Equal(["Add a photo"], almost.MissingSections());

        var start = await client.OpenAsync("/");
        Assert.Equal("Your profile is 85% complete.", start.MeterText());
        Assert.Equal(["Add a photo"], start.MissingSections());
    }

    [Fact]
    public async Task The_start_page_names_at_most_three_missing_sections()
    {
        var (client, _) = await app.SignedInMemberAsync();

        var start = await client.OpenAsync("/");

        Assert.Equal("Your profile is 0% complete.", start.MeterText());
        Assert.Equal(3, start.MissingSections().Count);
        Assert.NotNull(start.Document.QuerySelector("a[href='/profile/edit']"));
    }

    // ---------- German ----------

    [Fact]
    public async Task A_german_member_edits_in_german()
    {
        var (client, _) = await app.SignedInMemberAsync(culture: "de");

        var overview = await client.OpenAsync("/profile/edit");
        var tooLong = await client.SubmitAsync("/profile/edit/basics", "/profile/edit/basics",
            ProfileEditPages.Basics(headline: new string('x', 121)));
        var entry = await client.SubmitAsync("/profile/edit/experience", "/profile/edit/experience",
            ProfileEditPages.Entry("Beraterin", "Beratung GmbH", 3, 2021, 1, 2020));
        await client.SubmitAsync("/profile/edit/experience", "/profile/edit/experience",
            ProfileEditPages.Entry("Beraterin", "Beratung GmbH", 3, 2021, current: true));
        var languages = await client.OpenAsync("/profile/edit/languages");
        var list = await client.OpenAsync("/profile/edit/experience");

        Assert.Equal("de", overview.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Profil bearbeiten", overview.Text);
        // German puts a (narrow) no-break space before the percent sign.
        Assert.Matches(@"^Ihr Profil ist zu 0[\u00a0\u202f ]% vollständig\.$", overview.MeterText());
        Assert.Contains("Foto hinzufügen", overview.MissingSections());
        Assert.Contains("Mein Profil ansehen", overview.Text);
        Assert.Equal("Überschrift darf höchstens 120 Zeichen lang sein", tooLong.FieldError("Headline"));
        Assert.Equal("Das Ende darf nicht vor dem Beginn liegen", entry.FieldError("EndYear"));
        Assert.Contains("März", entry.Document.QuerySelectorAll("#StartMonth option").Select(o => o.TextContent));
        Assert.Contains("Muttersprache", languages.Document.QuerySelectorAll("#Level option").Select(o => o.TextContent));
        Assert.Contains("C1 – fachkundige Kenntnisse", languages.Document.QuerySelectorAll("#Level option").Select(o => o.TextContent));
        Assert.Contains("März 2021 – heute", list.Text);
    }
}
