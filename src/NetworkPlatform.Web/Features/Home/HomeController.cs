using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Web.Features.Home;

public record StartPageModel(string FirstName, Tier Tier, DateTimeOffset? PremiumUntil, bool TwoFactorEnabled,
    bool IsAdmin, ProfileCompleteness? Completeness = null, int OpenRequests = 0,
    IReadOnlyList<MemberCard>? Suggestions = null);

[AllowAnonymous]
public class HomeController(ProfileService profiles, NavigationCounts counts, SuggestionService suggestionService, TimeProvider time)
    : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index()
    {
        if (HttpContext.Member() is not { } user)
        {
            ViewData["Robots"] = "index, follow";
            return View("Landing");
        }
        var ct = HttpContext.RequestAborted;
        var (suggestions, degrees) = await suggestionService.SuggestionsAsync(user.Id, 3, ct);
        this.SetDegrees(degrees);
        return View("Start", new StartPageModel(user.FirstName, user.TierAt(time.GetUtcNow()), user.PremiumUntil,
            user.TwoFactorEnabled, user.IsAdmin,
            await profiles.CompletenessAsync(user.Id),
            await counts.OpenRequestsAsync(ct),
            suggestions));
    }
}
