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

namespace NetworkPlatform.BrowserTests.Layout;

/// <summary>A member whose pages have something on them: a contact, one open request, a suggestion, a visitor.</summary>
public sealed record MemberWithData(BrowserMember Member, BrowserMember Contact, BrowserMember Requester, BrowserMember Suggested);

/// <summary>What the layout tests share: their data, the header's phone menu, and the pages a member reaches.</summary>
public static class LayoutSteps
{
    public const int PhoneWidth = 360;
    public const int PhoneHeight = 740;

    /// <summary>
    /// Long German words on purpose (employer, headline): the start page's suggestion card broke on
    /// "Vertriebsingenieur".
    /// </summary>
    public static async Task<MemberWithData> CreateMemberWithDataAsync(this KestrelAppFixture app, string first)
    {
        var member = await app.CreateAsync(first, "Hoffmann", p =>
        {
            p.Headline = "Projektleiterin Qualitätsmanagement";
            p.Employer = "Hoffmann Sondermaschinenbau";
        });
        var contact = await app.CreateAsync("Jonas", "Weber", p => p.Headline = "Wirtschaftsingenieur");
        var requester = await app.CreateAsync("Aylin", "Kaya", p => p.Headline = "Personalentwicklerin");
        var suggested = await app.CreateAsync("Matthias", "Scherzinger", p =>
        {
            p.Headline = "Vertriebsingenieur · Six Sigma";
            p.Employer = "Scherzinger Fertigungstechnik";
        });

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        void Link(BrowserMember a, BrowserMember b)
        {
            db.Contacts.Add(new Contact { UserId = a.Id, ContactUserId = b.Id, CreatedAt = now });
            db.Contacts.Add(new Contact { UserId = b.Id, ContactUserId = a.Id, CreatedAt = now });
        }
        Link(member, contact);
        // The contact's contact: a person the member may know, on the start page and /contacts/suggestions.
        Link(contact, suggested);
        var (low, high) = ContactRequest.Pair(requester.Id, member.Id);
        db.ContactRequests.Add(new ContactRequest
        {
            Id = Guid.CreateVersion7(now), FromUserId = requester.Id, ToUserId = member.Id, PairLow = low, PairHigh = high,
            Message = "Hallo, wir haben uns auf der Messe in Stuttgart kennengelernt. Wollen wir uns vernetzen?",
            CreatedAt = now,
        });
        db.ProfileVisits.Add(new ProfileVisit
        {
            Id = Guid.NewGuid(), ProfileUserId = member.Id, VisitorUserId = contact.Id,
            Day = DateOnly.FromDateTime(now.UtcDateTime), VisitedAt = now,
        });
        await db.SaveChangesAsync();
        return new MemberWithData(member, contact, requester, suggested);
    }

    /// <summary>
    /// Makes <paramref name="member"/> an admin with an authenticator app set up (the back-office asks for two-factor
    /// sign-in); returns the app's key.
    /// </summary>
    public static async Task<string> MakeAdminAsync(this KestrelAppFixture app, BrowserMember member)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(member.Id.ToString());
        Assert.NotNull(user);
        Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        var key = await users.GetAuthenticatorKeyAsync(user);
        Assert.NotNull(key);
        return key;
    }

    /// <summary>Logs in with password and the code of the authenticator app, as an admin does.</summary>
    public static async Task LoginWithTwoFactorAsync(this IPage page, BrowserMember member, string key, string baseUrl)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(member.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByLabel("6-digit code from your authenticator app").FillAsync(Accounts.Totp(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{baseUrl}/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welcome, {member.FirstName}");
    }

    public static ILocator MenuToggle(this IPage page) => page.Locator("header details.np-menu > summary");

    /// <summary>Opens the phone menu by its toggle (a click, as a person taps it) unless it is open already.</summary>
    public static async Task OpenMenuAsync(this IPage page)
    {
        var menu = page.Locator("header details.np-menu");
        if (await menu.GetAttributeAsync("open") is null)
            await page.MenuToggle().ClickAsync();
        await Expect(menu).ToHaveAttributeAsync("open", "");
    }

    /// <summary>The header's DE/EN switch, through the phone menu where there is one.</summary>
    public static async Task SwitchLanguageAsync(this IPage page, string culture)
    {
        var button = page.Locator($"header form[action='/language'] button[value='{culture}']");
        if (!await button.IsVisibleAsync())
            await page.OpenMenuAsync();
        await button.ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
    }

    /// <summary>The same-site links (paths, with query) that <paramref name="selector"/> finds on the page.</summary>
    public static async Task<IReadOnlyList<string>> NavigationLinksAsync(this IPage page, string selector) =>
        (await page.Locator(selector).EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))"))
        .Where(href => href.StartsWith('/') && !href.StartsWith("//"))
        .Distinct()
        .ToList();

    public const string HeaderLinks = "header nav a[href]";

    /// <summary>A page's own navigation: tab rows, side navigation (settings), the contacts area's two actions.</summary>
    public const string PageNavigationLinks = "main nav a[href], main .nav a[href], main .np-contacts-actions a[href]";

    /// <summary>
    /// Visits <paramref name="start"/> and the pages their own navigation links to (one level: the tabs and side
    /// navigation of each area), then <paramref name="more"/>. On each page: no sideways scrolling, nothing sticking
    /// out of its card, a screenshot and axe. Returns the paths visited.
    /// </summary>
    public static async Task<IReadOnlySet<string>> VisitAsync(this IPage page, string screenshotPrefix,
        IEnumerable<string> start, IEnumerable<string>? more = null)
    {
        var starts = new HashSet<string>(start, StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(starts.Concat(more ?? []));
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (queue.TryDequeue(out var path))
        {
            if (!visited.Add(path))
                continue;
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{path}: HTTP {response?.Status}");
            await page.AssertNoHorizontalScrollingAsync();
            await page.AssertNothingSticksOutOfCardsAsync();
            await page.ScreenshotAndAxeAsync($"{screenshotPrefix}-{Name(path)}");
            if (starts.Contains(path))
                foreach (var link in await page.NavigationLinksAsync(PageNavigationLinks))
                    queue.Enqueue(link);
        }
        return visited;
    }

    private static string Name(string path)
    {
        var name = new string(path.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        return name.Length == 0 ? "start" : name;
    }
}
