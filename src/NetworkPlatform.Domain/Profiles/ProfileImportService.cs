using System.Globalization;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>Which sections the member ticked on the preview.</summary>
public sealed record ImportChoice(bool Headline, bool Summary, bool Positions, bool Education, bool Skills,
    bool Languages);

/// <summary>One section of the preview: what would be added, and how many of the file's items are already there.</summary>
public sealed record ImportSectionPlan<T>(IReadOnlyList<T> ToAdd, int AlreadyThere)
{
    public bool HasChanges => ToAdd.Count > 0;
}

/// <summary>
/// What an import would change on the profile as it is now: the preview shows it, and the confirmation computes it
/// again (the profile may have changed in between, or this is a second import), so nothing is ever added twice.
/// </summary>
public sealed record ImportPlan(
    string? CurrentHeadline, string? NewHeadline, string? CurrentSummary, string? NewSummary,
    ImportSectionPlan<ImportedEntry> Positions, ImportSectionPlan<ImportedEntry> Education,
    ImportSectionPlan<string> Skills, ImportSectionPlan<ImportedLanguage> Languages, IReadOnlyList<ImportNote> Notes)
{
    public bool HasChanges => NewHeadline is not null || NewSummary is not null || Positions.HasChanges ||
                              Education.HasChanges || Skills.HasChanges || Languages.HasChanges;
}

/// <summary>How many items each section got.</summary>
public sealed record ImportResult(bool Headline, bool Summary, int Positions, int Education, int Skills, int Languages,
    IReadOnlyList<ImportNote> Notes)
{
    public int Total => (Headline ? 1 : 0) + (Summary ? 1 : 0) + Positions + Education + Skills + Languages;
}

/// <summary>
/// Fills the member's profile from a LinkedIn export, section by section, through <see cref="ProfileService"/>'s own
/// methods, so every rule, the search document and the "updated" time stay as they are for typed changes.
/// </summary>
public class ProfileImportService(ProfileService profiles)
{
    public async Task<ImportPlan> PlanAsync(Guid me, LinkedInProfile data, CancellationToken ct = default)
    {
        var own = await profiles.OwnProfileAsync(me, ct);
        var entries = await profiles.EntriesAsync(me, null, ct);
        var languages = await profiles.LanguagesAsync(me, ct);
        return Plan(data, own, entries, languages);
    }

    public async Task<ImportResult> ApplyAsync(Guid me, LinkedInProfile data, ImportChoice choice,
        CancellationToken ct = default)
    {
        var own = await profiles.OwnProfileAsync(me, ct);
        var plan = Plan(data, own, await profiles.EntriesAsync(me, null, ct), await profiles.LanguagesAsync(me, ct));
        var notes = new List<ImportNote>();
        var headline = false;
        var summary = false;
        int positions = 0, education = 0, skills = 0, languages = 0;

        if (choice.Headline && plan.NewHeadline is not null)
        {
            headline = await TryAsync(ImportSection.Headline, notes, () => profiles.UpdateBasicsAsync(me,
                new BasicsInput(own.AcademicTitle, own.FirstName, own.LastName, plan.NewHeadline, own.Position,
                    own.Employer, own.City, own.Country, own.IndustryCode), ct));
        }
        if (choice.Summary && plan.NewSummary is not null)
            summary = await TryAsync(ImportSection.Summary, notes, () => profiles.UpdateSummaryAsync(me, plan.NewSummary, ct));
        if (choice.Positions)
            positions = await AddEntriesAsync(me, EntryKind.Experience, plan.Positions.ToAdd, ImportSection.Positions, notes, ct);
        if (choice.Education)
            education = await AddEntriesAsync(me, EntryKind.Education, plan.Education.ToAdd, ImportSection.Education, notes, ct);
        if (choice.Skills && plan.Skills.HasChanges)
        {
            var all = own.Skills.Concat(plan.Skills.ToAdd);
            if (await TryAsync(ImportSection.Skills, notes, () => profiles.UpdateTagsAsync(me, new TagsInput(
                    string.Join('\n', all), string.Join('\n', own.Haves), string.Join('\n', own.Wants),
                    string.Join('\n', own.Interests)), ct)))
                skills = plan.Skills.ToAdd.Count;
        }
        if (choice.Languages)
        {
            foreach (var language in plan.Languages.ToAdd)
            {
                if (await TryAsync(ImportSection.Languages, notes,
                        () => profiles.AddLanguageAsync(me, new LanguageInput(language.Name, language.Level), ct)))
                    languages++;
            }
        }
        return new ImportResult(headline, summary, positions, education, skills, languages, notes);
    }

