namespace NetworkPlatform.Web.Infrastructure;

/// <summary>
/// Lets an action choose its Cache-Control even when the login cookie is renewed. The cookie handler marks every
/// response that renews the cookie (a sliding renewal, a sign-in) "no-cache, no-store", so a member's browser would
/// fetch an avatar again after each renewal. Registered before authentication, this middleware's response-starting callback runs after the cookie handler's (they run in
/// reverse order) and puts the action's choice back.
/// </summary>
public static class CacheHeaders
{
    private const string Key = "np.cache-control";

    /// <summary>Sets Cache-Control for this response, and keeps it if the cookie handler overwrites it.</summary>
    public static void Set(HttpResponse response, string cacheControl)
    {
        response.Headers.CacheControl = cacheControl;
        response.HttpContext.Items[Key] = cacheControl;
    }

    public static IApplicationBuilder UseCacheHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            if (context.Items[Key] is string cacheControl)
            {
                var headers = context.Response.Headers;
                headers.CacheControl = cacheControl;
                headers.Pragma = default;
                headers.Expires = default;
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
