using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Profiles;

/// <summary>
/// Refuses an upload whose request declares more than <see cref="MaxRequestBytes"/> before the form is parsed, and
/// sends the member back to the form with the message at the file field. Without it the antiforgery check, which
/// parses the form first, would stop at the size limit and answer a bare 400.
/// Pair it with [RequestSizeLimit] and [RequestFormLimits] of the same size: those stop a body that does not
/// declare its length (chunked) while it is read. Files between the file limit and this one reach the action,
/// which refuses them with the same message.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadLimitAttribute(long maxRequestBytes, long maxFileBytes, string messageKey)
    : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public const string ErrorKey = "upload.error";
    public const string TypedKey = "upload.typed";

    /// <summary>How much of a refused request is read to be able to answer it with a page (a phone video, say).</summary>
    public const long DrainLimit = 64 * 1024 * 1024;

    public long MaxRequestBytes { get; } = maxRequestBytes;

    // Before the global antiforgery filter (order 1000), which would parse the form.
    public int Order => -2000;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength is not { } length || length <= MaxRequestBytes)
            return;
        // Read and drop what the browser sends anyway: answering while it is still sending makes the server close
        // the connection, and the browser shows "connection reset" instead of our page. The endpoint's own limit
        // ([RequestSizeLimit]) is raised for that, up to DrainLimit; beyond it the server does end the connection.
        var size = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false })
            size.MaxRequestBodySize = Math.Max(DrainLimit, MaxRequestBytes);
        var typed = new Dictionary<string, string>();
        try
        {
            await ReadTypedValuesAsync(request, typed, context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // Over the drain limit (BadHttpRequestException is an IOException), cut off, or no valid form.
        }
        var services = context.HttpContext.RequestServices;
        var l = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var tempData = services.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
        tempData[ErrorKey] = l[messageKey, UploadedBytes.Megabytes(maxFileBytes)].Value;
        if (typed.Count > 0)
            tempData[TypedKey] = JsonSerializer.Serialize(typed);
        // Saved here: the filter that would save it at the end of the action does not run after this one stops it.
        tempData.Save();
        // Nothing was stored.
        context.Result = new RedirectResult(request.PathBase + request.Path);
    }

    /// <summary>
    /// Reads the whole body, keeping the short text fields (title, kind, ...) so that the form shows them again, and
    /// dropping the file.
    /// </summary>
    private static async Task ReadTypedValuesAsync(HttpRequest request, Dictionary<string, string> typed,
        CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ||
            HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            await request.Body.CopyToAsync(Stream.Null, ct);
            return;
        }
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) &&
                disposition.IsFormDisposition() && typed.Count < 20 &&
                HeaderUtilities.RemoveQuotes(disposition.Name).Value is { Length: > 0 } name &&
                !name.StartsWith("__", StringComparison.Ordinal))
            {
                using var text = new StreamReader(section.Body);
                var buffer = new char[1000];
                var read = await text.ReadBlockAsync(buffer, ct);
                typed[name] = new string(buffer, 0, read);
            }
            await section.Body.CopyToAsync(Stream.Null, ct);
        }
    }

    /// <summary>What the member typed into the form that the filter refused (file fields excluded).</summary>
    public static IReadOnlyDictionary<string, string> TypedValues(Controller controller) =>
        controller.TempData[TypedKey] is string json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
            : new Dictionary<string, string>();

    /// <summary>Puts a message that the filter left for the form page at the file field.</summary>
    public static void ShowAt(Controller controller, string field)
    {
        if (controller.TempData[ErrorKey] is string message)
            controller.ModelState.AddModelError(field, message);
    }
}
