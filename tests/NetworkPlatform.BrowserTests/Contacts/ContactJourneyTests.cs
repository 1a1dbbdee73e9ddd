using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Contacts;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.Contacts;

/// <summary>
/// Issue 4's browser test: two members become contacts through the UI (request with a message, the count in the
/// navigation, accept), and a third member, already a contact of one of them, then sees the path through them and
/// the 2nd degree badge. Every page is screenshotted and checked with axe (contacts-NN-*.png).
/// </summary>
public sealed class ContactJourneyTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    private const string Message = "Hello Yusuf, we met at the timber construction fair in Munich. Shall we stay in touch?";

    /// <summary>A confirmed contact made directly (both rows, as accepting makes them): not the subject here.</summary>
    private async Task LinkAsync(BrowserMember a, BrowserMember b)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Contacts.Add(new Contact { UserId = a.Id, ContactUserId = b.Id, CreatedAt = DateTimeOffset.UtcNow });
        db.Contacts.Add(new Contact { UserId = b.Id, ContactUserId = a.Id, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Two_members_become_contacts_through_the_ui_and_a_third_sees_the_path_through_them()
    {
        var xenia = await app.CreateAsync("Xenia", "Falk", p =>
        {
            p.Headline = "Project manager, timber construction";
            p.Employer = "Falk Projekte";
        });
        var yusuf = await app.CreateAsync("Yusuf", "Brandt", p =>
        {
            p.Headline = "Architect";
            p.Employer = "Brandt Architekten";
        });
        var zoe = await app.CreateAsync("Zoe", "Hartmann", p =>
        {
            p.Headline = "Fire safety consultant";
            p.Employer = "Hartmann Brandschutz";
        });
        await LinkAsync(zoe, yusuf);

        // ---- Xenia opens Yusuf's profile and asks him to connect, with a message. ----
        await using var xContext = await chromium.NewContextAsync(app.BaseUrl);
        var x = await xContext.NewPageAsync();
        await x.LoginAsync(xenia, app.BaseUrl);
        await x.GotoAsync(yusuf.Url);
        await Expect(x.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Yusuf Brandt");
        // Not connected at all yet: no degree, no path.
        await Expect(x.Locator("h1 .np-degree")).ToHaveCountAsync(0);
        await Expect(x.GetByTestId("path")).ToHaveCountAsync(0);
        await x.ScreenshotAndAxeAsync("contacts-01-x-views-y");

        var add = x.Locator("details.np-add-contact");
        var nameBefore = await x.GetByRole(AriaRole.Heading, new() { Level = 1 }).BoundingBoxAsync();
        await add.GetByText("Add as contact").ClickAsync();
        await Expect(add).ToHaveAttributeAsync("open", "");
        // The form opens over the page: the header does not jump.
        Assert.Equal(nameBefore!.Y, (await x.GetByRole(AriaRole.Heading, new() { Level = 1 }).BoundingBoxAsync())!.Y);
        await add.GetByLabel("Personal message (optional)").FillAsync(Message);
        await x.ScreenshotAndAxeAsync("contacts-02-x-add-form");
        await add.GetByRole(AriaRole.Button, new() { Name = "Send request to Yusuf" }).ClickAsync();

        await Expect(x).ToHaveURLAsync($"{app.BaseUrl}{yusuf.Url}");
        await Expect(x.GetByRole(AriaRole.Status)).ToContainTextAsync("Your contact request has been sent.");
        await Expect(x.GetByText("Request sent", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(x.GetByRole(AriaRole.Button, new() { Name = "Withdraw request" })).ToBeVisibleAsync();
        await Expect(x.Locator("details.np-add-contact")).ToHaveCountAsync(0);
        await x.ScreenshotAndAxeAsync("contacts-03-x-request-sent");

        // ---- Yusuf logs in: the red count in the navigation, the request with Xenia's message, accept. ----
        await using var yContext = await chromium.NewContextAsync(app.BaseUrl);
        var y = await yContext.NewPageAsync();
        await y.LoginAsync(yusuf, app.BaseUrl);
        var nav = y.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        var count = nav.GetByTestId("open-requests");
        await Expect(count).ToHaveTextAsync("1 open contact request");
        await Expect(count).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\btext-bg-danger\b"));
        await y.ScreenshotAndAxeAsync("contacts-04-y-start-with-count");

        await nav.GetByRole(AriaRole.Link, new() { Name = "Contacts" }).ClickAsync();
        await Expect(y).ToHaveURLAsync($"{app.BaseUrl}/contacts/requests");
        var request = y.GetByTestId("received-request");
        await Expect(request).ToHaveCountAsync(1);
        await Expect(request.GetByRole(AriaRole.Link, new() { Name = "Xenia Falk" })).ToHaveAttributeAsync("href", xenia.Url);
        await Expect(request).ToContainTextAsync("Project manager, timber construction");
        await Expect(request.Locator("blockquote")).ToHaveTextAsync(Message);
        await y.ScreenshotAndAxeAsync("contacts-05-y-requests");

        await request.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(y.GetByRole(AriaRole.Status)).ToContainTextAsync("You are now contacts.");
        await Expect(y.GetByTestId("received-request")).ToHaveCountAsync(0);
        await Expect(y.GetByRole(AriaRole.Heading, new() { Name = "Received (0)" })).ToBeVisibleAsync();
        await Expect(y.GetByText("No open requests.", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByTestId("open-requests")).ToHaveCountAsync(0);
        await y.ScreenshotAndAxeAsync("contacts-06-y-accepted");

        await y.GotoAsync("/contacts");
        var main = y.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Xenia Falk" }).First).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Zoe Hartmann" }).First).ToBeVisibleAsync();
        await y.ScreenshotAndAxeAsync("contacts-07-y-contacts");

        // Xenia now sees Yusuf as a contact, 1st degree.
        await x.ReloadAsync();
        await Expect(x.Locator("h1 .np-degree")).ToHaveTextAsync("1st");
        await Expect(x.GetByRole(AriaRole.Button, new() { Name = "Remove contact" })).ToBeVisibleAsync();
        await x.ScreenshotAndAxeAsync("contacts-08-x-now-contact");

        // ---- Zoe, Yusuf's contact, opens Xenia's profile: 2nd degree, connected through Yusuf. ----
        await using var zContext = await chromium.NewContextAsync(app.BaseUrl);
        var z = await zContext.NewPageAsync();
        await z.LoginAsync(zoe, app.BaseUrl);
        await z.GotoAsync(xenia.Url);
        var heading = z.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToContainTextAsync("Xenia Falk");
        await Expect(heading.Locator(".np-degree")).ToHaveTextAsync("2nd");
        await Expect(heading.Locator(".np-degree")).ToHaveAttributeAsync("title", "A contact of one of your contacts");

        var network = z.Locator("[data-section=network]");
        await Expect(network.GetByRole(AriaRole.Heading, new() { Name = "How you are connected" })).ToBeVisibleAsync();
        var path = network.GetByTestId("path");
        await Expect(path).ToHaveCountAsync(1);
        // You → Yusuf Brandt → Xenia Falk, the steps after "You" as links to their profiles.
        await Expect(path).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*You\s*→\s*Yusuf Brandt\s*→\s*Xenia Falk\s*$"));
        var steps = path.Locator("a");
        await Expect(steps).ToHaveTextAsync(new[] { "Yusuf Brandt", "Xenia Falk" });
        await Expect(steps.First).ToHaveAttributeAsync("href", yusuf.Url);
        await Expect(steps.Nth(1)).ToHaveAttributeAsync("href", xenia.Url);
        // One shared contact, Yusuf: Xenia keeps her list visible to her contacts (the default), which still shows
        // Zoe the contacts they share, as on XING.
        var shared = network.GetByTestId("shared");
        await Expect(network.GetByRole(AriaRole.Heading, new() { Name = "1 shared contact" })).ToBeVisibleAsync();
        await Expect(shared.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Expect(shared.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", yusuf.Url);
        await Expect(z.Locator("details.np-add-contact summary")).ToHaveTextAsync("Add as contact");
        await z.ScreenshotAndAxeAsync("contacts-09-z-sees-path");

        // The path's middle step leads to Yusuf's profile, 1st degree for Zoe.
        await steps.First.ClickAsync();
        await Expect(z).ToHaveURLAsync($"{app.BaseUrl}{yusuf.Url}");
        await Expect(z.Locator("h1 .np-degree")).ToHaveTextAsync("1st");
        await z.ScreenshotAndAxeAsync("contacts-10-z-follows-path");

        // On a phone, the opened request form stays on the screen.
        await using var phone = await chromium.NewContextAsync(app.BaseUrl, width: 390, height: 844);
        var zPhone = await phone.NewPageAsync();
        await zPhone.LoginAsync(zoe, app.BaseUrl);
        await zPhone.GotoAsync(xenia.Url);
        await zPhone.Locator("details.np-add-contact summary").ClickAsync();
        await Expect(zPhone.GetByRole(AriaRole.Button, new() { Name = "Send request to Xenia" })).ToBeInViewportAsync();
        await zPhone.AssertNoHorizontalScrollingAsync();
        await zPhone.ScreenshotAndAxeAsync("contacts-11-z-phone-add-form");
    }
}
