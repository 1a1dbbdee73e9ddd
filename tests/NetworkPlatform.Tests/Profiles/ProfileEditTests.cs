using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>What the profile editor's pages show besides inputs: textareas, selects, the meter.</summary>
public static class ProfileEditPages
{
    public static async Task<(HttpClient Client, Guid Id)> SignedInMemberAsync(this AppFactory app,
        string culture = "en", string first = "Erika", string last = "Mustermann")
    {
        var email = TestData.UniqueEmail("profile");
        var user = await app.CreateMemberAsync(email, first: first, last: last, culture: culture);
        var client = app.NewClient(language: culture);
        await client.LoginAsync(email);
        return (client, user.Id);
    }

    public static string? TextareaValue(this Page page, string id) =>
        (page.Document.GetElementById(id) as IHtmlTextAreaElement)?.Value;

    public static string? SelectedValue(this Page page, string id) =>
        (page.Document.GetElementById(id) as IHtmlSelectElement)?.Value;

    public static string? SelectedText(this Page page, string id) =>
        (page.Document.GetElementById(id) as IHtmlSelectElement)?.SelectedOptions.FirstOrDefault()?.TextContent.Trim();

    public static bool IsChecked(this Page page, string id) =>
        (page.Document.GetElementById(id) as IHtmlInputElement)?.IsChecked == true;

    public static IReadOnlyList<string> MissingSections(this Page page) =>
        page.Document.QuerySelectorAll(".np-missing li a").Select(a => a.TextContent.Trim()).ToList();

    public static string? MeterText(this Page page) => page.Document.GetElementById("meter-label")?.TextContent.Trim();

    public static Dictionary<string, string> Entry(string title, string organisation, int startMonth, int startYear,
        int? endMonth = null, int? endYear = null, bool current = false, string description = "") => new()
    {
        ["Title"] = title,
        ["Organisation"] = organisation,
        ["StartMonth"] = startMonth.ToString(),
        ["StartYear"] = startYear.ToString(),
        ["EndMonth"] = endMonth?.ToString() ?? "",
        ["EndYear"] = endYear?.ToString() ?? "",
        ["IsCurrent"] = current ? "true" : "false",
        ["Description"] = description,
    };

    public static Dictionary<string, string> Basics(string headline = "", string position = "", string employer = "",
        string city = "", string country = "", string industry = "", string title = "", string first = "Erika",
        string last = "Mustermann") => new()
    {
        ["AcademicTitle"] = title,
        ["FirstName"] = first,
        ["LastName"] = last,
        ["Headline"] = headline,
        ["Position"] = position,
        ["Employer"] = employer,
        ["City"] = city,
        ["Country"] = country,
        ["IndustryCode"] = industry,
    };

    public static Dictionary<string, string> Tags(string skills = "", string haves = "", string wants = "",
        string interests = "") => new()
    {
        ["Skills"] = skills,
        ["Haves"] = haves,
        ["Wants"] = wants,
        ["Interests"] = interests,
    };
}

