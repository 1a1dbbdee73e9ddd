namespace NetworkPlatform.Domain;

/// <summary>
/// How the services read what a member typed into a form: every rule broken is collected as a <see cref="FieldProblem"/>
/// at its field, and all of them are thrown at once (<see cref="FormInputException"/>), so the form shows every message.
/// </summary>
public static class FormText
{
    public static IEnumerable<string> SplitTags(string? text) =>
        (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A list typed as tags, cleaned (<see cref="Profiles.Profiles.MemberProfile.CleanTags"/>); a broken rule is named at the field.</summary>
    public static List<string> Tags(List<FieldProblem> problems, string field, string? text, int max)
    {
        var raw = SplitTags(text).ToList();
        try
        {
            return Profiles.MemberProfile.CleanTags(raw, max);
        }
        catch (DomainException)
        {
            // CleanTags names the rule only; the member is better served by the entry or the count at fault.
            var tooLong = raw.Select(t => string.Join(' ', t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
                .FirstOrDefault(t => t.Length > Profiles.MemberProfile.TagMaxLength);
            if (tooLong is not null)
                problems.Add(new(field, "ProfileEdit.TagTooLong", Profiles.MemberProfile.TagMaxLength, tooLong[..30] + "…"));
            else
                problems.Add(new(field, "ProfileEdit.TooManyTags", max,
                    Profiles.MemberProfile.CleanTags(raw, int.MaxValue).Count));
            return [];
        }
    }

    public static void Throw(List<FieldProblem> problems)
    {
        if (problems.Count > 0)
            throw new FormInputException(problems);
    }

    /// <summary>
    /// One line of text: trimmed, empty becomes null, at most <paramref name="max"/> characters, no control characters
    /// (<see cref="TextRules"/>).
    /// </summary>
    public static string? Line(List<FieldProblem> problems, string field, string? value, int max, bool required = false,
        string requiredKey = "ProfileEdit.Required", bool multiLine = false)
    {
        var text = value?.Trim();
        if (TextRules.HasControlCharacters(text, multiLine))
        {
            problems.Add(new(field, multiLine ? TextRules.ControlCharactersMultiLineKey : TextRules.ControlCharactersKey));
            return null;
        }
        if (string.IsNullOrEmpty(text))
        {
            if (required)
                problems.Add(new(field, requiredKey));
            return null;
        }
        if (text.Length > max)
            problems.Add(new(field, "ProfileEdit.TooLong", max, text.Length));
        return text;
    }

    /// <summary>
    /// Several lines: browsers send line breaks as CR LF, which would count twice against the limit the member sees;
    /// they are stored as LF.
    /// </summary>
    public static string? MultiLine(List<FieldProblem> problems, string field, string? value, int max) =>
        Line(problems, field, value?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'), max, multiLine: true);
}

/// <summary>One rule broken by one field of a form; the web layer shows the message at that field.</summary>
public sealed record FieldProblem(string Field, string MessageKey, params object[] Args);

/// <summary>What was wrong with a form, field by field (all problems at once, as the form shows them).</summary>
public class FormInputException(IReadOnlyList<FieldProblem> problems) : DomainException(problems[0].MessageKey)
{
    public IReadOnlyList<FieldProblem> Problems { get; } = problems;
}

