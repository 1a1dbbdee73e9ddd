using System.Globalization;
using NetworkPlatform.Domain.Csv;

namespace NetworkPlatform.Domain.Contacts;

/// <summary>
/// Contacts as LinkedIn's <c>Connections.csv</c>: the same header and date format ("15 Jan 2023"), so tools that read
/// LinkedIn's file read ours. UTF-8 with a byte order mark, so Excel shows umlauts right; comma-separated like
/// LinkedIn's (a German Excel opens it through Data → From Text/CSV). Cells that a spreadsheet would run as a formula
/// (starting with = + - @) are escaped with a leading apostrophe (<see cref="CsvTable"/>): a contact's position is text
/// they typed.
/// </summary>
public static class ConnectionsCsv
{
    public static readonly string[] Header =
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"];

    public static byte[] Write(IEnumerable<ExportedContact> contacts, Func<ExportedContact, string> profileUrl) =>
        CsvTable.Write(Header, contacts.Select(c => (IReadOnlyList<string?>)
            [c.Name.FirstName, c.Name.LastName, profileUrl(c), c.Email, c.Employer, c.Position, FormatDate(c.ConnectedOn)]));

    /// <summary>"15 Jan 2023", in UTC, with English month names whatever the member's language.</summary>
    public static string FormatDate(DateTimeOffset at) =>
        at.UtcDateTime.ToString("dd MMM yyyy", CultureInfo.InvariantCulture);
}
