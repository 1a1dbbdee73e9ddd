using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Email;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Web.Features.Profiles;

/// <summary>
/// The profile as others see it: /p/{slug}, its vCard, and /profile for "my profile". What a viewer may see is
/// decided once in <see cref="ProfileViewService"/> (through <see cref="ProfileAccess"/>); this controller only maps.
/// </summary>
public class ProfilesController(
    ProfileService profiles,
    ProfileViewService views,
    NetworkService network,
    IOptions<AppOptions> app) : Controller
{
    [Authorize]
    [HttpGet("/profile")]
    public async Task<IActionResult> Mine(CancellationToken ct)
    {
        var profile = await profiles.EnsureAsync(User.IdOf(), ct);
        return Redirect(ProfileUrls.Page(profile.Slug));
    }

    [AllowAnonymous]
    [HttpGet("/p/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken ct)
    {
        var lookup = await views.GetAsync(slug, ViewerId(), ct, recordVisit: true);
        // Every answer but the indexable profile itself tells search engines to keep out.
        ViewData["Robots"] = "noindex";
        switch (lookup.Status)
        {
            case ProfileLookupStatus.NotFound:
                return NotFound();
            case ProfileLookupStatus.Moved:
                return RedirectPermanent(ProfileUrls.Page(lookup.CurrentSlug!));
            case ProfileLookupStatus.LoginRequired:
                return View("LoginRequired", lookup.Teaser!);
        }
        var profile = lookup.Profile!;
        if (!string.Equals(slug, profile.Slug, StringComparison.Ordinal))
            return RedirectPermanent(ProfileUrls.Page(profile.Slug));
        if (User.Identity?.IsAuthenticated == true && !profile.IsOwner)
            ViewData[ProfileNetworkModel.Key] = await NetworkPanelAsync(profile, ct);
        if (profile.Indexable)
            ViewData["Robots"] = "index, follow";
        return View("Show", profile);
    }

    /// <summary>
    /// The profile as a vCard 4.0, with only what this viewer may see. A members-only profile asks an anonymous
    /// visitor to log in (and comes back here), like the page does.
    /// </summary>
    [AllowAnonymous]
    [HttpGet("/p/{slug}/vcard")]
    public async Task<IActionResult> VCard(string slug, CancellationToken ct)
    {
        var lookup = await views.GetAsync(slug, ViewerId(), ct);
        switch (lookup.Status)
        {
            case ProfileLookupStatus.NotFound:
                return NotFound();
            case ProfileLookupStatus.Moved:
                return RedirectPermanent(ProfileUrls.VCard(lookup.CurrentSlug!));
            case ProfileLookupStatus.LoginRequired:
                return Challenge();
        }
        var profile = lookup.Profile!;
        var text = ProfileVCard.Write(profile, app.Value.BaseUrl);
        Response.Headers["X-Robots-Tag"] = "noindex";
        return File(Encoding.UTF8.GetBytes(text), "text/vcard; charset=utf-8", profile.Slug + ".vcf");
    }

    /// <summary>The member's contact list, for the viewers their setting allows (their contacts, or nobody).</summary>
    [Authorize]
    [HttpGet("/p/{slug}/contacts")]
    public async Task<IActionResult> ContactsOf(string slug, int page = 1, CancellationToken ct = default)
    {
        var lookup = await views.GetAsync(slug, ViewerId(), ct);
        if (lookup.Status != ProfileLookupStatus.Found)
            return NotFound();
        var profile = lookup.Profile!;
        var (count, cards) = await network.ContactListOfAsync(User.IdOf(), profile.UserId, page, 30, ct);
        await this.AddDegreesAsync(network, cards.Select(c => c.UserId), ct);
        ViewData["Robots"] = "noindex";
        return View("ContactsOf", new ProfileContactsModel(profile.Name.Full, profile.Slug, count, cards, Math.Max(1, page)));
    }

    /// <summary>
    /// The viewer's relation to this member: the contact action, degree, shared contacts and how they are connected.
    /// The relation came with the profile; the rest is one query (NetworkService.PanelAsync), showing only what
    /// NetworkVisibility allows: no middle member whose list the viewer may not see.
    /// </summary>
    private async Task<ProfileNetworkModel> NetworkPanelAsync(ProfileView profile, CancellationToken ct)
    {
        var (status, requestId) = (profile.Status, profile.RequestId);
        if (status is ContactStatus.BlockedByMe or ContactStatus.BlockedMe)
            return new ProfileNetworkModel(status, requestId, null, 0, [], []);
        var contacts = status == ContactStatus.Contacts;
        var (sharedCount, shared, paths) = await network.PanelAsync(User.IdOf(), profile.UserId, withPaths: !contacts, 10, ct);
        int? degree = contacts ? 1 : sharedCount > 0 ? 2 : null;
        var canSeeList = contacts && profile.ContactListOpenToContacts;
        return new ProfileNetworkModel(status, requestId, degree, sharedCount, shared, paths, canSeeList);
    }

    private Guid? ViewerId() => User.Identity?.IsAuthenticated == true ? User.IdOf() : null;
}

/// <summary>Addresses of profile pages, and of the edit forms (built in ProfileEditController) that the page links to.</summary>
public static class ProfileUrls
{
    public static string Page(string slug) => "/p/" + slug;
    public static string VCard(string slug) => $"/p/{slug}/vcard";
    public static string Document(Guid id) => $"/documents/{id}";
    public static string Photo(Guid userId) => $"/photos/{userId}/large";

    public const string Visitors = "/profile/visitors";
    public const string Edit = "/profile/edit";

    // One place to adjust if the edit forms live elsewhere. Each "add X" link opens the form that has X, and the
    // fragment puts the browser at that field (the form-field tag helper gives each input its property name as id).
    public const string EditHeadline = "/profile/edit/basics#Headline";
    public const string EditSummary = "/profile/edit/summary#Summary";
    public const string EditExperience = "/profile/edit/experience";
    public const string EditEducation = "/profile/edit/education";
    public const string EditSkills = "/profile/edit/skills#Skills";
    public const string EditHavesAndWants = "/profile/edit/skills#Haves";
    public const string EditInterests = "/profile/edit/skills#Interests";
    public const string EditLanguages = "/profile/edit/languages";
    public const string EditLinks = "/profile/edit/links";
    public const string EditContact = "/profile/edit/contact";
    public const string EditDocuments = "/profile/edit/documents";
    public const string EditSettings = "/profile/edit/settings";
}

/// <summary>What the profile page shows about the viewer's network relation to the member.</summary>
public record ProfileNetworkModel(ContactStatus Status, Guid? RequestId, int? Degree, int SharedCount,
    IReadOnlyList<MemberCard> Shared, IReadOnlyList<IReadOnlyList<PathMember>> Paths, bool CanSeeContactList = false)
{
    public const string Key = "ProfileNetwork";
}

public record ProfileContactsModel(string Name, string Slug, int Count, IReadOnlyList<MemberCard> Contacts, int Page)
{
    public int Pages => Math.Max(1, (Count + 29) / 30);
}
