using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace NetworkPlatform.Web.Features.Error;

public record ErrorPageModel(int StatusCode, string? TraceId);

/// <summary>Localized error pages for status codes (re-executed) and unhandled exceptions.</summary>
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
[IgnoreAntiforgeryToken]
public class ErrorController : Controller
{
    /// <remarks>
    /// No action parameters: a re-executed POST whose form could not be read (ASP.NET Core refuses a NUL in a form
    /// value, and antiforgery answers 400) would fail model binding once more and end as an empty 404.
    /// </remarks>
    [Route("/error/{code:int}")]
    public IActionResult Show()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, out var parsed) ? parsed : 404;
        // Only pages reached by re-execution or a redirect keep their code; asking for /error/500 directly is a 200
        // page in itself, except for the codes our own middleware sends people to.
        var status = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = status;
        var traceId = status >= 500 ? Activity.Current?.Id ?? HttpContext.TraceIdentifier : null;
        return View("Error", new ErrorPageModel(status, traceId));
    }
}
