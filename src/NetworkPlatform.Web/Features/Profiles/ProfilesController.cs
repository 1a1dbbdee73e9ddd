using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain.Profiles;
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
    ProfileVisitService visits,
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
        var lookup = await views.GetAsync(slug, ViewerId(), ct);
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
        if (profile.Viewer == ViewerRelation.Member || profile.Viewer == ViewerRelation.Contact)
            await visits.RecordAsync(profile.UserId, User.IdOf(), ct);
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

    // One place to adjust if the edit forms live elsewhere.
    public const string EditAbout = "/profile/edit";
    public const string EditExperience = "/profile/edit/experience";
    public const string EditEducation = "/profile/edit/education";
    public const string EditSkills = "/profile/edit/skills";
    public const string EditLanguages = "/profile/edit/languages";
    public const string EditLinks = "/profile/edit/links";
    public const string EditContact = "/profile/edit/contact";
    public const string EditDocuments = "/profile/edit/documents";
    public const string EditSettings = "/profile/edit/settings";
}
