using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace NetworkPlatform.Web.Features.Legal;

/// <summary>
/// What crawlers may fetch: the landing page, the legal and help pages and the profile pages. Whether a profile is
/// indexed is the member's own setting, which the profile page states in its robots meta tag ("index" only when the
/// profile is public and the member allows search engines, "noindex" otherwise). robots.txt must therefore let
/// crawlers reach /p/ (a disallowed page's noindex is never read, and its address can still be listed); naming the
/// opted-out profiles here would publish a list of them. Everything behind a login is disallowed.
/// </summary>
[AllowAnonymous]
public class RobotsController : Controller
{
    public static readonly string[] Disallowed =
    [
        "/account/", "/admin", "/contacts", "/documents/", "/invitations/", "/language", "/premium/", "/profile",
        "/search", "/settings", "/p/*/vcard", "/p/*/contacts", "/photos/",
    ];

    [HttpGet("/robots.txt")]
    [ResponseCache(Duration = 3600, Location = ResponseCacheLocation.Any)]
    public IActionResult Robots()
    {
        var lines = new List<string> { "User-agent: *" };
        lines.AddRange(Disallowed.Select(path => "Disallow: " + path));
        lines.Add("Allow: /p/");
        lines.Add("Allow: /");
        return Content(string.Join('\n', lines) + '\n', "text/plain; charset=utf-8");
    }

    [HttpGet("/favicon.ico")]
    public IActionResult Favicon() => RedirectPermanent("/favicon.svg");
}
