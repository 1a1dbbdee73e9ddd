using Microsoft.Playwright;
using NetworkPlatform.BrowserTests.Infrastructure;
using NetworkPlatform.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.Profiles;

/// <summary>
/// Issue 3's browser test: a member fills a profile section by section, uploads a photo and documents, and another
/// member, then an anonymous visitor, see exactly what visibility allows. Every page is screenshotted and checked
/// with axe (profile-NN-*.png in artifacts/test/browser/).
/// </summary>
public sealed class ProfileJourneyTests(KestrelAppFixture app, ChromiumFixture chromium)
    : IClassFixture<KestrelAppFixture>, IClassFixture<ChromiumFixture>, IDisposable
{
    private const string Headline = "Structural engineer for timber buildings";
    private const string Phone = "+49 341 2345678";
    private const string Mobile = "+49 171 9876543";
    private const string Certificate = "Chartered engineer certificate";
    private const string Private = "Salary statement 2024";

    private readonly string _files = Directory.CreateTempSubdirectory("np-profile-journey-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private string TempFile(string name, byte[] bytes)
    {
        var path = Path.Combine(_files, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task A_member_fills_the_profile_and_others_see_exactly_what_visibility_allows()
    {
        var anna = await app.CreateAsync("Annika", "Holz");
        var ben = await app.CreateAsync("Bernd", "Sommer");

        // ---- Annika fills her profile, section by section, through the forms. ----
        await using var annaContext = await chromium.NewContextAsync(app.BaseUrl);
        var page = await annaContext.NewPageAsync();
        await page.LoginAsync(anna, app.BaseUrl);
        await page.ScreenshotAndAxeAsync("profile-01-start");

        await page.GotoAsync("/profile/edit/basics");
        await page.GetByLabel("Headline").FillAsync(Headline);
        await page.GetByLabel("Current position").FillAsync("Senior engineer");
        await page.GetByLabel("Employer").FillAsync("Holzbau Nord GmbH");
        await page.GetByLabel("City").FillAsync("Leipzig");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your changes are saved.");
        await page.ScreenshotAndAxeAsync("profile-02-basics");

        await page.GotoAsync("/profile/edit/summary");
        await page.GetByLabel("About me").FillAsync("I design **timber** buildings of up to ten storeys.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your changes are saved.");
        await page.ScreenshotAndAxeAsync("profile-03-summary");

        await page.GotoAsync("/profile/edit/experience");
        await page.GetByLabel("Job title").FillAsync("Senior engineer");
        await page.GetByLabel("Company or organisation").FillAsync("Holzbau Nord GmbH");
        await page.Locator("#StartMonth").SelectOptionAsync("3");
        await page.Locator("#StartYear").FillAsync("2018");
        await page.GetByLabel("I work here now").CheckAsync();
        await page.GetByLabel("Description (optional)").FillAsync("Load-bearing structures in cross-laminated timber.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.Locator(".np-entries")).ToContainTextAsync("March 2018 – today");
        await page.ScreenshotAndAxeAsync("profile-04-experience");

        await page.GotoAsync("/profile/edit/skills");
        await page.GetByLabel("Skills").FillAsync("Timber engineering, Structural analysis, BIM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your changes are saved.");
        await page.ScreenshotAndAxeAsync("profile-05-skills");

        // Contact details: the phone for all members, the mobile for herself only.
        await page.GotoAsync("/profile/edit/contact");
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync(Phone);
        await page.GetByLabel("Phone: visible to").SelectOptionAsync(new SelectOptionValue { Label = "All members" });
        await page.GetByLabel("Mobile", new() { Exact = true }).FillAsync(Mobile);
        await page.GetByLabel("Mobile: visible to").SelectOptionAsync(new SelectOptionValue { Label = "Only me" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your changes are saved.");
        await Expect(page.GetByLabel("Phone: visible to")).ToHaveValueAsync("Members");
        await Expect(page.GetByLabel("Mobile: visible to")).ToHaveValueAsync("OnlyMe");
        await page.ScreenshotAndAxeAsync("profile-06-contact");

        // The photo: a real JPEG from a file on disk, through the file input.
        await page.GotoAsync("/profile/edit/photo");
        await Expect(page.GetByTestId("photo-state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("no photo yet"));
        await page.ScreenshotAndAxeAsync("profile-07-photo-empty");
        await page.GetByLabel("Photo", new() { Exact = true }).SetInputFilesAsync(TempFile("portrait.jpg", SampleFiles.Jpeg));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload photo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your new photo is saved.");
        await Expect(page.GetByTestId("photo-state")).ToHaveTextAsync("Your current photo");
        await AssertPhotoLoadsAsync(page, page.GetByRole(AriaRole.Img, new() { Name = "Photo of Annika Holz" }));
        await page.ScreenshotAndAxeAsync("profile-08-photo");

        // A certificate for all members, and a document for herself only.
        await page.GotoAsync("/profile/edit/documents");
        await UploadDocumentAsync(page, TempFile("certificate.pdf", SampleFiles.Pdf), Certificate, "Certificate", "All members");
        await page.ScreenshotAndAxeAsync("profile-09-documents-one");
        await UploadDocumentAsync(page, TempFile("statement.png", SampleFiles.Png(40, 40)), Private, "Other", "Only me");
        var documents = page.GetByTestId("documents");
        await Expect(documents.GetByRole(AriaRole.Row, new() { Name = Certificate })).ToContainTextAsync("All members");
        await Expect(documents.GetByRole(AriaRole.Row, new() { Name = Private })).ToContainTextAsync("Only me");
        await Expect(page.GetByTestId("document-count")).ToHaveTextAsync("You keep 2 of 3 possible documents.");
        await page.ScreenshotAndAxeAsync("profile-10-documents");

        // Her own page, through "View my profile": everything, with who else sees each detail.
        await page.GotoAsync("/profile/edit");
        await page.GetByRole(AriaRole.Link, new() { Name = "View my profile" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}{anna.Url}");
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main.Locator("[data-field=headline]")).ToHaveTextAsync(Headline);
        await Expect(main.Locator("[data-field=mobile]")).ToContainTextAsync(Mobile);
        await Expect(main.Locator("[data-field=mobile]")).ToContainTextAsync("Visible to: Only me");
        await Expect(main.Locator("[data-field=phone]")).ToContainTextAsync("Visible to: All members");
        await Expect(main.Locator("[data-section=documents]")).ToContainTextAsync(Private);
        await page.ScreenshotAndAxeAsync("profile-11-own-view");

        // ---- Bernd, another member, in his own browser context. ----
        await using var benContext = await chromium.NewContextAsync(app.BaseUrl);
        var benPage = await benContext.NewPageAsync();
        await benPage.LoginAsync(ben, app.BaseUrl);
        await benPage.GotoAsync(anna.Url);
        var seen = benPage.GetByRole(AriaRole.Main);
        await Expect(seen.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Annika Holz");
        await Expect(seen.Locator("[data-field=headline]")).ToHaveTextAsync(Headline);
        await Expect(seen.Locator("[data-field=position]")).ToHaveTextAsync("Senior engineer at Holzbau Nord GmbH");
        await Expect(seen.Locator("[data-section=summary]")).ToContainTextAsync("I design timber buildings");
        var experience = seen.Locator("[data-section=experience]");
        await Expect(experience).ToContainTextAsync("Senior engineer");
        await Expect(experience).ToContainTextAsync("Holzbau Nord GmbH");
        await Expect(experience).ToContainTextAsync("Load-bearing structures in cross-laminated timber.");
        await Expect(seen.Locator("[data-section=skills] li")).ToHaveTextAsync(new[] { "Timber engineering", "Structural analysis", "BIM" });
        await Expect(seen.Locator("[data-field=phone]")).ToContainTextAsync(Phone);
        await Expect(seen.Locator("[data-field=phone] a")).ToHaveAttributeAsync("href", "tel:+493412345678");
        await Expect(seen.GetByRole(AriaRole.Link, new() { Name = Certificate })).ToBeVisibleAsync();
        await AssertPhotoLoadsAsync(benPage, seen.GetByRole(AriaRole.Img, new() { Name = "Photo of Annika Holz" }));
        // ... and not what Annika keeps to herself, nor her notes on who sees what.
        await Expect(seen.Locator("[data-field=mobile]")).ToHaveCountAsync(0);
        await Expect(seen).Not.ToContainTextAsync(Mobile);
        await Expect(seen).Not.ToContainTextAsync(Private);
        await Expect(seen.GetByTestId("visibility-note")).ToHaveCountAsync(0);
        await Expect(seen.GetByRole(AriaRole.Link, new() { Name = "Edit profile" })).ToHaveCountAsync(0);
        await benPage.ScreenshotAndAxeAsync("profile-12-seen-by-member");

        // The certificate downloads as an attachment.
        var download = await benPage.RunAndWaitForDownloadAsync(() =>
            seen.GetByRole(AriaRole.Link, new() { Name = Certificate }).ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename);
        Assert.Equal(SampleFiles.Pdf, await File.ReadAllBytesAsync(await download.PathAsync()));

        // ---- Someone not logged in: the members-only profile asks to log in and shows nothing else. ----
        await using var anonymousContext = await chromium.NewContextAsync(app.BaseUrl);
        var anonymous = await anonymousContext.NewPageAsync();
        await anonymous.GotoAsync(anna.Url);
        var prompt = anonymous.GetByTestId("login-required");
        await Expect(prompt).ToBeVisibleAsync();
        await Expect(prompt).ToContainTextAsync("Log in to see this profile.");
        await Expect(prompt.GetByRole(AriaRole.Link, new() { Name = "Log in" }))
            .ToHaveAttributeAsync("href", "/account/login?returnUrl=" + Uri.EscapeDataString(anna.Url));
        var body = anonymous.Locator("body");
        await Expect(body).Not.ToContainTextAsync(Headline);
        await Expect(body).Not.ToContainTextAsync(Phone);
        await Expect(body).Not.ToContainTextAsync(Certificate);
        await Expect(anonymous.Locator("img[src^='/photos/']")).ToHaveCountAsync(0);
        await anonymous.ScreenshotAndAxeAsync("profile-13-anonymous");
    }

    private static async Task UploadDocumentAsync(IPage page, string file, string title, string kind, string visibility)
    {
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(file);
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Kind of document").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByLabel("Who may see and download it").SelectOptionAsync(new SelectOptionValue { Label = visibility });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload document" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "is added to your documents" }))
            .ToContainTextAsync($"\"{title}\" is added to your documents.");
    }

    /// <summary>The photo is served from /photos/, answers 200 with an image to this viewer, and has decoded.</summary>
    private static async Task AssertPhotoLoadsAsync(IPage page, ILocator img)
    {
        await Expect(img).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/photos/"));
        await Expect(img).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await img.EvaluateAsync<int>("i => i.naturalWidth") > 0, "the photo did not decode");
        var src = await img.GetAttributeAsync("src");
        var response = await page.Context.APIRequest.GetAsync(src!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/", response.Headers["content-type"]);
    }
}
