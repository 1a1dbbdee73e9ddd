using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using NetworkPlatform.BrowserTests.Layout;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.Companies;

/// <summary>
/// Issue 18 in a real browser: a recruiter creates a company page with a logo; a member links their current position
/// to it and follows it; the directory filtered by the industry shows it with one employee and one follower. Driven
/// through links, labelled fields and buttons only, on a desktop and a phone with JavaScript, and on a desktop without
/// it. Screenshots (and axe where scripts run): companies-{device}-NN-*.png.
/// </summary>
public sealed class CompanyPagesBrowserTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    [Theory]
    [InlineData("desktop", 1280, 900, true)]
    [InlineData("phone", LayoutSteps.PhoneWidth, LayoutSteps.PhoneHeight, true)]
    [InlineData("nojs", 1280, 900, false)]
    public async Task A_recruiter_creates_a_page_with_a_logo_a_member_links_and_follows_it_and_the_directory_counts_both(
        string device, int width, int height, bool javaScript)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var company = $"Lichtwerk Optik {suffix} GmbH";
        var recruiter = await RecruiterAsync("Rita");
        var member = await app.CreateAsync("Mara", "Meissner");

        // 1. The recruiter: header "Companies", "My companies", "Create a company page", the form, the logo.
        await using (var context = await chromium.NewContextAsync(app.BaseUrl, width: width, height: height,
                         javaScriptEnabled: javaScript))
        {
            var page = await context.NewPageAsync();
            await page.LoginAsync(recruiter, app.BaseUrl);
            await HeaderLinkAsync(page, "Companies");
            await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/companies");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Companies");
            await CheckAsync(page, device, "01-directory");

            await page.GetByRole(AriaRole.Link, new() { Name = "My companies" }).ClickAsync();
            await Expect(page.GetByTestId("administered-empty")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Create a company page" }).ClickAsync();
            await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/companies/new");
            await CheckAsync(page, device, "02-create-form");

            await page.GetByLabel("Company name").FillAsync(company);
            await page.GetByLabel("Tagline").FillAsync("Precision lenses from Jena");
            await page.GetByLabel("Industry").SelectOptionAsync(new SelectOptionValue { Label = "Electrical and electronics" });
            await page.GetByLabel("Company size").SelectOptionAsync(new SelectOptionValue { Label = "51-200 employees" });
            // A year needs four digits, not the form's whole width (the field asked for 8rem but got no such class).
            var founded = page.GetByLabel("Founded");
            Assert.True((await founded.BoundingBoxAsync())!.Width <= 8 * 16 + 1, "the Founded field is wider than 8rem");
            await founded.FillAsync("1998");
            await page.GetByLabel("Headquarters: city").FillAsync("Jena");
            await page.GetByLabel("Headquarters: country").FillAsync("Germany");
            await page.GetByLabel("Description").FillAsync("We grind **lenses** for microscopes and cameras.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create page" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{app.BaseUrl}/c/[a-z0-9-]+$"));
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your company page is live.");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(company);
            await Expect(page.Locator("[data-field=industry]")).ToHaveTextAsync("Electrical and electronics");
            await Expect(page.Locator("[data-field=headquarters]")).ToContainTextAsync("Jena");
            // No logo yet: the initials stand in for it.
            await Expect(page.Locator(".np-company-head img.np-logo")).ToHaveCountAsync(0);
            await CheckAsync(page, device, "03-created");

            await page.GetByTestId("admin-tools").GetByRole(AriaRole.Link, new() { Name = "Logo" }).ClickAsync();
            await Expect(page.GetByTestId("logo-state")).ToContainTextAsync("no logo yet");
            await page.GetByLabel("Logo", new() { Exact = true }).SetInputFilesAsync(new FilePayload
            {
                Name = "lichtwerk.png", MimeType = "image/png", Buffer = SampleFiles.Png(120, 120),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload logo" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("The logo was saved.");
            await Expect(page.GetByTestId("logo-state")).ToHaveTextAsync("This is the current logo.");
            await CheckAsync(page, device, "04-logo");

            await page.GetByRole(AriaRole.Link, new() { Name = "View page" }).ClickAsync();
            var logo = page.GetByRole(AriaRole.Img, new() { Name = $"Logo of {company}", Exact = true });
            await Expect(logo).ToBeVisibleAsync();
            await Expect(logo).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await logo.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the logo image did not load");
            await Expect(page.GetByText("No member has linked a current position to this page yet.")).ToBeVisibleAsync();
            await CheckAsync(page, device, "05-page-with-logo");
        }

        // 2. The member: a current position added in the profile editor, linked by search-then-pick, then Follow.
        await using (var context = await chromium.NewContextAsync(app.BaseUrl, width: width, height: height,
                         javaScriptEnabled: javaScript))
        {
            var page = await context.NewPageAsync();
            await page.LoginAsync(member, app.BaseUrl);
            // The start page invites a new member to complete the profile.
            await page.GetByRole(AriaRole.Link, new() { Name = "Complete your profile" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Add your work experience" }).ClickAsync();
            await page.GetByLabel("Job title").FillAsync("Optical engineer");
            await page.GetByLabel("Company or organisation").FillAsync("Lichtwerk");
            await page.Locator("#StartMonth").SelectOptionAsync("3");
            await page.Locator("#StartYear").FillAsync("2021");
            await page.GetByLabel("I work here now").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
            await Expect(page.Locator(".np-entries")).ToContainTextAsync("March 2021 – today");

            await page.GetByRole(AriaRole.Link, new() { Name = "Link company page – Optical engineer" }).ClickAsync();
            await Expect(page.GetByTestId("not-linked")).ToBeVisibleAsync();
            await page.GetByLabel("Company name").FillAsync($"Optik {suffix}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Find company" }).ClickAsync();
            await Expect(page.GetByTestId("choices").Locator("li")).ToHaveCountAsync(1);
            await CheckAsync(page, device, "06-pick-company");
            await page.GetByRole(AriaRole.Button, new() { Name = $"Link {company}", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("The position is linked to the company page.");
            await Expect(page.GetByTestId("linked-company")).ToContainTextAsync(company);
            await CheckAsync(page, device, "07-linked");

            await page.GetByTestId("linked-company").GetByRole(AriaRole.Link, new() { Name = company }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = $"Follow {company}", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("You follow this company now.");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"unfollow {company}" })).ToBeVisibleAsync();
            await Expect(page.Locator("[data-field=followers]")).ToHaveTextAsync("1");
            await Expect(page.Locator("section[data-section=employees]")).ToContainTextAsync(member.FullName);
            await Expect(page.Locator("section[data-section=employees]")).ToContainTextAsync("Optical engineer");
            await CheckAsync(page, device, "08-followed");

            // 3. The directory, filtered by the industry in its form, as a member chooses it.
            await HeaderLinkAsync(page, "Companies");
            var filters = page.GetByRole(AriaRole.Search, new() { Name = "Companies", Exact = true });
            await filters.GetByLabel("Industry").SelectOptionAsync(new SelectOptionValue { Label = "Electrical and electronics" });
            await filters.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]industry=electronics(&|$)"));
            var card = page.GetByTestId("company-hit").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = company, Exact = true }) });
            await Expect(card).ToHaveCountAsync(1);
            await Expect(card.GetByTestId("employee-count")).ToHaveTextAsync("1 employee on the network");
            await Expect(card.GetByTestId("follower-count")).ToHaveTextAsync("1 follower");
            await Expect(card).ToContainTextAsync("Electrical and electronics");
            await Expect(card.Locator("img.np-logo")).ToBeVisibleAsync();
            // Every company the filter shows is of that industry.
            foreach (var hit in await page.GetByTestId("company-hit").AllAsync())
                await Expect(hit).ToContainTextAsync("Electrical and electronics");
            await CheckAsync(page, device, "09-directory-filtered");

            // Another industry does not show it.
            await filters.GetByLabel("Industry").SelectOptionAsync(new SelectOptionValue { Label = "Software" });
            await filters.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]industry=software(&|$)"));
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = company, Exact = true })).ToHaveCountAsync(0);
        }
    }

    /// <summary>A member with the Recruiter role (roles are given by the operator; here straight in the database).</summary>
    private async Task<BrowserMember> RecruiterAsync(string first)
    {
        var recruiter = await app.CreateAsync(first, "Recruiter");
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(recruiter.Id.ToString());
        Assert.NotNull(user);
        Assert.True((await users.AddToRoleAsync(user, Roles.Recruiter)).Succeeded);
        return recruiter;
    }

    /// <summary>A link of the header's navigation, through the phone menu where the header folds it away.</summary>
    private static async Task HeaderLinkAsync(IPage page, string name)
    {
        var link = page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        if (!await link.IsVisibleAsync())
            await page.OpenMenuAsync();
        await link.ClickAsync();
    }

    private static async Task CheckAsync(IPage page, string device, string step)
    {
        await page.AssertNoHorizontalScrollingAsync();
        await page.AssertNothingSticksOutOfCardsAsync();
        await page.ScreenshotAndAxeAsync($"companies-{device}-{step}");
    }
}
