using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>A work experience or an education read from the export, already within the profile's limits.</summary>
public sealed record ImportedEntry(string Title, string Organisation, DateOnly StartMonth, DateOnly? EndMonth,
    string? Description)
{
    public bool IsCurrent => EndMonth is null;

    /// <summary>Two entries are the same when title, organisation and start month match (ignoring case).</summary>
    public string Key => $"{Title.Trim().ToUpperInvariant()}\n{Organisation.Trim().ToUpperInvariant()}\n{StartMonth:yyyy-MM}";

    public static string KeyOf(string title, string organisation, DateOnly start) =>
        new ImportedEntry(title, organisation, start, null, null).Key;
}

public sealed record ImportedLanguage(string Name, LanguageLevel Level, bool LevelAssumed);

/// <summary>Something the member should know about the file: a row skipped, a text shortened. Localised by the page.</summary>
public sealed record ImportNote(ImportSection Section, string MessageKey, params string[] Args);

public enum ImportSection
{
    File,
    Headline,
    Summary,
    Positions,
    Education,
    Skills,
    Languages,
}

/// <summary>What a LinkedIn data export holds for the profile, cut to the profile's own limits.</summary>
public sealed record LinkedInProfile(
    string? Headline, string? Summary, IReadOnlyList<ImportedEntry> Positions, IReadOnlyList<ImportedEntry> Education,
    IReadOnlyList<string> Skills, IReadOnlyList<ImportedLanguage> Languages, IReadOnlyList<ImportNote> Notes);

/// <summary>The upload was not something we can read; the key names the reason for the member.</summary>
public class ProfileImportException(string messageKey, params object[] args) : DomainException(messageKey)
{
    public object[] Args { get; } = args;
}

/// <summary>
/// Reads the profile part of a LinkedIn data-export ZIP (Profile.csv, Positions.csv, Education.csv, Skills.csv,
/// Languages.csv; every other file is ignored). The archive is never unpacked to disk and its paths are never used:
/// entries are found by their file name alone. Against zip bombs: at most <see cref="MaxEntries"/> entries, a declared
/// total of at most <see cref="MaxDeclaredBytes"/>, and each CSV read through a counter that stops at
/// <see cref="MaxCsvBytes"/> whatever the archive claims.
/// </summary>
public static class LinkedInProfileImport
{
    public const long MaxZipBytes = 20 * 1024 * 1024;
    public const int MaxEntries = 2000;
    public const long MaxDeclaredBytes = 200L * 1024 * 1024;
    public const int MaxCsvBytes = 5 * 1024 * 1024;
    public const int MaxRowsPerFile = 1000;
    public const int LanguageNameMaxLength = 60;

