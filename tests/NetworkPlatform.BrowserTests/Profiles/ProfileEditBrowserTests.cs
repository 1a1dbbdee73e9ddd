using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.Profiles;

/// <summary>The profile editor in a real browser: every section page is screenshotted and checked with axe.</summary>
public class ProfileEditBrowserTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    private async Task<string> MemberAsync()
    {
        var email = TestData.UniqueEmail("editor");
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = AppUser.Create(email, "Erika", "Mustermann", "en", DateTimeOffset.UtcNow, emailConfirmed: true);
        Assert.True((await users.CreateAsync(user, TestData.Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Member);
        return email;
    }

    [Fact]
    public async Task A_member_fills_the_profile_section_by_section_and_the_meter_follows()
    {
        var email = await MemberAsync();
        await using var context = await chromium.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/");
        await page.ScreenshotAndAxeAsync("profile-edit-00-start");

        await page.GotoAsync("/profile/edit");
        await Expect(page.Locator("#meter-label")).ToHaveTextAsync("Your profile is 0% complete.");
        await page.ScreenshotAndAxeAsync("profile-edit-01-overview-empty");

        // Basics, with a mistake first: the message stands at the field and the typed text stays.
        await page.GetByRole(AriaRole.Link, new() { Name = "Write a headline" }).ClickAsync();
        await page.GetByLabel("Academic title (optional)").FillAsync("Dr.");
        await page.GetByLabel("First name").FillAsync("");
        await page.GetByLabel("City").FillAsync("Leipzig");
        await page.GetByLabel("Industry").SelectOptionAsync("legal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#FirstName-error")).ToHaveTextAsync("Enter your first name");
        await Expect(page.GetByLabel("City")).ToHaveValueAsync("Leipzig");
        await page.ScreenshotAndAxeAsync("profile-edit-02-basics-error");
        await page.GetByLabel("First name").FillAsync("Erika");
        await page.GetByLabel("Headline").FillAsync("Tax adviser for start-ups");
        await page.GetByLabel("Current position").FillAsync("Partner");
        await page.GetByLabel("Employer").FillAsync("Muster & Partner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your changes are saved.");
        await page.ScreenshotAndAxeAsync("profile-edit-03-basics");

        await page.GotoAsync("/profile/edit/summary");
        await page.GetByLabel("About me").FillAsync("I help **start-ups** with their taxes.\n\n- Bookkeeping\n- Annual accounts");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.ScreenshotAndAxeAsync("profile-edit-04-summary");

        await page.GotoAsync("/profile/edit/experience");
        await page.GetByLabel("Job title").FillAsync("Partner");
        await page.GetByLabel("Company or organisation").FillAsync("Muster & Partner");
        await page.Locator("#StartMonth").SelectOptionAsync("1");
        await page.Locator("#StartYear").FillAsync("2015");
        await page.GetByLabel("I work here now").CheckAsync();
        await page.GetByLabel("Description (optional)").FillAsync("Tax advice for founders.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.Locator(".np-entries")).ToContainTextAsync("January 2015 – today");
        await page.ScreenshotAndAxeAsync("profile-edit-05-experience");

        await page.GotoAsync("/profile/edit/education");
        await page.GetByLabel("Degree or qualification").FillAsync("Diplom-Kauffrau");
        await page.GetByLabel("School, college or university").FillAsync("Universität Leipzig");
        await page.Locator("#StartMonth").SelectOptionAsync("10");
        await page.Locator("#StartYear").FillAsync("2004");
        await page.Locator("#EndMonth").SelectOptionAsync("7");
        await page.Locator("#EndYear").FillAsync("1999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.Locator("#EndYear-error")).ToHaveTextAsync("The end cannot be before the start");
        await page.ScreenshotAndAxeAsync("profile-edit-06-education-error");
        await page.Locator("#StartYear").FillAsync("1999");
        await page.Locator("#EndYear").FillAsync("2004");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.Locator(".np-entries")).ToContainTextAsync("Diplom-Kauffrau");

        await page.GotoAsync("/profile/edit/skills");
        await page.GetByLabel("Skills").FillAsync("Tax law, Bookkeeping\nDATEV");
        await page.GetByLabel("I offer").FillAsync("Advice for founders");
        await page.GetByLabel("Interests").FillAsync("Sailing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.ScreenshotAndAxeAsync("profile-edit-07-skills");

        await page.GotoAsync("/profile/edit/languages");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Language", Exact = true }).FillAsync("German");
        await page.GetByLabel("Level").SelectOptionAsync("Native");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.Locator(".np-languages")).ToContainTextAsync("German · Native speaker");
        await page.ScreenshotAndAxeAsync("profile-edit-08-languages");

        await page.GotoAsync("/profile/edit/links");
        await page.GetByLabel("Web address").FillAsync("javascript:alert(1)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.Locator("#Url-error")).ToContainTextAsync("https://");
        await page.ScreenshotAndAxeAsync("profile-edit-09-links-error");
        await page.GetByLabel("Web address").FillAsync("https://kanzlei.example/team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.Locator(".np-links")).ToContainTextAsync("kanzlei.example");

        await page.GotoAsync("/profile/edit/contact");
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("+49 341 123456");
        await page.GetByLabel("Phone: visible to").SelectOptionAsync("Members");
        await page.GetByLabel("Birthday", new() { Exact = true }).FillAsync("1980-03-27");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByLabel("Phone: visible to")).ToHaveValueAsync("Members");
        await page.ScreenshotAndAxeAsync("profile-edit-10-contact");

        await page.GotoAsync("/profile/edit/settings");
        await page.GetByLabel("Public address").FillAsync("Not OK!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#Slug-error")).ToBeVisibleAsync();
        await page.ScreenshotAndAxeAsync("profile-edit-11-settings-error");

        await page.GotoAsync("/profile/edit");
        await Expect(page.Locator("#meter-label")).ToHaveTextAsync("Your profile is 85% complete.");
        await page.ScreenshotAndAxeAsync("profile-edit-12-overview");
    }
}
