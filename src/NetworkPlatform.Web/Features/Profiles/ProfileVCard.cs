using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Web.Features.Profiles;

/// <summary>A profile as a vCard 4.0: made from the viewer's <see cref="ProfileView"/>, so it holds only what they may see.</summary>
public static class ProfileVCard
{
    public static string Write(ProfileView p, string baseUrl) =>
        Card(p.UserId, p.Slug, p.Name, p.Employer, p.Position, p.Headline, p.ContactDetails,
            p.Links.Select(l => l.Url).ToList(), p.PhotoFileId, baseUrl).ToVCard();

    /// <summary>The card of one member as one viewer may see it, with the absolute addresses of profile and photo.</summary>
    public static ContactCard Card(Guid userId, string slug, ProfileName name, string? employer, string? position,
        string? headline, IReadOnlyList<ContactDetail> visibleDetails, IReadOnlyList<string> links, Guid? photoFileId,
        string baseUrl)
    {
        var root = baseUrl.TrimEnd('/');
        return new ContactCard(userId, name, employer, position, headline, visibleDetails, links,
            root + ProfileUrls.Page(slug), photoFileId is null ? null : root + ProfileUrls.Photo(userId));
    }
}
