using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetworkPlatform.Domain.Privacy;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure;

namespace NetworkPlatform.Web.Features.Admin;

/// <summary>The back-office record of account deletions: a count and the dates, nothing about who.</summary>
[Authorize(Policy = AppSetup.AdminPolicy)]
[RequireTwoFactor]
[Route("admin/deletions")]
public class AdminDeletionsController(AccountDeletionService deletions) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View("Deletions", await deletions.StatsAsync(100, ct));
}
