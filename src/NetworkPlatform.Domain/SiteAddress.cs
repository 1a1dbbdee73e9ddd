namespace NetworkPlatform.Domain;

/// <summary>
/// The address members reach this network at (the web layer's <c>App:BaseUrl</c>), for domain code that must tell
/// its own links from others': a profile address in an imported file ("https://host/p/slug") is one of ours only when
/// scheme, host and port are this network's.
/// </summary>
public sealed class SiteAddress(string baseUrl)
{
    public Uri Root { get; } = new(baseUrl.TrimEnd('/') + "/", UriKind.Absolute);

    /// <summary>An absolute address from a path on this site ("/c/acme" → "https://host/c/acme").</summary>
    public string Link(string pathAndQuery) => new Uri(Root, pathAndQuery.TrimStart('/')).ToString();

    /// <summary>The profile slug of one of our profile addresses ("/p/{slug}" under the root), else null.</summary>
    public string? ProfileSlugOf(Uri url)
    {
        if (!string.Equals(url.Scheme, Root.Scheme, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(url.IdnHost, Root.IdnHost, StringComparison.OrdinalIgnoreCase) || url.Port != Root.Port)
            return null;
        var path = url.AbsolutePath;
        var prefix = Root.AbsolutePath + "p/";
        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            return null;
        var slug = path[prefix.Length..].TrimEnd('/');
        return slug.Length > 0 && !slug.Contains('/') ? slug.ToLowerInvariant() : null;
    }
}
