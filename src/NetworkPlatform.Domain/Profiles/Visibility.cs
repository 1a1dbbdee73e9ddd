namespace NetworkPlatform.Domain.Profiles;

/// <summary>Who may see one contact detail or one document. Ordered from narrowest to widest.</summary>
public enum FieldVisibility
{
    OnlyMe = 0,
    Contacts = 1,
    Members = 2,
    Everyone = 3,
}

/// <summary>Who may open the profile at all.</summary>
public enum ProfileAudience
{
    /// <summary>Logged-in members only (the default).</summary>
    Members = 0,

    /// <summary>Anyone on the web, including visitors who are not logged in.</summary>
    Public = 1,
}

/// <summary>How the viewer stands to the profile's owner; computed for each request by <see cref="ProfileAccess"/>.</summary>
public enum ViewerRelation
{
    Anonymous = 0,
    Member = 1,
    Contact = 2,
    Owner = 3,
}

/// <summary>
/// The one place that decides what a viewer may see of a profile: the page, the vCard, document downloads, and later
/// the API and the export all ask here.
/// </summary>
public static class ProfileAccess
{
    public static ViewerRelation RelationOf(Guid ownerId, Guid? viewerId, bool isContact) =>
        viewerId is null ? ViewerRelation.Anonymous
        : viewerId == ownerId ? ViewerRelation.Owner
        : isContact ? ViewerRelation.Contact
        : ViewerRelation.Member;

    /// <summary>
    /// The relation every place that shows a profile uses (page, vCard, photos, documents): a member in a block with
    /// the owner, either way, sees only what the public web sees.
    /// </summary>
    public static ViewerRelation RelationOf(Guid ownerId, Guid? viewerId, bool isContact, bool blocked) =>
        blocked && viewerId != ownerId ? ViewerRelation.Anonymous : RelationOf(ownerId, viewerId, isContact);

    public static bool CanOpen(ProfileAudience audience, ViewerRelation viewer) =>
        viewer != ViewerRelation.Anonymous || audience == ProfileAudience.Public;

    public static bool CanSee(FieldVisibility visibility, ViewerRelation viewer) => visibility switch
    {
        FieldVisibility.Everyone => true,
        FieldVisibility.Members => viewer >= ViewerRelation.Member,
        FieldVisibility.Contacts => viewer >= ViewerRelation.Contact,
        _ => viewer == ViewerRelation.Owner,
    };
}
