using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.Search;

/// <summary>Search in a real browser: the header box, a filter, a result's profile and a contact request.</summary>
public class SearchBrowserTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_member_searches_a_skill_filters_by_second_degree_opens_a_result_and_asks_for_contact()
    {
        var email = TestData.UniqueEmail("seeker");
        Guid me, friend, second, far;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = AppUser.Create(email, "Sabine", "Sucher", "en", DateTimeOffset.UtcNow, emailConfirmed: true);
            Assert.True((await users.CreateAsync(user, TestData.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Member);
            me = user.Id;
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            friend = Add(db, "Fritz", "Freund", "Projektleitung");
            second = Add(db, "Zora", "Zweitkontakt", "Kartografie");
            far = Add(db, "Ferdinand", "Fernweh", "Kartografie");
            var now = DateTimeOffset.UtcNow;
            foreach (var (a, b) in new[] { (me, friend), (friend, second) })
            {
                db.Contacts.Add(new Contact { UserId = a, ContactUserId = b, CreatedAt = now });
                db.Contacts.Add(new Contact { UserId = b, ContactUserId = a, CreatedAt = now });
            }
            await db.SaveChangesAsync();
        }

        await using var context = await chromium.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/");

        await page.GetByLabel("Search members").FillAsync("Kartografie");
        await page.GetByLabel("Search members").PressAsync("Enter");
        await Expect(page.GetByTestId("search-count")).ToContainTextAsync("2 members found");
        await page.ScreenshotAndAxeAsync("search-01-results");

        await page.GetByLabel("Closeness").SelectOptionAsync("Second");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).Last.ClickAsync();
        await Expect(page.GetByTestId("search-count")).ToContainTextAsync("1 member found");
        await Expect(page.GetByTestId("search-hit")).ToContainTextAsync("Zora Zweitkontakt");
        await Expect(page.GetByTestId("search-hit")).ToContainTextAsync("2nd");
        await Expect(page.GetByTestId("search-hit")).ToContainTextAsync("1 shared contact");
        await page.ScreenshotAndAxeAsync("search-02-second-degree");

        await page.GetByRole(AriaRole.Link, new() { Name = "Zora Zweitkontakt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Zora Zweitkontakt");
        await page.GetByText("Add as contact").First.ClickAsync();
        await page.GetByLabel("Personal message (optional)").FillAsync("Wir kennen uns über Fritz.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send request to Zora" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your contact request has been sent.");

        using var check = app.Services.CreateScope();
        var requests = check.ServiceProvider.GetRequiredService<AppDbContext>().ContactRequests;
        Assert.True(requests.Any(r => r.FromUserId == me && r.ToUserId == second));
        Assert.False(requests.Any(r => r.ToUserId == far));
    }

    private static Guid Add(AppDbContext db, string first, string last, string skill)
    {
        var email = TestData.UniqueEmail("found");
        var user = AppUser.Create(email, first, last, "en", DateTimeOffset.UtcNow, emailConfirmed: true);
        user.NormalizedEmail = user.NormalizedUserName = email.ToUpperInvariant();
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        db.Users.Add(user);
        db.Profiles.Add(new MemberProfile
        {
            UserId = user.Id,
            Slug = "b-" + user.Id.ToString("N"),
            FullName = MemberProfile.FullNameOf(first, last),
            Headline = $"{skill} in Leipzig",
            City = "Leipzig",
            Skills = [skill],
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        return user.Id;
    }
}
