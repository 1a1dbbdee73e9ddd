namespace NetworkPlatform.Domain.Contacts;

/// <summary>
/// A request from one member to another. There is at most one per pair of members, whichever way it goes
/// (unique index on the ordered pair), so opposite requests at the same moment cannot both be stored.
/// A declined request stays, silently: the sender sees "pending" until they withdraw it (as on XING).
/// </summary>
public class ContactRequest
{
    public const int MessageMaxLength = 500;
    public const int MaxNewPerDay = 100;
    public const int MaxOpenSent = 500;

    public Guid Id { get; set; }
    public Guid FromUserId { get; set; }
    public Guid ToUserId { get; set; }
    public Guid PairLow { get; set; }
    public Guid PairHigh { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeclinedAt { get; set; }

    public static (Guid Low, Guid High) Pair(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);
}

/// <summary>
/// One direction of a confirmed contact: each contact is stored as two rows (A→B and B→A), so "my contacts" and
/// each breadth-first step of the contact path are one index range scan. Tags and the note on a row belong to its
/// <see cref="UserId"/> alone.
/// </summary>
public class Contact
{
    public const int NoteMaxLength = 1000;
    public const int MaxTags = 20;

    public Guid UserId { get; set; }
    public Guid ContactUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Built-in tags are stored as their code with a leading "#" (#business, #private, ...), own tags as typed.</summary>
    public List<string> Tags { get; set; } = [];
    public string? Note { get; set; }
}

public static class BuiltInTags
{
    public const string Business = "#business";
    public const string Private = "#private";
    public const string National = "#national";
    public const string International = "#international";

    public static readonly IReadOnlyList<string> All = [Business, Private, National, International];

    public static bool IsBuiltIn(string tag) => tag.StartsWith('#');
}

public class MemberBlock
{
    public Guid BlockerId { get; set; }
    public Guid BlockedId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public class DismissedSuggestion
{
    public Guid UserId { get; set; }
    public Guid DismissedUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Who may see a member's contact list (and so the shared contacts on their profile).</summary>
public enum ContactListVisibility
{
    Contacts = 0,
    OnlyMe = 1,
}

/// <summary>How two members stand to each other, seen from the first.</summary>
public enum ContactStatus
{
    None,
    Self,
    Contacts,
    RequestSent,
    RequestReceived,
    BlockedByMe,
    BlockedMe,
}
