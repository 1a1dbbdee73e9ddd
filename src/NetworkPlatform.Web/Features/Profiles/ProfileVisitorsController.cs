using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Web.Features.Profiles;

/// <summary>Who visited my profile: counts for everyone, names as the tier and the member's own privacy allow.</summary>
[Authorize]
public class ProfileVisitorsController(ProfileVisitService visits, NetworkService network) : Controller
{
    [HttpGet("/profile/visitors")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken ct = default)
    {
        var overview = await visits.GetOverviewAsync(User.IdOf(), page, ct);
        await this.AddDegreesAsync(network, overview.Visitors.Select(v => v.UserId), ct);
        return View(overview);
    }
}
