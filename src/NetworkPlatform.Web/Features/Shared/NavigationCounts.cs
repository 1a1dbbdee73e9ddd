using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Web.Features.Shared;

/// <summary>
/// The counts the navigation shows for the signed-in member (open contact requests), read once per request however
/// many parts of the page show them (the layout's badge, the start page's panel).
/// </summary>
public sealed class NavigationCounts(IHttpContextAccessor http, ContactService contacts)
{
    private Task<int>? _openRequests;

    public Task<int> OpenRequestsAsync(CancellationToken ct = default) =>
        _openRequests ??= http.HttpContext?.Member() is { } member
            ? contacts.OpenReceivedCountAsync(member.Id, ct)
            : Task.FromResult(0);
}
