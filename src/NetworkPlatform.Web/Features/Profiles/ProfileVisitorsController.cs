using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Web.Features.Profiles;

/// <summary>Who visited my profile: counts for everyone, names as the tier and the member's own privacy allow.</summary>
[Authorize]
public class ProfileVisitorsController(ProfileVisitService visits) : Controller
{
    [HttpGet("/profile/visitors")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken ct = default) =>
        View(await visits.GetOverviewAsync(User.IdOf(), page, ct));
}