    private async Task<int> AddEntriesAsync(Guid me, EntryKind kind, IReadOnlyList<ImportedEntry> entries,
        ImportSection section, List<ImportNote> notes, CancellationToken ct)
    {
        var added = 0;
        foreach (var e in entries)
        {
            var input = new EntryInput(e.Title, e.Organisation, e.StartMonth.Month, e.StartMonth.Year, e.EndMonth?.Month,
                e.EndMonth?.Year, e.IsCurrent, e.Description);
            if (await TryAsync(section, notes, () => profiles.AddEntryAsync(me, kind, input, ct)))
                added++;
        }
        return added;
    }

    /// <summary>A rule that the preview did not foresee (a profile changed meanwhile) skips the item with a note.</summary>
    private static async Task<bool> TryAsync(ImportSection section, List<ImportNote> notes, Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (FormInputException e)
        {
            notes.Add(new(section, "ProfileImport.Note.Refused", e.Problems[0].MessageKey));
            return false;
        }
    }

    public static ImportPlan Plan(LinkedInProfile data, OwnProfile own, IReadOnlyList<EntryRow> entries,
        IReadOnlyList<LanguageRow> languages)
    {
        var notes = data.Notes.ToList();
        var newHeadline = data.Headline is { } h && !string.Equals(h, own.Headline?.Trim(), StringComparison.Ordinal) ? h : null;
        var newSummary = data.Summary is { } s && !string.Equals(s, own.Summary?.Trim(), StringComparison.Ordinal) ? s : null;

        ImportSectionPlan<ImportedEntry> EntryPlan(EntryKind kind, IReadOnlyList<ImportedEntry> imported, ImportSection section)
        {
            var existing = entries.Where(e => e.Kind == kind).ToList();
            var keys = existing.Select(e => ImportedEntry.KeyOf(e.Title, e.Organisation, e.StartMonth)).ToHashSet();
            var room = ProfileService.MaxEntriesPerKind - existing.Count;
            var add = new List<ImportedEntry>();
            var there = 0;
            foreach (var e in imported)
            {
                if (!keys.Add(e.Key))
                    there++;
                else if (add.Count < room)
                    add.Add(e);
                else
                    notes.Add(new(section, "ProfileImport.Note.LimitReached", Label(e),
                        ProfileService.MaxEntriesPerKind.ToString(CultureInfo.InvariantCulture)));
            }
            return new(add, there);
        }

        var skillsHave = new HashSet<string>(own.Skills, StringComparer.OrdinalIgnoreCase);
        var skillsAdd = new List<string>();
        var skillsThere = 0;
        foreach (var skill in data.Skills)
        {
            if (!skillsHave.Add(skill))
                skillsThere++;
            else if (own.Skills.Count + skillsAdd.Count < MemberProfile.MaxSkills)
                skillsAdd.Add(skill);
            else
                notes.Add(new(ImportSection.Skills, "ProfileImport.Note.LimitReached", skill,
                    MemberProfile.MaxSkills.ToString(CultureInfo.InvariantCulture)));
        }

        var languagesHave = new HashSet<string>(languages.Select(l => l.Name), StringComparer.OrdinalIgnoreCase);
        var languagesAdd = new List<ImportedLanguage>();
        var languagesThere = 0;
        foreach (var language in data.Languages)
        {
            if (!languagesHave.Add(language.Name))
                languagesThere++;
            else if (languages.Count + languagesAdd.Count < ProfileService.MaxLanguages)
                languagesAdd.Add(language);
            else
                notes.Add(new(ImportSection.Languages, "ProfileImport.Note.LimitReached", language.Name,
                    ProfileService.MaxLanguages.ToString(CultureInfo.InvariantCulture)));
        }

        return new ImportPlan(own.Headline, newHeadline, own.Summary, newSummary,
            EntryPlan(EntryKind.Experience, data.Positions, ImportSection.Positions),
            EntryPlan(EntryKind.Education, data.Education, ImportSection.Education),
            new(skillsAdd, skillsThere), new(languagesAdd, languagesThere), notes);
    }

    private static string Label(ImportedEntry e) => $"{e.Title} – {e.Organisation}";
}