/// <summary>Each section of the profile editor saves what the member typed and shows it again.</summary>
public class ProfileEditTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<MemberProfile> ProfileAsync(Guid id) =>
        app.WithDbAsync(db => db.Profiles.AsNoTracking().SingleAsync(p => p.UserId == id));

    [Fact]
    public async Task The_editor_is_only_for_signed_in_members()
    {
        var page = await app.NewClient().OpenAsync("/profile/edit/basics");

        Assert.StartsWith("/account/login", page.Path);
    }

    [Fact]
    public async Task Opening_the_editor_makes_a_profile_for_an_account_that_has_none_yet()
    {
        var (client, id) = await app.SignedInMemberAsync(first: "Anton", last: "Ohneprofil");
        Assert.False(await app.WithDbAsync(db => db.Profiles.AnyAsync(p => p.UserId == id)));

        var page = await client.OpenAsync("/profile/edit");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("Edit profile", page.Text);
        Assert.StartsWith("anton-ohneprofil", (await ProfileAsync(id)).Slug);
    }

    [Fact]
    public async Task Basics_are_saved_and_shown_on_the_form_and_the_overview()
    {
        var (client, id) = await app.SignedInMemberAsync();
        await client.OpenAsync("/profile/edit");
        var before = (await ProfileAsync(id)).UpdatedAt;
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var page = await client.SubmitAsync("/profile/edit/basics", "/profile/edit/basics", ProfileEditPages.Basics(
            title: "Dr.", first: "Erika", last: "Musterfrau", headline: "Tax adviser for start-ups",
            position: "Partner", employer: "Muster & Partner", city: "Leipzig", country: "Germany",
            industry: "accounting"));

        Assert.Equal("/profile/edit/basics", page.Path);
        Assert.Equal("Your changes are saved.", page.Flash);
        Assert.Equal("Dr.", page.FieldValue("AcademicTitle"));
        Assert.Equal("Musterfrau", page.FieldValue("LastName"));
        Assert.Equal("Tax adviser for start-ups", page.FieldValue("Headline"));
        Assert.Equal("Muster & Partner", page.FieldValue("Employer"));
        Assert.Equal("Leipzig", page.FieldValue("City"));
        Assert.Equal("accounting", page.SelectedValue("IndustryCode"));
        Assert.Equal("Accounting and tax advice", page.SelectedText("IndustryCode"));
        var stored = await ProfileAsync(id);
        Assert.Equal("Partner", stored.Position);
        Assert.Equal("Germany", stored.Country);
        Assert.True(stored.UpdatedAt > before);
        Assert.Equal("Musterfrau", await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LastName).SingleAsync()));

        var overview = await client.OpenAsync("/profile/edit");
        var basics = overview.Document.GetElementById("section-basics")!.TextContent;
        Assert.Contains("Dr. Erika Musterfrau", basics);
        Assert.Contains("Tax adviser for start-ups", basics);
        Assert.Contains("Leipzig, Germany", basics);
        Assert.Contains("Accounting and tax advice", basics);
    }

    [Fact]
    public async Task The_industry_list_is_sorted_by_its_localized_names_and_offers_none()
    {
        var (client, _) = await app.SignedInMemberAsync(culture: "de");

        var page = await client.OpenAsync("/profile/edit/basics");

        var options = page.Document.QuerySelectorAll("#IndustryCode option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal("Keine Branche gewählt", options[0]);
        Assert.Equal(Industries.All.Count + 1, options.Count);
        var names = options.Skip(1).ToList();
        Assert.Equal(names.OrderBy(n => n, StringComparer.Create(new System.Globalization.CultureInfo("de"), true)), names);
        Assert.Contains("Rechnungswesen und Steuerberatung", names);
    }

    [Fact]
    public async Task A_too_long_headline_is_refused_at_its_field_and_everything_typed_is_kept()
    {
        var (client, id) = await app.SignedInMemberAsync();
        var headline = new string('x', 121);

        var page = await client.SubmitAsync("/profile/edit/basics", "/profile/edit/basics", ProfileEditPages.Basics(
            headline: headline, city: "Dresden", industry: "software", first: ""));

        Assert.Equal("/profile/edit/basics", page.Path);
        Assert.Equal("Headline must be 120 characters or fewer", page.FieldError("Headline"));
        Assert.Equal("Enter your first name", page.FieldError("FirstName"));
        Assert.Contains("Headline must be 120 characters or fewer", page.ErrorSummary);
        Assert.Equal(headline, page.FieldValue("Headline"));
        Assert.Equal("Dresden", page.FieldValue("City"));
        Assert.Equal("software", page.SelectedValue("IndustryCode"));
        Assert.Null((await ProfileAsync(id)).Headline);
    }

    [Fact]
    public async Task An_unknown_industry_code_is_refused_at_the_select()
    {
        var (client, _) = await app.SignedInMemberAsync();

        var page = await client.SubmitAsync("/profile/edit/basics", "/profile/edit/basics",
            ProfileEditPages.Basics(industry: "crime"));

        Assert.Equal("Choose an industry from the list", page.FieldError("IndustryCode"));
    }

    [Fact]
    public async Task The_summary_is_stored_as_the_raw_markdown_typed()
    {
        var (client, id) = await app.SignedInMemberAsync();
        const string markdown = "I help **start-ups** with taxes.\r\n\r\n- Bookkeeping\r\n- Annual accounts";

        var page = await client.SubmitAsync("/profile/edit/summary", "/profile/edit/summary",
            new Dictionary<string, string> { ["Summary"] = markdown });

        Assert.Equal("Your changes are saved.", page.Flash);
        Assert.Equal(markdown.Replace("\r\n", "\n"), page.TextareaValue("Summary"));
        Assert.Equal(markdown.Replace("\r\n", "\n"), (await ProfileAsync(id)).Summary);
        Assert.Contains("Markdown", page.Document.GetElementById("Summary-hint")!.TextContent);
    }

    [Fact]
    public async Task A_summary_over_4000_characters_is_refused_and_kept()
    {
        var (client, id) = await app.SignedInMemberAsync();
        var text = new string('a', 4001);

        var page = await client.SubmitAsync("/profile/edit/summary", "/profile/edit/summary",
            new Dictionary<string, string> { ["Summary"] = text });

        Assert.Equal("Use at most 4000 characters here (you entered 4001)", page.FieldError("Summary"));
        Assert.Equal(text, page.TextareaValue("Summary"));
        Assert.Null((await ProfileAsync(id)).Summary);
    }

    [Fact]
    public async Task Experience_entries_are_added_listed_newest_first_edited_and_deleted()
    {
        var (client, id) = await app.SignedInMemberAsync();
        await client.SubmitAsync("/profile/edit/experience", "/profile/edit/experience",
            ProfileEditPages.Entry("Trainee", "Bank AG", 9, 2005, 8, 2007));
        await client.SubmitAsync("/profile/edit/experience", "/profile/edit/experience",
            ProfileEditPages.Entry("Partner", "Muster & Partner", 1, 2015, current: true, description: "Line one\nLine two"));
        var added = await client.SubmitAsync("/profile/edit/experience", "/profile/edit/experience",
            ProfileEditPages.Entry("Tax adviser", "Kanzlei Schmidt", 10, 2007, 12, 2014));

        Assert.Equal("/profile/edit/experience", added.Path);
        Assert.Equal("Your changes are saved.", added.Flash);
        var titles = added.Document.QuerySelectorAll(".np-entries h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Partner", "Tax adviser", "Trainee"], titles);
        Assert.Contains("January 2015 – today", added.Text);
        Assert.Contains("October 2007 – December 2014", added.Text);

        var trainee = await app.WithDbAsync(db => db.ProfileEntries.SingleAsync(e => e.UserId == id && e.Title == "Trainee"));
        var form = await client.OpenAsync($"/profile/edit/experience/{trainee.Id}");
        Assert.Equal("Trainee", form.FieldValue("Title"));
        Assert.Equal("9", form.SelectedValue("StartMonth"));
        Assert.Equal("2007", form.FieldValue("EndYear"));
        var edited = await form.SubmitAsync(client, $"/profile/edit/experience/{trainee.Id}",
            ProfileEditPages.Entry("Trainee in banking", "Bank AG", 9, 2005, 8, 2007));
        Assert.Equal("/profile/edit/experience", edited.Path);
        Assert.Contains("Trainee in banking", edited.Text);

        var deleted = await edited.SubmitAsync(client, $"/profile/edit/experience/{trainee.Id}/delete",
            new Dictionary<string, string>());
        Assert.Equal("The entry is deleted.", deleted.Flash);
        Assert.DoesNotContain("Trainee", deleted.Text);
        Assert.Equal(2, await app.WithDbAsync(db => db.ProfileEntries.CountAsync(e => e.UserId == id)));
        var current = await app.WithDbAsync(db => db.ProfileEntries.SingleAsync(e => e.UserId == id && e.Title == "Partner"));
        Assert.True(current.IsCurrent);
        Assert.Null(current.EndMonth);
        Assert.Equal(new DateOnly(2015, 1, 1), current.StartMonth);
        Assert.Equal("Line one\nLine two", current.Description);
    }

    [Fact]
    public async Task Education_uses_its_own_labels_and_list()
    {
        var (client, id) = await app.SignedInMemberAsync();

        var page = await client.SubmitAsync("/profile/edit/education", "/profile/edit/education",
            ProfileEditPages.Entry("Diplom-Kauffrau", "Universität Leipzig", 10, 1999, 7, 2004));

        Assert.Equal("/profile/edit/education", page.Path);
        Assert.Contains("Diplom-Kauffrau", page.Text);
        Assert.Equal("Degree or qualification", page.Document.QuerySelector("label[for=Title]")!.TextContent.Trim());
        var entry = await app.WithDbAsync(db => db.ProfileEntries.SingleAsync(e => e.UserId == id));
        Assert.Equal(EntryKind.Education, entry.Kind);
        Assert.DoesNotContain("Diplom-Kauffrau", (await client.OpenAsync("/profile/edit/experience")).Text);
    }

    [Fact]
    public async Task An_end_before_the_start_is_refused_at_the_end_and_the_typed_entry_is_kept()
    {
        var (client, id) = await app.SignedInMemberAsync();

        var page = await client.SubmitAsync("/profile/edit/experience", "/profile/edit/experience",
            ProfileEditPages.Entry("Consultant", "Beratung GmbH", 6, 2020, 3, 2019, description: "Kept"));

        Assert.Equal("The end cannot be before the start", page.FieldError("EndYear"));
        Assert.Contains("The end cannot be before the start", page.ErrorSummary);
        Assert.Equal("Consultant", page.FieldValue("Title"));
        Assert.Equal("Beratung GmbH", page.FieldValue("Organisation"));
        Assert.Equal("6", page.SelectedValue("StartMonth"));
        Assert.Equal("2020", page.FieldValue("StartYear"));
        Assert.Equal("3", page.SelectedValue("EndMonth"));
        Assert.Equal("2019", page.FieldValue("EndYear"));
        Assert.Equal("Kept", page.TextareaValue("Description"));
        Assert.False(await app.WithDbAsync(db => db.ProfileEntries.AnyAsync(e => e.UserId == id)));
    }

    [Fact]
    public async Task An_entry_needs_its_title_start_and_an_end_unless_current_with_years_in_range()
    {
        var (client, _) = await app.SignedInMemberAsync();
        var nextYear = DateTime.UtcNow.Year + 1;

        var missing = await client.SubmitAsync("/profile/edit/experience", "/profile/edit/experience",
            new Dictionary<string, string> { ["Title"] = "", ["Organisation"] = "", ["StartMonth"] = "", ["StartYear"] = "" });
        var outOfRange = await client.SubmitAsync("/profile/edit/education", "/profile/edit/education",
            ProfileEditPages.Entry("Abitur", "Gymnasium", 6, 1949, 7, nextYear + 1));

        Assert.Equal("Enter your job title", missing.FieldError("Title"));
        Assert.Equal("Enter the company or organisation", missing.FieldError("Organisation"));
        Assert.Equal("Choose the month", missing.FieldError("StartMonth"));
        Assert.Equal("Enter the year", missing.FieldError("StartYear"));
        Assert.Equal("Enter when it ended, or tick that it is current", missing.FieldError("EndYear"));
        Assert.Equal($"Enter a year from 1950 to {nextYear}", outOfRange.FieldError("StartYear"));
        Assert.Equal($"Enter a year from 1950 to {nextYear}", outOfRange.FieldError("EndYear"));
        Assert.Equal("1949", outOfRange.FieldValue("StartYear"));
    }

    [Fact]
    public async Task Tags_are_split_by_lines_and_commas_and_duplicates_are_dropped_ignoring_case()
    {
        var (client, id) = await app.SignedInMemberAsync();

        var page = await client.SubmitAsync("/profile/edit/skills", "/profile/edit/skills", ProfileEditPages.Tags(
            skills: "C#, SQL\r\nc#\r\n  Project   management ", haves: "Mentoring", wants: "New clients, Co-founder",
            interests: "Sailing"));

        Assert.Equal("Your changes are saved.", page.Flash);
        Assert.Equal("C#\nSQL\nProject management", page.TextareaValue("Skills"));
        var stored = await ProfileAsync(id);
        Assert.Equal(["C#", "SQL", "Project management"], stored.Skills);
        Assert.Equal(["Mentoring"], stored.Haves);
        Assert.Equal(["New clients", "Co-founder"], stored.Wants);
        Assert.Equal(["Sailing"], stored.Interests);
        Assert.Contains("One per line or separated by commas", page.Document.GetElementById("Skills-hint")!.TextContent);
    }

    [Fact]
    public async Task Too_many_skills_or_a_too_long_tag_is_named_at_its_field_and_the_text_is_kept()
    {
        var (client, id) = await app.SignedInMemberAsync();
        var skills = string.Join("\n", Enumerable.Range(1, 51).Select(i => $"Skill {i}"));
        var longTag = "Very " + new string('l', 60) + "ong interest";

        var page = await client.SubmitAsync("/profile/edit/skills", "/profile/edit/skills",
            ProfileEditPages.Tags(skills: skills, haves: "Fine", interests: longTag));

        Assert.Equal("List at most 50 entries here (you entered 51)", page.FieldError("Skills"));
        Assert.StartsWith("Each entry can be at most 60 characters long; this one is longer: Very lll",
            page.FieldError("Interests"));
        Assert.Null(page.FieldError("Haves"));
        Assert.Equal(skills, page.TextareaValue("Skills"));
        Assert.Equal(longTag, page.TextareaValue("Interests"));
        Assert.Empty((await ProfileAsync(id)).Skills);
    }

    [Fact]
    public async Task Languages_are_added_with_a_localized_level_and_deleted_and_at_most_ten_are_kept()
    {
        var (client, id) = await app.SignedInMemberAsync();
        var form = await client.OpenAsync("/profile/edit/languages");
        Assert.Contains("C1 – advanced",
            form.Document.QuerySelectorAll("#Level option").Select(o => o.TextContent.Trim()));

        var page = await client.SubmitAsync("/profile/edit/languages", "/profile/edit/languages",
            new Dictionary<string, string> { ["Name"] = "English", ["Level"] = "C1" });
        await client.SubmitAsync("/profile/edit/languages", "/profile/edit/languages",
            new Dictionary<string, string> { ["Name"] = "German", ["Level"] = "Native" });
        var twice = await client.SubmitAsync("/profile/edit/languages", "/profile/edit/languages",
            new Dictionary<string, string> { ["Name"] = "english", ["Level"] = "B2" });
        var noLevel = await client.SubmitAsync("/profile/edit/languages", "/profile/edit/languages",
            new Dictionary<string, string> { ["Name"] = "French", ["Level"] = "" });

        Assert.Equal("Your changes are saved.", page.Flash);
        Assert.Contains("English · C1 – advanced", page.Text);
        Assert.Equal("english is already in your list", twice.FieldError("Name"));
        Assert.Equal("Choose your level", noLevel.FieldError("Level"));
        Assert.Equal("French", noLevel.FieldValue("Name"));
        var list = (await client.OpenAsync("/profile/edit/languages")).Document
            .QuerySelectorAll(".np-languages li strong").Select(s => s.TextContent).ToList();
        Assert.Equal(["German", "English"], list);

        var english = await app.WithDbAsync(db => db.ProfileLanguages.SingleAsync(l => l.UserId == id && l.Name == "English"));
        var deleted = await client.SubmitAsync("/profile/edit/languages", $"/profile/edit/languages/{english.Id}/delete",
            new Dictionary<string, string>());
        Assert.Equal("The entry is deleted.", deleted.Flash);
        Assert.DoesNotContain("English", deleted.Document.QuerySelector(".np-languages")!.TextContent);

        for (var i = 1; i <= 9; i++)
            await client.SubmitAsync("/profile/edit/languages", "/profile/edit/languages",
                new Dictionary<string, string> { ["Name"] = $"Language {i}", ["Level"] = "A1" });
        var full = await client.OpenAsync("/profile/edit/languages");
        Assert.Contains("You have listed 10 languages", full.Text);
        var eleventh = await client.PostWithTokenOfAsync(full, "/profile/edit/languages",
            new Dictionary<string, string> { ["Name"] = "Klingon", ["Level"] = "A1" });
        Assert.Equal(10, await app.WithDbAsync(db => db.ProfileLanguages.CountAsync(l => l.UserId == id)));
        Assert.Contains("You can list at most 10 languages", eleventh.Text);
    }

    [Fact]
    public async Task Web_links_take_only_http_and_https_and_at_most_five()
    {
        var (client, id) = await app.SignedInMemberAsync();

        var ok = await client.SubmitAsync("/profile/edit/links", "/profile/edit/links",
            new Dictionary<string, string> { ["Url"] = "https://www.example.org/portfolio", ["Title"] = "" });
        Assert.Equal("Your changes are saved.", ok.Flash);
        Assert.Contains("example.org", ok.Document.QuerySelector(".np-links strong")!.TextContent);

        foreach (var bad in new[] { "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "/relative/path", "ftp://example.org" })
        {
            var page = await client.SubmitAsync("/profile/edit/links", "/profile/edit/links",
                new Dictionary<string, string> { ["Url"] = bad, ["Title"] = "Mine" });
            Assert.Equal("Enter a full web address that starts with https:// or http://", page.FieldError("Url"));
            Assert.Equal(bad, page.FieldValue("Url"));
            Assert.Equal("Mine", page.FieldValue("Title"));
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.ProfileLinks.CountAsync(l => l.UserId == id)));

        for (var i = 2; i <= 5; i++)
            await client.SubmitAsync("/profile/edit/links", "/profile/edit/links",
                new Dictionary<string, string> { ["Url"] = $"http://example.org/{i}", ["Title"] = $"Link {i}" });
        var full = await client.OpenAsync("/profile/edit/links");
        Assert.Contains("You have listed 5 links", full.Text);
        var sixth = await client.PostWithTokenOfAsync(full, "/profile/edit/links",
            new Dictionary<string, string> { ["Url"] = "https://example.org/6", ["Title"] = "Six" });
        Assert.Contains("You can list at most 5 links", sixth.Text);
        var links = await app.WithDbAsync(db => db.ProfileLinks.Where(l => l.UserId == id).OrderBy(l => l.Position)
            .Select(l => l.Title).ToListAsync());
        Assert.Equal(["example.org", "Link 2", "Link 3", "Link 4", "Link 5"], links);
    }

    [Fact]
    public async Task Contact_details_start_visible_only_to_me_and_are_saved_with_their_visibility()
    {
        var (client, id) = await app.SignedInMemberAsync();
        var form = await client.OpenAsync("/profile/edit/contact");
        foreach (var field in new[] { "PhoneVisibility", "MobileVisibility", "BusinessEmailVisibility", "AddressVisibility", "BirthdayVisibility" })
            Assert.Equal("Only me", form.SelectedText(field));
        Assert.Contains("“My contacts” means the members you are connected with.", form.Text);

        var page = await form.SubmitAsync(client, "/profile/edit/contact", new Dictionary<string, string>
        {
            ["Phone"] = "+49 (341) 123/456-7",
            ["PhoneVisibility"] = "Members",
            ["Mobile"] = "0170 1234567",
            ["MobileVisibility"] = "Contacts",
            ["BusinessEmail"] = "erika@kanzlei.example",
            ["BusinessEmailVisibility"] = "Everyone",
            ["Address"] = "Markt 1\r\n04109 Leipzig",
            ["AddressVisibility"] = "OnlyMe",
            ["Birthday"] = "1980-03-27",
            ["BirthdayVisibility"] = "Members",
        });

        Assert.Equal("Your changes are saved.", page.Flash);
        Assert.Equal("+49 (341) 123/456-7", page.FieldValue("Phone"));
        Assert.Equal("All members", page.SelectedText("PhoneVisibility"));
        Assert.Equal("1980-03-27", page.FieldValue("Birthday"));
        Assert.Equal("Markt 1\n04109 Leipzig", page.TextareaValue("Address"));
        var stored = await ProfileAsync(id);
        Assert.Equal(FieldVisibility.Contacts, stored.MobileVisibility);
        Assert.Equal(FieldVisibility.Everyone, stored.BusinessEmailVisibility);
        Assert.Equal(new DateOnly(1980, 3, 27), stored.Birthday);
    }

    [Fact]
    public async Task Bad_contact_details_are_refused_at_their_fields_and_kept()
    {
        var (client, id) = await app.SignedInMemberAsync();
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");

        var page = await client.SubmitAsync("/profile/edit/contact", "/profile/edit/contact", new Dictionary<string, string>
        {
            ["Phone"] = "call me maybe",
            ["PhoneVisibility"] = "Members",
            ["Mobile"] = "",
            ["BusinessEmail"] = "not-an-address",
            ["Address"] = "",
            ["Birthday"] = tomorrow,
        });
        var notADate = await client.SubmitAsync("/profile/edit/contact", "/profile/edit/contact",
            new Dictionary<string, string> { ["Birthday"] = "31.02.1980" });

        Assert.Equal("Use only digits, spaces and + ( ) / - in a phone number", page.FieldError("Phone"));
        Assert.Equal("Enter an e-mail address in the right format, like name@example.com", page.FieldError("BusinessEmail"));
        Assert.StartsWith("Enter a birthday between 1900 and", page.FieldError("Birthday"));
        Assert.Equal("call me maybe", page.FieldValue("Phone"));
        Assert.Equal("Members", page.SelectedValue("PhoneVisibility"));
        Assert.Equal("Enter a real date, like 1980-03-27", notADate.FieldError("Birthday"));
        Assert.Equal("31.02.1980", notADate.FieldValue("Birthday"));
        Assert.Null((await ProfileAsync(id)).Phone);
    }

    [Fact]
    public async Task Profile_settings_are_saved()
    {
        var (client, id) = await app.SignedInMemberAsync();
        var form = await client.OpenAsync("/profile/edit/settings");
        Assert.True(form.IsChecked("Audience-Members"));
        Assert.True(form.IsChecked("ShowMeAsVisitor"));
        Assert.False(form.IsChecked("AllowSearchEngines"));
        Assert.Contains("you can no longer see who visited your profile", form.Text);

        var page = await form.SubmitAsync(client, "/profile/edit/settings", new Dictionary<string, string>
        {
            ["Audience"] = "Public",
            ["AllowSearchEngines"] = "true",
            ["ShowMeAsVisitor"] = "false",
        });

        Assert.Equal("Your changes are saved.", page.Flash);
        Assert.True(page.IsChecked("Audience-Public"));
        Assert.True(page.IsChecked("AllowSearchEngines"));
        Assert.False(page.IsChecked("ShowMeAsVisitor"));
        var stored = await ProfileAsync(id);
        Assert.Equal(ProfileAudience.Public, stored.Audience);
        Assert.True(stored.AllowSearchEngines);
        Assert.False(stored.ShowMeAsVisitor);
    }

    [Fact]
    public async Task Another_section_keeps_its_defaults_when_one_section_is_saved()
    {
        var (client, id) = await app.SignedInMemberAsync();

        await client.SubmitAsync("/profile/edit/basics", "/profile/edit/basics", ProfileEditPages.Basics(headline: "Hi"));

        var stored = await ProfileAsync(id);
        Assert.Equal(FieldVisibility.OnlyMe, stored.PhoneVisibility);
        Assert.Equal(ProfileAudience.Members, stored.Audience);
        Assert.True(stored.ShowMeAsVisitor);
    }
}
