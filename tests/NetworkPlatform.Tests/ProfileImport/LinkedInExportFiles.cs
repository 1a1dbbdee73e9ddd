using System.IO.Compression;
using System.Text;

namespace NetworkPlatform.Tests.ProfileImport;

/// <summary>
/// LinkedIn data-export ZIPs made in the test, from CSV text written after LinkedIn's published layouts (Profile.csv,
/// Positions.csv, Education.csv, Skills.csv, Languages.csv), inside a folder as LinkedIn's archive has them.
/// </summary>
public static class LinkedInExportFiles
{
    public const string ProfileCsv =
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\r\n" +
        "Erika,Mustermann,,,\"Apr 23, 1980\",Berät Mittelständler zu Förderung und Nachfolge,\"Zwanzig Jahre Vertrieb im Maschinenbau.\r\nZweite Zeile, mit Komma.\",Maschinenbau,10115,\"Berlin, Germany\",,[PERSONAL:https://blog.example.org],\r\n";

    public const string PositionsCsv =
        "Company Name,Title,Description,Location,Started On,Finished On\r\n" +
        "Muster & Söhne GmbH,Head of Sales,\"Built the DACH team, 12 people.\",\"Berlin, Germany\",Jan 2020,\r\n" +
        "Beispiel AG,Account Manager,,München,Mar 2015,Dec 2019\r\n" +
        "Ohne Datum GmbH,Praktikant,,,,\r\n";

    public const string EducationCsv =
        "School Name,Start Date,End Date,Notes,Degree Name,Activities\r\n" +
        "Universität Mannheim,2008,2012,Schwerpunkt Marketing,Master of Science,Debattierclub\r\n" +
        "Volkshochschule Berlin,2005,2005,,,\r\n";

    public const string SkillsCsv = "Name\r\nVertrieb\r\nVerhandlung\r\nvertrieb\r\nCRM\r\n";

    public const string LanguagesCsv =
        "Name,Proficiency\r\nDeutsch,Native or bilingual proficiency\r\nEnglish,Full professional proficiency\r\nFrançais,\r\n";

    public static byte[] FullExport() => Zip(
        ("Basic_LinkedInDataExport_11-22-2026/Profile.csv", ProfileCsv),
        ("Basic_LinkedInDataExport_11-22-2026/Positions.csv", PositionsCsv),
        ("Basic_LinkedInDataExport_11-22-2026/Education.csv", EducationCsv),
        ("Basic_LinkedInDataExport_11-22-2026/Skills.csv", SkillsCsv),
        ("Basic_LinkedInDataExport_11-22-2026/Languages.csv", LanguagesCsv),
        ("Basic_LinkedInDataExport_11-22-2026/Connections.csv", "Notes:\r\n\"...\"\r\n\r\nFirst Name,Last Name\r\n"),
        ("Basic_LinkedInDataExport_11-22-2026/Rich_Media.csv", "Date/Time,Media Description\r\n"));

    public static byte[] Zip(params (string Name, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                // LinkedIn writes UTF-8 with a byte order mark.
                var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
                entry.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A small ZIP whose one entry unpacks to <paramref name="bytes"/> zero bytes.</summary>
    public static byte[] Bomb(string entryName, int bytes)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("Profile.csv").Open().Dispose();
            using var entry = zip.CreateEntry(entryName, CompressionLevel.SmallestSize).Open();
            var chunk = new byte[1024 * 1024];
            for (var written = 0; written < bytes; written += chunk.Length)
                entry.Write(chunk, 0, Math.Min(chunk.Length, bytes - written));
        }
        return buffer.ToArray();
    }
}
