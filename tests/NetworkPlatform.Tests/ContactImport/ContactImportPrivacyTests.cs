using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.ContactImport;

/// <summary>
/// Issue 15, "Contact import reveals who is a member by login e-mail": the import shows a member only where the member
/// lets it, a member in a block with the importer looks exactly like someone who is not a member, and the number of
/// imports a day is limited.
/// </summary>
public class ContactImportPrivacyTests(ContactImportFactory app) : IClassFixture<ContactImportFactory>
{
    private Task<bool> FindableAsync(Guid id) =>
        app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == id).Select(p => p.FindableByEmail).SingleAsync());

    [Fact]
    public async Task Findable_by_email_is_on_for_a_new_member_and_the_settings_form_saves_it()
    {
        // A member who registers through the form gets a profile that can be found by e-mail.
        var email = TestData.UniqueEmail("newbie");
        var client = app.NewClient();
        await client.RegisterAndConfirmAsync(email, first: "Nele", last: "Neu");
        await client.LoginAsync(email);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.True(await FindableAsync(id));

        var form = await client.OpenAsync("/profile/edit/settings");
        Assert.True(form.IsChecked("FindableByEmail"));
        Assert.Equal("Members who have my e-mail address can find me",
            form.Document.QuerySelector("label[for=FindableByEmail]")!.TextContent.Trim());
        Assert.Contains("only by your profile address", form.Document.GetElementById("FindableByEmail-hint")!.TextContent);
        Assert.Equal("FindableByEmail-hint", form.Document.GetElementById("FindableByEmail")!.GetAttribute("aria-describedby"));

        var saved = await form.SubmitAsync(client, "/profile/edit/settings",
            new Dictionary<string, string> { ["FindableByEmail"] = "false" });
        Assert.Equal("Your changes are saved.", saved.Flash);
        Assert.False(saved.IsChecked("FindableByEmail"));
        Assert.False(await FindableAsync(id));
        Assert.Contains("Members find you only by your profile address", (await client.OpenAsync("/profile/edit")).Text);

        // Saving the form again with the box ticked switches it back on; other settings are kept.
        var again = await saved.SubmitAsync(client, "/profile/edit/settings",
            new Dictionary<string, string> { ["FindableByEmail"] = "true" });
        Assert.True(again.IsChecked("FindableByEmail"));
        Assert.True(again.IsChecked("ShowMeAsVisitor"));
        Assert.True(await FindableAsync(id));

        // A German member made without a profile: the settings page makes it, with the same default.
        var (german, germanId) = await app.SignedInMemberAsync(culture: "de");
        var deForm = await german.OpenAsync("/profile/edit/settings");
        Assert.Contains("Mitglieder, die meine E-Mail-Adresse haben, können mich finden", deForm.Text);
        Assert.True(deForm.IsChecked("FindableByEmail"));
        Assert.True(await FindableAsync(germanId));
    }
}
