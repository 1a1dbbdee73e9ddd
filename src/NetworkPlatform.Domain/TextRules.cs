namespace NetworkPlatform.Domain;

/// <summary>
/// What stored text may hold. A single-line field (a name, a title, a URL, a phone number) holds no control
/// characters at all: a line break there could end a line of a vCard, a mail header or a CSV row in someone's export
/// and start a forged one (issue 15). Multi-line fields (a summary, a note) may hold line breaks and tabs, nothing else.
/// </summary>
public static class TextRules
{
    public const string ControlCharactersKey = "Validation.ControlCharacters";
    public const string ControlCharactersMultiLineKey = "Validation.ControlCharactersMultiLine";

    public static bool HasControlCharacters(string? text, bool multiLine = false) =>
        text is not null && text.Any(c => IsControl(c) && !(multiLine && c is '\n' or '\t'));

    /// <summary>
    /// Text from a file the member did not type here (an import): every run of whitespace and control characters
    /// becomes one space; null when nothing is left.
    /// </summary>
    public static string? OneLine(string? text)
    {
        if (text is null)
            return null;
        var parts = SplitWhere(text, c => IsControl(c) || char.IsWhiteSpace(c));
        var joined = string.Join(' ', parts);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>C0, DEL and C1 control characters, and the Unicode line and paragraph separators.</summary>
    public static bool IsControl(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    private static string[] SplitWhere(string text, Func<char, bool> separator)
    {
        var parts = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isSeparator = i == text.Length || separator(text[i]);
            if (!isSeparator && start < 0)
                start = i;
            else if (isSeparator && start >= 0)
            {
                parts.Add(text[start..i]);
                start = -1;
            }
        }
        return [.. parts];
    }
}