    /// <param name="today">From the app's TimeProvider: entries may end at most next year.</param>
    public static LinkedInProfile Read(Stream zip, DateOnly today)
    {
        Dictionary<string, string> files;
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > MaxEntries)
                throw new ProfileImportException("ProfileImport.TooManyFiles", MaxEntries);
            if (archive.Entries.Sum(e => e.Length) > MaxDeclaredBytes)
                throw new ProfileImportException("ProfileImport.TooBigUnpacked");
            files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName.Replace('\\', '/').Split('/')[^1];
                if (!Wanted.Contains(name) || files.ContainsKey(name))
                    continue;
                files[name] = ReadText(entry);
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or EndOfStreamException or ArgumentException)
        {
            throw new ProfileImportException("ProfileImport.NotZip");
        }
        if (!files.TryGetValue("Profile.csv", out var profileCsv))
            throw new ProfileImportException("ProfileImport.NoProfileCsv");

        var notes = new List<ImportNote>();
        var profile = Rows(profileCsv, "Profile.csv", ImportSection.File, notes).FirstOrDefault();
        var headline = Cut(Clean(profile?.Get("Headline")), MemberProfile.HeadlineMaxLength, ImportSection.Headline, notes);
        var summary = Cut(Multi(profile?.Get("Summary")), MemberProfile.SummaryMaxLength, ImportSection.Summary, notes);

        var positions = new List<ImportedEntry>();
        if (files.TryGetValue("Positions.csv", out var positionsCsv))
        {
            foreach (var row in Rows(positionsCsv, "Positions.csv", ImportSection.Positions, notes))
            {
                var entry = Entry(today, ImportSection.Positions, notes, row.Get("Title"), row.Get("Company Name"),
                    row.Get("Started On"), row.Get("Finished On"), Multi(row.Get("Description")));
                if (entry is not null)
                    positions.Add(entry);
            }
        }

        var education = new List<ImportedEntry>();
        if (files.TryGetValue("Education.csv", out var educationCsv))
        {
            foreach (var row in Rows(educationCsv, "Education.csv", ImportSection.Education, notes))
            {
                var description = string.Join("\n\n", new[] { Multi(row.Get("Notes")), Multi(row.Get("Activities")) }
                    .Where(s => !string.IsNullOrWhiteSpace(s)));
                var entry = Entry(today, ImportSection.Education, notes, row.Get("Degree Name"), row.Get("School Name"),
                    row.Get("Start Date"), row.Get("End Date"), description);
                if (entry is not null)
                    education.Add(entry);
            }
        }

        var skills = new List<string>();
        if (files.TryGetValue("Skills.csv", out var skillsCsv))
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            // Our skills are separated by commas when typed, so "Research, Development" becomes two skills.
            foreach (var skill in Rows(skillsCsv, "Skills.csv", ImportSection.Skills, notes)
                         .SelectMany(r => FormText.SplitTags(r.Get("Name")))
                         .Select(s => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))))
            {
                if (skill.Length == 0 || !seen.Add(skill))
                    continue;
                if (skill.Length > MemberProfile.TagMaxLength)
                    notes.Add(new(ImportSection.Skills, "ProfileImport.Note.SkillTooLong", Short(skill),
                        MemberProfile.TagMaxLength.ToString(CultureInfo.InvariantCulture)));
                else
                    skills.Add(skill);
            }
        }

        var languages = new List<ImportedLanguage>();
        if (files.TryGetValue("Languages.csv", out var languagesCsv))
        {
            foreach (var row in Rows(languagesCsv, "Languages.csv", ImportSection.Languages, notes))
            {
                var name = Clean(row.Get("Name"));
                if (name is null || languages.Any(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)))
                    continue;
                if (name.Length > LanguageNameMaxLength)
                {
                    notes.Add(new(ImportSection.Languages, "ProfileImport.Note.LanguageTooLong", Short(name)));
                    continue;
                }
                var level = LevelOf(row.Get("Proficiency"));
                languages.Add(new ImportedLanguage(name, level ?? LanguageLevel.B1, level is null));
            }
        }
        return new LinkedInProfile(headline, summary, positions, education, skills, languages, notes);
    }

    private static readonly HashSet<string> Wanted = new(StringComparer.OrdinalIgnoreCase)
        { "Profile.csv", "Positions.csv", "Education.csv", "Skills.csv", "Languages.csv" };

    private static string ReadText(ZipArchiveEntry entry)
    {
        using var source = entry.Open();
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            // The declared size may lie: count what really comes out.
            if (copy.Length + read > MaxCsvBytes)
                throw new ProfileImportException("ProfileImport.TooBigUnpacked");
            copy.Write(buffer, 0, read);
        }
        // UTF-8 with or without a byte order mark (LinkedIn writes one in some files).
        return new UTF8Encoding(false).GetString(copy.GetBuffer(), 0, (int)copy.Length).TrimStart('\uFEFF');
    }

    private sealed class Row(Dictionary<string, string> values)
    {
        public string? Get(string column) => values.TryGetValue(column, out var v) ? v : null;
    }

    /// <summary>
    /// The rows of one CSV by column name; columns we do not know and columns that are missing are both fine. A file
    /// that breaks off in the middle keeps the rows read so far, with a note.
    /// </summary>
    private static List<Row> Rows(string text, string fileName, ImportSection section, List<ImportNote> notes)
    {
        var rows = new List<Row>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = 1024 * 1024,
        };
        try
        {
            using var csv = CsvReader.Create(new StringReader(text), options, false);
            var header = csv.Headers.Select(h => h.Trim()).ToArray();
            while (csv.Read())
            {
                if (rows.Count == MaxRowsPerFile)
                {
                    notes.Add(new(section, "ProfileImport.Note.TooManyRows", fileName,
                        MaxRowsPerFile.ToString(CultureInfo.InvariantCulture)));
                    break;
                }
                var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < header.Length && i < csv.FieldCount; i++)
                    values.TryAdd(header[i], csv.GetString(i) ?? "");
                rows.Add(new Row(values));
            }
        }
        catch (Exception e) when (e is CsvFormatException or CsvValidationException or InvalidDataException)
        {
            notes.Add(new(section, "ProfileImport.Note.BrokenCsv", fileName));
        }
        return rows;
    }

    private static ImportedEntry? Entry(DateOnly today, ImportSection section, List<ImportNote> notes, string? rawTitle,
        string? rawOrganisation, string? rawStart, string? rawEnd, string? rawDescription)
    {
        var title = Clean(rawTitle);
        var organisation = Clean(rawOrganisation);
        var label = string.Join(" – ", new[] { title, organisation }.Where(s => s is not null));
        if (label.Length == 0)
            return null;
        if (title is null || organisation is null)
        {
            notes.Add(new(section, section == ImportSection.Positions
                ? "ProfileImport.Note.PositionIncomplete"
                : "ProfileImport.Note.EducationIncomplete", Short(label)));
            return null;
        }
        var start = MonthOf(rawStart);
        var end = MonthOf(rawEnd);
        if (start is null)
        {
            notes.Add(new(section, "ProfileImport.Note.NoStart", Short(label)));
            return null;
        }
        if (!string.IsNullOrWhiteSpace(rawEnd) && end is null)
        {
            notes.Add(new(section, "ProfileImport.Note.BadDate", Short(label), rawEnd.Trim()));
            return null;
        }
        var lastYear = today.Year + 1;
        if (start.Value.Year < ProfileService.FirstYear || start.Value.Year > lastYear ||
            end is { } e && (e.Year > lastYear || e < start))
        {
            notes.Add(new(section, "ProfileImport.Note.BadDate", Short(label), rawStart!.Trim()));
            return null;
        }
        title = Cut(title, ProfileEntry.TitleMaxLength, section, notes);
        organisation = Cut(organisation, ProfileEntry.TitleMaxLength, section, notes);
        var description = Cut(rawDescription, ProfileEntry.DescriptionMaxLength, section, notes);
        return new ImportedEntry(title!, organisation!, start.Value, end, description);
    }

    private static readonly string[] MonthFormats =
        ["MMM yyyy", "MMMM yyyy", "MMM. yyyy", "yyyy-MM", "yyyy-MM-dd", "MM/yyyy", "M/yyyy", "MM.yyyy", "M.yyyy", "yyyy"];

    /// <summary>"Jan 2020", "2020" (January), "2020-01" and a few more; English or German month names.</summary>
    public static DateOnly? MonthOf(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
            return null;
        foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("de-DE") })
        {
            if (DateTime.TryParseExact(t, MonthFormats, culture, DateTimeStyles.AllowWhiteSpaces, out var d))
                return new DateOnly(d.Year, d.Month, 1);
        }
        return null;
    }

    /// <summary>LinkedIn's five proficiency levels, mapped to the nearest CEFR level; null when none is given.</summary>
    public static LanguageLevel? LevelOf(string? proficiency)
    {
        var p = (proficiency ?? "").Trim().ToUpperInvariant();
        if (p.Length == 0) return null;
        if (p.Contains("NATIVE", StringComparison.Ordinal) || p.Contains("BILINGUAL", StringComparison.Ordinal)) return LanguageLevel.Native;
        if (p.Contains("FULL PROFESSIONAL", StringComparison.Ordinal)) return LanguageLevel.C1;
        if (p.Contains("PROFESSIONAL WORKING", StringComparison.Ordinal)) return LanguageLevel.B2;
        if (p.Contains("LIMITED WORKING", StringComparison.Ordinal)) return LanguageLevel.B1;
        if (p.Contains("ELEMENTARY", StringComparison.Ordinal)) return LanguageLevel.A2;
        return null;
    }

    private static string? Clean(string? text) => TextRules.OneLine(text);

    private static string? Multi(string? text)
    {
        var t = text?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        // Line breaks and tabs stay; other control characters have no place in stored text (TextRules).
        t = t is null ? null : new string(t.Where(c => c is '\n' or '\t' || !TextRules.IsControl(c)).ToArray()).Trim();
        return string.IsNullOrEmpty(t) ? null : t;
    }

    private static string? Cut(string? text, int max, ImportSection section, List<ImportNote> notes)
    {
        if (text is null || text.Length <= max)
            return text;
        notes.Add(new(section, "ProfileImport.Note.Shortened", Short(text), max.ToString(CultureInfo.InvariantCulture)));
        // Never cut between the two halves of a surrogate pair.
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut].TrimEnd();
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
