using System.Globalization;
using CsvHelper;

namespace NetworkPlatform.Domain.ContactImports;

/// <summary>
/// LinkedIn Connections.csv, Google Contacts CSV (current and legacy headers) and any other CSV with a name and an
/// e-mail column. The header is the first record with two or more fields, which steps over LinkedIn's "Notes:"
/// preamble (a line, a quoted paragraph, a blank line) without knowing its wording.
/// </summary>
public static class ContactCsvReader
{
    public static ContactFileResult Read(string text, ColumnMapping? mapping)
    {
        long unterminatedAt = 0;
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            Separator = GuessDelimiter(text),
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            // A stray quote inside a field ("O"Brien") is kept as text; a quote never closed is reported below.
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = r =>
            {
                if (r.Reason == CsvMalformedReason.UnterminatedQuote && unterminatedAt == 0)
                    unterminatedAt = Math.Max(1, r.LineNumber);
            },
        };
        using var reader = CsvReader.FromText(text, options);

        string[]? header = null;
        var records = new List<(int Line, string[] Fields)>();
        while (reader.Read())
        {
            if (unterminatedAt > 0)
                break;
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
                fields[i] = reader.GetString(i) ?? "";
            var line = (int)reader.LineNumber;
            if (header is null)
            {
                if (fields.Count(f => !string.IsNullOrWhiteSpace(f)) >= 2)
                    header = fields.Select(f => f.Trim()).ToArray();
                else if (line > 20)
                    break;
                continue;
            }
            if (fields.All(string.IsNullOrWhiteSpace))
                continue;
            // Counted here already, so that a file of a million rows stops early.
            if (records.Count >= ContactFile.MaxContacts)
                throw new ContactFileException("ContactImport.TooMany", ContactFile.MaxContacts);
            records.Add((line, fields));
        }
        if (unterminatedAt > 0)
            throw new ContactFileException("ContactImport.UnbalancedQuotes", unterminatedAt);
        if (header is null)
            throw new ContactFileException("ContactImport.NotRecognised");

        int Col(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        bool Has(string name) => Col(name) >= 0;

        if (Has("E-mail 1 - Value") || (Has("Given Name") && Has("Family Name")) || (Has("Name") && Has("Given Name")) ||
            (Has("First Name") && Has("Middle Name")))
            return Google(header, records, Col);
        if (Has("First Name") && Has("Last Name") &&
            (Has("Email Address") || Has("Connected On") || Has("Position") || Has("Company")))
            return LinkedIn(records, Col);
        return Plain(header, records, mapping);
    }

    private static ContactFileResult LinkedIn(List<(int Line, string[] Fields)> records, Func<string, int> col)
    {
        var email = col("Email Address");
        if (email < 0)
            throw new ContactFileException("ContactImport.MissingColumn", "Email Address");
        int first = col("First Name"), last = col("Last Name"), url = col("URL");
        var result = new ContactFileResult { Format = ContactFileFormat.LinkedIn };
        var seen = new Dictionary<string, int>();
        foreach (var (line, f) in records)
            ContactFile.Take(result, seen, line, $"{At(f, first)} {At(f, last)}", [At(f, email)], [At(f, url)]);
        return result;
    }

    private static ContactFileResult Google(string[] header, List<(int Line, string[] Fields)> records,
        Func<string, int> col)
    {
        // "E-mail 1 - Value", "E-mail 2 - Value", ...; one cell may hold several addresses joined by " ::: ".
        var emailColumns = header.Select((h, i) => (h, i))
            .Where(x => x.h.StartsWith("E-mail ", StringComparison.OrdinalIgnoreCase) &&
                        x.h.EndsWith(" - Value", StringComparison.OrdinalIgnoreCase))
            .Select(x => x.i).ToList();
        if (emailColumns.Count == 0)
            throw new ContactFileException("ContactImport.MissingColumn", "E-mail 1 - Value");
        int name = col("Name"), given = col("Given Name"), additional = col("Additional Name"), family = col("Family Name"),
            first = col("First Name"), middle = col("Middle Name"), last = col("Last Name");
        var result = new ContactFileResult { Format = ContactFileFormat.Google };
        var seen = new Dictionary<string, int>();
        foreach (var (line, f) in records)
        {
            var display = At(f, name);
            if (string.IsNullOrWhiteSpace(display))
                display = first >= 0
                    ? $"{At(f, first)} {At(f, middle)} {At(f, last)}"
                    : $"{At(f, given)} {At(f, additional)} {At(f, family)}";
            var emails = emailColumns.SelectMany(i => At(f, i).Split(":::", StringSplitOptions.TrimEntries));
            ContactFile.Take(result, seen, line, display, emails);
        }
        return result;
    }

    private static ContactFileResult Plain(string[] header, List<(int Line, string[] Fields)> records,
        ColumnMapping? mapping)
    {
        if (mapping is not null && (mapping.EmailColumn < 0 || mapping.EmailColumn >= header.Length ||
                                    mapping.NameColumn is { } n && (n < 0 || n >= header.Length)))
            mapping = null;
        mapping ??= Guess(header, records);
        if (mapping is null)
            return new ContactFileResult { Format = ContactFileFormat.PlainCsv, Columns = header, Mapping = null };
        var result = new ContactFileResult { Format = ContactFileFormat.PlainCsv, Columns = header, Mapping = mapping };
        var seen = new Dictionary<string, int>();
        foreach (var (line, f) in records)
            ContactFile.Take(result, seen, line, mapping.NameColumn is { } nc ? At(f, nc) : null, [At(f, mapping.EmailColumn)]);
        return result;
    }

    /// <summary>An e-mail column by its name ("E-Mail", "email", "Mail address") or by '@' in its first values.</summary>
    private static ColumnMapping? Guess(string[] header, List<(int Line, string[] Fields)> records)
    {
        var email = Array.FindIndex(header, h => h.Contains("mail", StringComparison.OrdinalIgnoreCase));
        if (email < 0)
        {
            var sample = records.Take(20).ToList();
            email = Enumerable.Range(0, header.Length)
                .FirstOrDefault(i => sample.Count > 0 && sample.Count(r => At(r.Fields, i).Contains('@')) * 2 > sample.Count, -1);
        }
        if (email < 0)
            return null;
        var name = Array.FindIndex(header, h => h.Contains("name", StringComparison.OrdinalIgnoreCase) && !h.Contains("mail", StringComparison.OrdinalIgnoreCase));
        return new ColumnMapping(name < 0 ? null : name, email);
    }

    private static string At(string[] fields, int index) =>
        index >= 0 && index < fields.Length ? fields[index].Trim() : "";

    /// <summary>Comma unless the first line (a plain CSV's header, e.g. from German Excel) has more semicolons or tabs.</summary>
    private static char GuessDelimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var first = end < 0 ? text : text[..end];
        int commas = first.Count(c => c == ','), semicolons = first.Count(c => c == ';'), tabs = first.Count(c => c == '\t');
        if (semicolons > commas && semicolons >= tabs) return ';';
        if (tabs > commas) return '\t';
        return ',';
    }
}
