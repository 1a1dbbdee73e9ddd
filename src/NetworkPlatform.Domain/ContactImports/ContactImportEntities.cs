namespace NetworkPlatform.Domain.ContactImports;

public enum ContactUploadState
{
    /// <summary>The background job reads the file and matches the addresses.</summary>
    Reading = 0,

    /// <summary>A plain CSV whose e-mail column the member has to point out.</summary>
    NeedsMapping = 1,

    /// <summary>The preview is ready: the member picks whom to ask and whom to invite.</summary>
    Ready = 2,

    /// <summary>The background job sends the requests and invitations.</summary>
    Sending = 3,
    Done = 4,
    Failed = 5,
}

/// <summary>
/// A contact file a member uploaded, from upload to the end of sending. The file itself and the rows read from it
/// (<see cref="ContactUploadRow"/>) live only while the member looks at the preview: the rows are deleted when the
/// sending is done, the file as soon as it is read (a plain CSV keeps it until sent, for the column mapping), and
/// everything when the upload expires. What stays until expiry is only the counts, for the result page.
/// </summary>
public class ContactUpload
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    public const int FileNameMaxLength = 255;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public ContactUploadState State { get; set; }
    public ContactFileFormat Format { get; set; }
    public string FileName { get; set; } = "";
    public byte[]? Content { get; set; }

    /// <summary>The language the member used when sending: invitations go out in it.</summary>
    public string? Culture { get; set; }

    /// <summary>Why the file could not be read (a message key and its argument).</summary>
    public string? ErrorKey { get; set; }
    public string? ErrorArg { get; set; }

    /// <summary>The background job now working on this upload (its progress is shown).</summary>
    public Guid? JobId { get; set; }

    public int ReadCount { get; set; }

    /// <summary>Skipped lines as JSON ([{"Line":3,"Reason":"NoEmail","Detail":null}]): line numbers, no contact data.</summary>
    public string? Skipped { get; set; }

    /// <summary>A plain CSV's header (JSON array) and the columns chosen for name and e-mail.</summary>
    public string? Columns { get; set; }
    public int? NameColumn { get; set; }
    public int? EmailColumn { get; set; }

    public int RequestsSent { get; set; }
    public int RequestsQueued { get; set; }
    public int RequestsNotPossible { get; set; }
    public int InvitationsSent { get; set; }
    public int InvitationsNotSent { get; set; }
}

/// <summary>One person read from an upload, with the member they match (by a confirmed address or profile address), if any.</summary>
public class ContactUploadRow
{
    public const int NameMaxLength = 200;

    public Guid UploadId { get; set; }
    public int Line { get; set; }
    public string? Name { get; set; }
    public List<string> Emails { get; set; } = [];
    public Guid? MatchedUserId { get; set; }

    /// <summary>The member's choice: send a contact request (matched) / an invitation (not a member).</summary>
    public bool Request { get; set; }
    public bool Invite { get; set; }
}

/// <summary>
/// A pending invitation: an address a member invited, who and when. Nothing else about the invited person is kept
/// (no name, no profile). When that person confirms this address as a new member, the inviter's contact request
/// is made and the invitation deleted; otherwise it is deleted after <see cref="Lifetime"/>.
/// </summary>
public class ContactInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    /// <summary>At most one invitation mail per address in this time, whoever invites.</summary>
    public static readonly TimeSpan MailInterval = TimeSpan.FromDays(30);

    public const int EmailMaxLength = 254;

    /// <summary>
    /// Invitation mails one member may cause in 24 hours: enough for a real address book, too few to use the
    /// platform as a mail cannon with a bought list.
    /// </summary>
    public const int MaxMailsPerDay = 500;

    public Guid Id { get; set; }
    public Guid InviterId { get; set; }

    /// <summary>Lower-case.</summary>
    public string Email { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When the mail went out; null when another invitation had been mailed to the address recently. For an address
    /// that belongs to an account no mail goes out, but this is set all the same (see <see cref="InvitationService.InviteAsync"/>).
    /// </summary>
    public DateTimeOffset? MailedAt { get; set; }
}

/// <summary>
/// An address that asked never to be invited again, kept only as its SHA-256 hash: enough to recognise it, and no
/// list of addresses of people who are not members.
/// </summary>
public class InvitationOptOut
{
    public string EmailHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A contact request over the daily limit, sent by the recurring job on one of the following days.</summary>
public class QueuedContactRequest
{
    public Guid Id { get; set; }
    public Guid FromUserId { get; set; }
    public Guid ToUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One reading of a contact file against the members: an upload, or a plain CSV read again with other columns. Kept
/// for <see cref="Window"/> only, to hold each member to <c>ContactImport:PerDay</c> (<see cref="ContactImportLimits"/>)
/// whatever happens to the upload itself (replaced by the next one, discarded, deleted when sent). Keyed by the read
/// job, so a retried job is still one reading.
/// </summary>
public class ContactImportRun
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public Guid JobId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>How many files one member may have read against the members in <see cref="ContactImportRun.Window"/>.</summary>
public sealed record ContactImportLimits(int PerDay)
{
    public const string PerDaySetting = "ContactImport:PerDay";
    public const int DefaultPerDay = 5;
}

/// <summary>Where the member stands with the daily limit; <see cref="NextAt"/> is when the oldest reading counts no more.</summary>
public sealed record ImportAllowance(int PerDay, int Used, DateTimeOffset? NextAt)
{
    public bool Reached => Used >= PerDay;
}

/// <summary>The daily limit is reached: the upload or the new column choice is refused at its field.</summary>
public class ImportLimitException(int perDay, DateTimeOffset nextPossibleAt) : DomainException("ContactImport.PerDayReached")
{
    public int PerDay { get; } = perDay;
    public DateTimeOffset NextPossibleAt { get; } = nextPossibleAt;
}
