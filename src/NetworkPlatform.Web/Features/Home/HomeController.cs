using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Web.Features.Shared;

namespace NetworkPlatform.Web.Features.Home;

public record StartPageModel(string FirstName, Tier Tier, DateTimeOffset? PremiumUntil, bool TwoFactorEnabled,
    bool IsAdmin, ProfileCompleteness? Completeness = null, int OpenRequests = 0,
    IReadOnlyList<MemberCard>? Suggestions = null);

[AllowAnonymous]
public class HomeController(UserManager<AppUser> users, ProfileService profiles, ContactService contacts,
    NetworkService network, TimeProvider time) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index()
    {
        if (User.Identity?.IsAuthenticated != true || await users.GetUserAsync(User) is not { } user)
        {
            ViewData["Robots"] = "index, follow";
            return View("Landing");
        }
        var suggestions = await network.SuggestionsAsync(user.Id, 3);
        await this.AddDegreesAsync(network, suggestions.Select(s => s.UserId), HttpContext.RequestAborted);
        return View("Start", new StartPageModel(user.FirstName, user.TierAt(time.GetUtcNow()), user.PremiumUntil,
            user.TwoFactorEnabled, User.IsInRole(Roles.Admin),
            await profiles.CompletenessAsync(user.Id),
            await contacts.OpenReceivedCountAsync(user.Id),
            suggestions));
    }
}
