using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using NetworkPlatform.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.Account;

/// <summary>A new member's first visit, in a real browser: every page is screenshotted and checked with axe.</summary>
public class AccountJourneyTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_visitor_registers_confirms_logs_in_switches_to_German_and_logs_out()
    {
        await using var context = await chromium.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        var email = TestData.UniqueEmail("journey");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });

        // 1. The landing page, anonymous.
        await page.GotoAsync("/");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAndAxeAsync("01-landing");

        // 2. Register through the form.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Join now" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/account/register");
        await page.GetByLabel("First name", new() { Exact = true }).FillAsync("Jana");
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync("Becker");
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestData.Password);
        await page.GetByLabel("Repeat password", new() { Exact = true }).FillAsync(TestData.Password);
        await page.GetByLabel("I accept the terms of use").CheckAsync();
        await page.ScreenshotAndAxeAsync("02-register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/account/check-email?kind=register");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your e-mail");
        await page.ScreenshotAndAxeAsync("03-check-email");

        // 3. The link from the real mail (App:BaseUrl is the Kestrel address, so the link points here already).
        var mail = await MailCatcher.WaitForAsync(email, "ConfirmEmail");
        Assert.Contains($"{app.BaseUrl}/account/confirm", mail.Text);
        await page.GotoAsync(mail.FirstLink("/account/confirm"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync("Your e-mail address is confirmed");
        await page.ScreenshotAndAxeAsync("04-confirmed");

        // 4. Log in: the start page greets the member by first name.
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/account/login");
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestData.Password);
        await page.ScreenshotAndAxeAsync("05-login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, Jana");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToBeVisibleAsync();
        await page.ScreenshotAndAxeAsync("06-start");

        // 5. The language switch in the header: the same page, now in German.
        await page.GetByRole(AriaRole.Button, new() { Name = "DE", Exact = true }).ClickAsync();
        var hauptnavigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" });
        await Expect(hauptnavigation.GetByRole(AriaRole.Link, new() { Name = "Einstellungen" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Willkommen, Jana");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "DE", Exact = true }))
            .ToHaveAttributeAsync("aria-pressed", "true");
        await page.ScreenshotAndAxeAsync("07-start-german");

        // 6. Log out: back on the landing page, still in German.
        await hauptnavigation.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/");
        await Expect(hauptnavigation.GetByRole(AriaRole.Link, new() { Name = "Anmelden", Exact = true }))
            .ToBeVisibleAsync();
        await Expect(hauptnavigation.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToHaveCountAsync(0);
        await page.ScreenshotAndAxeAsync("08-landing-german");
    }

    [Fact]
    public async Task A_short_and_mismatched_password_shows_the_error_summary_and_keeps_the_names()
    {
        await using var context = await chromium.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/register");
        await page.GetByLabel("First name", new() { Exact = true }).FillAsync("Jana");
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync("Becker");
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(TestData.UniqueEmail("short"));
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Repeat password", new() { Exact = true }).FillAsync("something else");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // The summary at the top, focused, with a link to each field that has a problem.
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("There is a problem");
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Your password must be between 12 and 128 characters long" }))
            .ToHaveAttributeAsync("href", "#Password");
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "The two passwords do not match" }))
            .ToHaveAttributeAsync("href", "#ConfirmPassword");

        // The message at each field, tied to it for screen readers; names kept, passwords never sent back.
        var password = page.GetByLabel("Password", new() { Exact = true });
        var repeat = page.GetByLabel("Repeat password", new() { Exact = true });
        await Expect(page.Locator("#Password-error")).ToHaveTextAsync("Your password must be between 12 and 128 characters long");
        await Expect(page.Locator("#ConfirmPassword-error")).ToHaveTextAsync("The two passwords do not match");
        await Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(password).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("between 12 and 128"));
        await Expect(repeat).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(password).ToHaveValueAsync("");
        await Expect(repeat).ToHaveValueAsync("");
        await Expect(page.GetByLabel("First name", new() { Exact = true })).ToHaveValueAsync("Jana");
        await Expect(page.GetByLabel("Last name", new() { Exact = true })).ToHaveValueAsync("Becker");
        await page.ScreenshotAndAxeAsync("09-register-errors");
    }
}
