using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Profiles;

/// <summary>
/// Refuses an upload whose request is larger than <see cref="MaxRequestBytes"/> before anything reads its body, and
/// sends the member back to the form with the message at the file field. Without it the antiforgery check, which
/// reads the form first, would stop at the server's size limit and answer a bare 400.
/// Pair it with [RequestSizeLimit] and [RequestFormLimits] of the same size: those stop a body that does not
/// declare its length (chunked) while it is read. Files between the file limit and this one reach the action,
/// which refuses them with the same message.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadLimitAttribute(long maxRequestBytes, long maxFileBytes, string messageKey)
    : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public const string ErrorKey = "upload.error";

    public long MaxRequestBytes { get; } = maxRequestBytes;

    // Before the global antiforgery filter (order 1000) and the request size limit filter.
    public int Order => -2000;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength is not { } length || length <= MaxRequestBytes)
            return;
        var services = context.HttpContext.RequestServices;
        var l = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var tempData = services.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
        tempData[ErrorKey] = l[messageKey, Uploads.Megabytes(maxFileBytes)].Value;
        // Saved here: the filter that would save it at the end of the action does not run after this one stops it.
        tempData.Save();
        // Nothing was read or stored; the body is left to the server to discard.
        context.Result = new RedirectResult(request.PathBase + request.Path);
    }

    /// <summary>Puts a message that the filter left for the form page at the file field.</summary>
    public static void ShowAt(Controller controller, string field)
    {
        if (controller.TempData[ErrorKey] is string message)
            controller.ModelState.AddModelError(field, message);
    }
}
