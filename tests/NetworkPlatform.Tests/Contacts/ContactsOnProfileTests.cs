using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;
using static NetworkPlatform.Tests.Profiles.ProfileViewTestData;

namespace NetworkPlatform.Tests.Contacts;

/// <summary>What the contact relation changes on a profile: contacts-only details, the actions, degree and path, blocks.</summary>
public class ContactsOnProfileTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task LinkAsync(Guid a, Guid b) => app.WithDbAsync(db =>
    {
        db.Contacts.Add(new Contact { UserId = a, ContactUserId = b, CreatedAt = DateTimeOffset.UtcNow });
        db.Contacts.Add(new Contact { UserId = b, ContactUserId = a, CreatedAt = DateTimeOffset.UtcNow });
        return db.SaveChangesAsync();
    });

    private Task<Member> OwnerAsync(ProfileAudience audience = ProfileAudience.Members) => app.MemberWithProfileAsync(p =>
    {
        p.Audience = audience;
        p.Headline = "Steuerberaterin";
        p.Phone = "+49 30 1234567";
        p.PhoneVisibility = FieldVisibility.Contacts;
        p.Mobile = "+49 171 7654321";
        p.MobileVisibility = FieldVisibility.Everyone;
    }, first: "Olivia", last: "Owner");

    [Fact]
    public async Task A_contact_sees_contacts_only_details_on_the_page_in_the_vcard_and_documents_others_do_not()
    {
        var owner = await OwnerAsync();
        var doc = await app.AddDocumentAsync(owner.Id, "Zeugnis für Kontakte", FieldVisibility.Contacts);
        var contact = await app.MemberWithProfileAsync(first: "Carl", last: "Contact", login: true);
        var stranger = await app.MemberWithProfileAsync(first: "Sara", last: "Stranger", login: true);
        await LinkAsync(owner.Id, contact.Id);

        var seenByContact = await contact.Client!.OpenAsync(owner.Url);
        var seenByStranger = await stranger.Client!.OpenAsync(owner.Url);
        Assert.Contains("+49 30 1234567", seenByContact.Text);
        Assert.Contains("Zeugnis für Kontakte", seenByContact.Text);
        Assert.DoesNotContain("+49 30 1234567", seenByStranger.Text);
        Assert.DoesNotContain("Zeugnis für Kontakte", seenByStranger.Text);

        var vcard = await (await contact.Client!.GetAsync(owner.Url + "/vcard")).Content.ReadAsStringAsync();
        Assert.Contains("+49 30 1234567", vcard);
        Assert.DoesNotContain("+49 30 1234567", await (await stranger.Client!.GetAsync(owner.Url + "/vcard")).Content.ReadAsStringAsync());

        // Removing the contact takes it away again.
        await app.WithDbAsync(db => db.Contacts.Where(c => c.UserId == owner.Id || c.ContactUserId == owner.Id).ExecuteDeleteAsync());
        Assert.DoesNotContain("+49 30 1234567", (await contact.Client!.OpenAsync(owner.Url)).Text);
        _ = doc;
    }

    [Fact]
    public async Task A_second_degree_profile_shows_the_badge_the_add_button_and_the_path_through_the_shared_contact()
    {
        var owner = await OwnerAsync();
        var middle = await app.MemberWithProfileAsync(first: "Mona", last: "Middle");
        var viewer = await app.MemberWithProfileAsync(first: "Vera", last: "Viewer", login: true);
        await LinkAsync(owner.Id, middle.Id);
        await LinkAsync(middle.Id, viewer.Id);

        var page = await viewer.Client!.OpenAsync(owner.Url);

        Assert.Equal("2nd", page.Document.QuerySelector("h1 .np-degree")?.TextContent.Trim());
        Assert.NotNull(page.Document.QuerySelector($"form[action='/contacts/request/{owner.Id}'] button[type=submit]"));
        var path = Assert.Single(page.Document.QuerySelectorAll("[data-testid=path]"));
        Assert.Contains("Mona Middle", path.TextContent);
        Assert.NotNull(path.QuerySelector($"a[href='{middle.Url}']"));

        // Sending the request from the page's own form turns the button into "Request sent" with a withdraw button.
        var sent = await page.SubmitAsync(viewer.Client!, $"/contacts/request/{owner.Id}",
            new Dictionary<string, string> { ["message"] = "Hallo Olivia" });
        Assert.Equal(owner.Url, sent.Path);
        Assert.Contains("Request sent", sent.Text);
        Assert.NotNull(sent.Document.QuerySelector("form[action$='/withdraw']"));
    }

    [Fact]
    public async Task The_owner_sees_accept_and_decline_when_the_visitor_asked_first()
    {
        var owner = await OwnerAsync();
        var asker = await app.MemberWithProfileAsync(first: "Anton", last: "Asker", login: true);
        await (await asker.Client!.OpenAsync(owner.Url)).SubmitAsync(asker.Client!, $"/contacts/request/{owner.Id}", new Dictionary<string, string>());

        var ownerClient = app.NewClient();
        await ownerClient.LoginAsync(owner.Email);
        var askersPage = await ownerClient.OpenAsync(asker.Url);
        var accept = askersPage.Document.QuerySelector("form[action$='/accept']");
        Assert.NotNull(accept);
        Assert.NotNull(askersPage.Document.QuerySelector("form[action$='/decline']"));

        var accepted = await askersPage.SubmitAsync(ownerClient, accept!.GetAttribute("action")!, new Dictionary<string, string>());
        Assert.Equal(asker.Url, accepted.Path);
        Assert.Equal("1st", accepted.Document.QuerySelector("h1 .np-degree")?.TextContent.Trim());
        Assert.NotNull(accepted.Document.QuerySelector($"form[action='/contacts/{asker.Id}/remove']"));
    }

    [Fact]
    public async Task A_blocked_member_sees_only_the_public_part_of_a_public_profile_and_nothing_of_a_members_only_one()
    {
        var publicOwner = await OwnerAsync(ProfileAudience.Public);
        var membersOwner = await OwnerAsync();
        var blocked = await app.MemberWithProfileAsync(first: "Bert", last: "Blocked", login: true);
        await LinkAsync(publicOwner.Id, blocked.Id);
        await app.WithDbAsync(db =>
        {
            db.MemberBlocks.Add(new MemberBlock { BlockerId = publicOwner.Id, BlockedId = blocked.Id, CreatedAt = DateTimeOffset.UtcNow });
            db.MemberBlocks.Add(new MemberBlock { BlockerId = membersOwner.Id, BlockedId = blocked.Id, CreatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });

        var publicPage = await blocked.Client!.OpenAsync(publicOwner.Url);
        Assert.Equal(HttpStatusCode.OK, publicPage.Status);
        Assert.Contains("+49 171 7654321", publicPage.Text);   // everyone
        Assert.DoesNotContain("+49 30 1234567", publicPage.Text); // contacts only, though they once were contacts
        Assert.Null(publicPage.Document.QuerySelector($"form[action='/contacts/request/{publicOwner.Id}']"));
        Assert.Equal(0, await app.WithDbAsync(db => db.ProfileVisits.CountAsync(v => v.VisitorUserId == blocked.Id)));

        Assert.Equal(HttpStatusCode.NotFound, (await blocked.Client!.OpenAsync(membersOwner.Url)).Status);
    }

    [Fact]
    public async Task The_contact_list_setting_is_saved_from_the_profile_settings_form()
    {
        var owner = await app.MemberWithProfileAsync(first: "Lisa", last: "List", login: true);

        var saved = await owner.Client!.SubmitAsync("/profile/edit/settings", "/profile/edit/settings",
            new Dictionary<string, string> { ["ContactListVisibility"] = "OnlyMe" });

        Assert.NotEqual(HttpStatusCode.InternalServerError, saved.Status);
        Assert.Equal(ContactListVisibility.OnlyMe,
            await app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == owner.Id).Select(p => p.ContactListVisibility).SingleAsync()));
        var form = await owner.Client!.OpenAsync("/profile/edit/settings");
        Assert.NotNull(form.Document.QuerySelector("#ContactList-OnlyMe[checked]"));
    }

    [Fact]
    public async Task A_members_contact_list_is_open_to_their_contacts_unless_they_keep_it_to_themselves()
    {
        var owner = await OwnerAsync();
        var friend = await app.MemberWithProfileAsync(first: "Frida", last: "Friend", login: true);
        var other = await app.MemberWithProfileAsync(first: "Otto", last: "Other");
        var stranger = await app.MemberWithProfileAsync(first: "Stan", last: "Stranger", login: true);
        await LinkAsync(owner.Id, friend.Id);
        await LinkAsync(owner.Id, other.Id);

        var profile = await friend.Client!.OpenAsync(owner.Url);
        Assert.NotNull(profile.Document.QuerySelector($"a[href='{owner.Url}/contacts']"));
        var list = await friend.Client!.OpenAsync(owner.Url + "/contacts");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Otto Other", list.Text);
        Assert.Contains("2 contacts", list.Text);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client!.OpenAsync(owner.Url + "/contacts")).Status);
        Assert.Null((await stranger.Client!.OpenAsync(owner.Url)).Document.QuerySelector($"a[href='{owner.Url}/contacts']"));

        await app.WithDbAsync(db => db.Profiles.Where(p => p.UserId == owner.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ContactListVisibility, ContactListVisibility.OnlyMe)));
        Assert.Equal(HttpStatusCode.NotFound, (await friend.Client!.OpenAsync(owner.Url + "/contacts")).Status);
    }
}
