using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Shared;

public static class LanguageCookie
{
    public const string Name = "np.lang";
}

/// <summary>A domain rule broken by a member's request becomes a message on the page, never a 500.</summary>
public class DomainExceptionFilter(IStringLocalizer<SharedResource> l, ITempDataDictionaryFactory tempData,
    IUrlHelperFactory urls) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is NotFoundException)
        {
            // An id that is not the member's to act on: the same answer as an id that does not exist.
            context.Result = new NotFoundResult();
            context.ExceptionHandled = true;
            return;
        }
        if (context.Exception is not DomainException ex)
            return;
        var data = tempData.GetTempData(context.HttpContext);
        data[Flash.ErrorKey] = l[ex.MessageKey].Value;
        context.Result = new LocalRedirectResult(ReturnUrls.Referer(urls.GetUrlHelper(context), context.HttpContext.Request));
        context.ExceptionHandled = true;
    }
}

public static class LinkMembers
{
    /// <summary>
    /// The member a mailed link names, or null. A link cut short or mangled by a mail program carries an id that is
    /// no Guid, and UserManager.FindByIdAsync throws on that (a 500); such a link is simply a link that does not work.
    /// </summary>
    public static async Task<AppUser?> FindByLinkIdAsync(this UserManager<AppUser> users, string? userId) =>
        Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
}

/// <summary>One-shot messages shown at the top of the next page (after a redirect).</summary>
public static class Flash
{
    public const string SuccessKey = "flash.success";
    public const string ErrorKey = "flash.error";

    public static void Success(this Controller c, string message) => c.TempData[SuccessKey] = message;
    public static void Error(this Controller c, string message) => c.TempData[ErrorKey] = message;
}

public static class ReturnUrls
{
    /// <summary>Only paths on this site ("/x", not "//evil" or "/\evil"); anything else goes home.</summary>
    public static string Safe(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    /// <summary>
    /// The page the request came from, when the Referer names one on this site; else home. The header is whatever
    /// the sender wrote: "http://this-host//evil.example/x" has this host but a path that is no local URL
    /// (LocalRedirect would throw on it, a 500).
    /// </summary>
    public static string Referer(IUrlHelper url, HttpRequest request) =>
        Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var uri) && uri.Host == request.Host.Host
            ? Safe(url, uri.PathAndQuery)
            : "/";
}

/// <summary>
/// Admins must use two-factor authentication. An admin who has not set it up is sent to set it up; one who has,
/// signed in with it (Identity refuses otherwise).
/// </summary>
public class RequireTwoFactorAttribute : ActionFilterAttribute
{
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated == true && user.FindFirstValue(AppClaims.TwoFactor) is null)
            context.Result = new RedirectToActionResult("TwoFactor", "Settings", new { required = true });
    }
}

/// <summary>
/// Degree badges for every member a list shows: one call (two queries) per page, put where _DegreeBadge finds it.
/// </summary>
public static class DegreeBadges
{
    public const string Key = "Degrees";

    public static async Task AddDegreesAsync(this Controller controller, NetworkPlatform.Domain.Contacts.NetworkService network,
        IEnumerable<Guid> members, CancellationToken ct)
    {
        var ids = members.Distinct().ToList();
        controller.ViewData[Key] = ids.Count == 0
            ? new Dictionary<Guid, int?>()
            : await network.DegreesAsync(controller.User.IdOf(), ids, ct);
    }

    /// <summary>Degrees that came with the page's own query (people you may know).</summary>
    public static void SetDegrees(this Controller controller, IReadOnlyDictionary<Guid, int?> degrees) =>
        controller.ViewData[Key] = degrees;

    public static int? DegreeOf(this ViewDataDictionary viewData, Guid member) =>
        viewData[Key] is IReadOnlyDictionary<Guid, int?> degrees && degrees.TryGetValue(member, out var d) ? d : null;
}
