using System.Globalization;

namespace NetworkPlatform.Web.Features.Shared;

/// <summary>Dates in the member's culture: de 22.11.2026, en 22 Nov 2026 (stored in UTC, shown as the UTC date).</summary>
public static class Formatting
{
    public static string ToLocalDate(this DateTimeOffset value) =>
        value.UtcDateTime.ToString(CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "de" ? "dd.MM.yyyy" : "d MMM yyyy",
            CultureInfo.CurrentCulture);

    public static string ToLocalDateTime(this DateTimeOffset value) =>
        value.UtcDateTime.ToString(CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "de" ? "dd.MM.yyyy HH:mm" : "d MMM yyyy, HH:mm",
            CultureInfo.CurrentCulture) + " UTC";
}

/// <summary>
/// What the avatar partial needs. Decorative: the name stands right beside it, so the image gets an empty alt.
/// </summary>
public record AvatarModel(Guid UserId, string Name, Guid? PhotoFileId, int Size = 48, bool Decorative = false);

/// <summary>
/// What the contact actions partial needs. InList: shown in a list of many members (search results), where only the
/// next step belongs; removing and blocking stay on the member's profile.
/// </summary>
public record ContactActionsModel(Guid UserId, string FirstName, NetworkPlatform.Domain.Contacts.ContactStatus Status,
    Guid? RequestId, string ReturnUrl, bool InList = false);

/// <summary>
/// Another member as shown next to something they wrote or did. <see cref="UserId"/> is null when the member deleted
/// their account (what others hold keeps a null author, ON DELETE SET NULL); the partial _MemberName then shows
/// "Deleted member". Build it with <see cref="Of"/> from a left join on the users table.
/// </summary>
public record MemberNameModel(Guid? UserId, string? Name, string? Slug)
{
    public static MemberNameModel Of(Guid? userId, string? firstName, string? lastName, string? slug) =>
        new(userId, userId is null ? null : $"{firstName} {lastName}".Trim(), slug);

    public static readonly MemberNameModel Deleted = new(null, null, null);
}

/// <summary>A company's logo, or its initials on a rounded square. <see cref="LogoFileId"/> is the large logo's id (the version).</summary>
public record CompanyLogoModel(Guid CompanyId, string Name, Guid? LogoFileId, int Size = 48, bool Decorative = true);

public record FollowButtonModel(Guid CompanyId, string Name, bool Following, string ReturnUrl, bool Small = false);
