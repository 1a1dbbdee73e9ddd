using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using static NetworkPlatform.Tests.Profiles.ProfileViewTestData;

namespace NetworkPlatform.Tests.Profiles;

public class ProfileViewTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<Member> RichProfileAsync(string language = "en") =>
        app.MemberWithProfileAsync(p =>
        {
            p.Audience = ProfileAudience.Public;
            p.AcademicTitle = "Dr.";
            p.Headline = "Helping mid-sized companies sell abroad";
            p.Position = "Head of Sales";
            p.Employer = "Muster GmbH";
            p.City = "Nürnberg";
            p.Country = "Deutschland";
            p.IndustryCode = "logistics";
            p.Summary = "I build **sales teams**.\n\nSee [my blog](https://blog.example.org).";
            p.Skills = ["Negotiation", "Export"];
            p.Haves = ["Market entry advice"];
            p.Wants = ["Partners in Asia"];
            p.Interests = ["Sailing"];
            p.Entries.Add(Entry(p.UserId, EntryKind.Experience, "Sales Manager", "Alt AG", new(2012, 3, 1), new(2016, 5, 1)));
            p.Entries.Add(Entry(p.UserId, EntryKind.Experience, "Head of Sales", "Muster GmbH", new(2016, 6, 1), null, "Built the team.\nOpened 4 markets."));
            p.Entries.Add(Entry(p.UserId, EntryKind.Experience, "Trainee", "Alt AG", new(2010, 1, 1), new(2012, 2, 1)));
            p.Entries.Add(Entry(p.UserId, EntryKind.Education, "MBA", "Uni Mannheim", new(2008, 10, 1), new(2010, 9, 1)));
            p.Languages.Add(new ProfileLanguage { Name = "English", Level = LanguageLevel.C1 });
            p.Languages.Add(new ProfileLanguage { Name = "German", Level = LanguageLevel.Native });
            p.Links.Add(new ProfileLink { Title = "Company", Url = "https://muster.example", Position = 0 });
        }, first: "Erika", last: "Mustermann", login: true, language: language);

    private static List<string> Texts(Page page, string selector) =>
        page.Document.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task Another_member_sees_the_whole_profile_with_experience_newest_first()
    {
        var owner = await RichProfileAsync();
        var viewer = await app.MemberWithProfileAsync(first: "Max", last: "Beispiel", login: true);

        var page = await viewer.Client!.OpenAsync(owner.Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Dr. Erika Mustermann", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Helping mid-sized companies sell abroad", page.Document.QuerySelector("[data-field=headline]")!.TextContent.Trim());
        Assert.Equal("Head of Sales at Muster GmbH", page.Document.QuerySelector("[data-field=position]")!.TextContent.Trim());
        Assert.Contains("Nürnberg, Deutschland", page.Document.QuerySelector("[data-field=location]")!.TextContent);
        Assert.Contains("Transport and logistics", page.Document.QuerySelector("[data-field=industry]")!.TextContent);
        Assert.Equal("sales teams", page.Document.QuerySelector("[data-section=summary] strong")!.TextContent);
        Assert.Equal(["Head of Sales", "Sales Manager", "Trainee"], Texts(page, "[data-section=experience] h3"));
        Assert.Equal("June 2016 – today", page.Document.QuerySelector("[data-section=experience] li .small")!.TextContent.Trim());
        Assert.Equal("Built the team.\nOpened 4 markets.", page.Document.QuerySelector("[data-section=experience] li p")!.TextContent);
        Assert.Equal(["MBA"], Texts(page, "[data-section=education] h3"));
        Assert.Equal(["Negotiation", "Export"], Texts(page, "[data-section=skills] li"));
        Assert.Equal(["Market entry advice", "Partners in Asia"], Texts(page, "[data-section=haves-wants] li"));
        Assert.Equal(["Sailing"], Texts(page, "[data-section=interests] li"));
        Assert.Equal(["German Native speaker", "English Advanced (C1)"],
            page.Document.QuerySelectorAll("[data-section=languages] li").Select(li => string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList());
        var link = page.Document.QuerySelector("[data-section=links] a")!;
        Assert.Equal("https://muster.example", link.GetAttribute("href"));
        Assert.Equal("nofollow ugc noopener", link.GetAttribute("rel"));
        Assert.Null(link.GetAttribute("target"));
        Assert.NotNull(page.Document.QuerySelector($"a[href='/p/{owner.Slug}/vcard']"));
        // Owner-only parts stay away.
        Assert.Null(page.Document.QuerySelector("a[href='/profile/edit']"));
        Assert.Null(page.Document.QuerySelector("a[href='/profile/visitors']"));
        Assert.Null(page.Document.QuerySelector(".np-card-empty"));
    }

    [Fact]
    public async Task The_owner_gets_edit_and_visitors_links_and_an_add_link_for_each_empty_section()
    {
        var owner = await app.MemberWithProfileAsync(login: true);

        var page = await owner.Client!.OpenAsync(owner.Url);

        Assert.NotNull(page.Document.QuerySelector("a[href='/profile/edit']"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/profile/visitors']"));
        var empty = page.Document.QuerySelectorAll(".np-card-empty").Select(s => s.GetAttribute("data-section")).ToList();
        Assert.Equal(["summary", "experience", "education", "skills", "haves-wants", "languages", "contact", "links", "documents", "interests"], empty);
        Assert.All(page.Document.QuerySelectorAll(".np-card-empty"), s => Assert.NotNull(s.QuerySelector("a[href^='/profile/edit']")));
        Assert.Contains("Your profile is visible to logged-in members only.", page.Document.QuerySelector("[data-testid=audience]")!.TextContent);
    }

    [Fact]
    public async Task A_visitor_of_an_empty_profile_sees_no_empty_sections()
    {
        var owner = await app.MemberWithProfileAsync(p => p.Audience = ProfileAudience.Public);

        var page = await app.NewClient().OpenAsync(owner.Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Document.QuerySelectorAll("[data-section]"));
    }

    [Fact]
    public async Task My_profile_link_leads_to_my_own_page_and_makes_the_profile_if_it_is_missing()
    {
        var user = await app.CreateMemberAsync(TestData.UniqueEmail("noprofile"), first: "Jörg", last: "Groß");
        await app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == user.Id).ExecuteDeleteAsync());
        var client = app.NewClient(followRedirects: false);
        await client.LoginAsync(user.Email!);

        var response = await client.GetAsync("/profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var slug = await app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == user.Id).Select(p => p.Slug).SingleAsync());
        Assert.StartsWith("joerg-gross", slug);
        Assert.Equal("/p/" + slug, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task My_profile_asks_someone_not_logged_in_to_log_in()
    {
        var response = await app.NewClient(followRedirects: false).GetAsync("/profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task An_old_address_redirects_permanently_to_the_current_one()
    {
        var owner = await app.MemberWithProfileAsync(p => p.Audience = ProfileAudience.Public);
        await app.WithDbAsync(async db =>
        {
            db.ProfileSlugRedirects.Add(new ProfileSlugRedirect { Slug = "erika-old-name", UserId = owner.Id });
            return await db.SaveChangesAsync();
        });

        var response = await app.NewClient(followRedirects: false).GetAsync("/p/erika-old-name");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(owner.Url, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_address_in_capitals_redirects_to_the_lower_case_one()
    {
        var owner = await app.MemberWithProfileAsync(p => p.Audience = ProfileAudience.Public);

        var response = await app.NewClient(followRedirects: false).GetAsync("/p/" + owner.Slug.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(owner.Url, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/p/nobody-by-this-name")]
    [InlineData("/p/x")]
    [InlineData("/p/%3Cscript%3E")]
    public async Task An_unknown_address_answers_with_the_not_found_page(string url)
    {
        var page = await app.NewClient().OpenAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("404", page.Text);
    }

    [Fact]
    public async Task A_German_reader_gets_the_page_in_German_with_German_months()
    {
        var owner = await RichProfileAsync();

        var page = await app.NewClient(language: "de").OpenAsync(owner.Url);

        Assert.Equal("de", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Head of Sales bei Muster GmbH", page.Document.QuerySelector("[data-field=position]")!.TextContent.Trim());
        Assert.Equal("Berufserfahrung", page.Document.QuerySelector("[data-section=experience] h2")!.TextContent.Trim());
        Assert.Equal("Juni 2016 – heute", page.Document.QuerySelector("[data-section=experience] li .small")!.TextContent.Trim());
        Assert.Contains("Transport und Logistik", page.Document.QuerySelector("[data-field=industry]")!.TextContent);
        Assert.Contains("vCard herunterladen", page.Text);
        Assert.Contains("Muttersprache", page.Text);
    }
}
