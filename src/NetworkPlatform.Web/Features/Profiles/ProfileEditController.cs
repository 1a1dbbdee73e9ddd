using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Profiles;

/// <summary>
/// The member edits their own profile, one section per form. Every action works on the signed-in member's own
/// profile only: ids in a request are looked up together with the member's id, so another member's id is a 404.
/// </summary>
[Authorize]
[Route("profile/edit")]
public class ProfileEditController(ProfileService profiles, IStringLocalizer<SharedResource> l) : Controller
{
    private Guid Me => User.IdOf();

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var own = await profiles.OwnProfileAsync(Me, ct);
        var entries = await profiles.EntriesAsync(Me, null, ct);
        var languages = await profiles.LanguagesAsync(Me, ct);
        var links = await profiles.LinksAsync(Me, ct);
        var completeness = await profiles.CompletenessAsync(Me, ct);
        return View(new ProfileEditOverview(own, entries, languages, links, completeness));
    }

    // ---------- Basics ----------

    [HttpGet("basics")]
    public async Task<IActionResult> Basics(CancellationToken ct) =>
        View(BasicsForm.From(await profiles.OwnProfileAsync(Me, ct)));

    [HttpPost("basics")]
    public Task<IActionResult> Basics(BasicsForm form, CancellationToken ct) =>
        SaveAsync(form, () => profiles.UpdateBasicsAsync(Me, form.ToInput(), ct), "/profile/edit/basics");

    // ---------- Summary ----------

    [HttpGet("summary")]
    public async Task<IActionResult> Summary(CancellationToken ct) =>
        View(new SummaryForm { Summary = (await profiles.OwnProfileAsync(Me, ct)).Summary });

    [HttpPost("summary")]
    public Task<IActionResult> Summary(SummaryForm form, CancellationToken ct) =>
        SaveAsync(form, () => profiles.UpdateSummaryAsync(Me, form.Summary, ct), "/profile/edit/summary");

    // ---------- Experience and education ----------

    [HttpGet("{kind}")]
    public async Task<IActionResult> Entries(string kind, CancellationToken ct)
    {
        if (EntryKinds.FromSlug(kind) is not { } k)
            return NotFound();
        return View("Entries", new EntryForm { Kind = k, Entries = await profiles.EntriesAsync(Me, k, ct) });
    }

    [HttpPost("{kind}")]
    public async Task<IActionResult> AddEntry(string kind, EntryForm form, CancellationToken ct)
    {
        if (EntryKinds.FromSlug(kind) is not { } k)
            return NotFound();
        form.Kind = k;
        return await SaveAsync(form, () => profiles.AddEntryAsync(Me, k, form.ToInput(), ct), $"/profile/edit/{kind}",
            "Entries", async () => form.Entries = await profiles.EntriesAsync(Me, k, ct));
    }

    [HttpGet("{kind}/{id:guid}")]
    public async Task<IActionResult> EditEntry(string kind, Guid id, CancellationToken ct)
    {
        if (EntryKinds.FromSlug(kind) is not { } k || await profiles.FindEntryAsync(Me, k, id, ct) is not { } entry)
            return NotFound();
        return View("EditEntry", EntryForm.From(entry));
    }

    [HttpPost("{kind}/{id:guid}")]
    public async Task<IActionResult> EditEntry(string kind, Guid id, EntryForm form, CancellationToken ct)
    {
        if (EntryKinds.FromSlug(kind) is not { } k)
            return NotFound();
        form.Kind = k;
        form.Id = id;
        if (ModelState.IsValid)
        {
            try
            {
                if (!await profiles.UpdateEntryAsync(Me, k, id, form.ToInput(), ct))
                    return NotFound();
                this.Success(l["ProfileEdit.Saved"]);
                return Redirect($"/profile/edit/{kind}");
            }
            catch (FormInputException ex)
            {
                AddProblems(ex);
            }
        }
        else if (await profiles.FindEntryAsync(Me, k, id, ct) is null)
        {
            return NotFound();
        }
        return View("EditEntry", form);
    }

    [HttpPost("{kind}/{id:guid}/delete")]
    public async Task<IActionResult> DeleteEntry(string kind, Guid id, CancellationToken ct)
    {
        if (EntryKinds.FromSlug(kind) is not { } k || !await profiles.DeleteEntryAsync(Me, k, id, ct))
            return NotFound();
        this.Success(l["ProfileEdit.Deleted"]);
        return Redirect($"/profile/edit/{kind}");
    }

    // ---------- Skills, haves, wants, interests ----------

    [HttpGet("skills")]
    public async Task<IActionResult> Tags(CancellationToken ct) =>
        View("Tags", TagsForm.From(await profiles.OwnProfileAsync(Me, ct)));

    [HttpPost("skills")]
    public Task<IActionResult> Tags(TagsForm form, CancellationToken ct) =>
        SaveAsync(form, () => profiles.UpdateTagsAsync(Me, form.ToInput(), ct), "/profile/edit/skills", "Tags");

    // ---------- Languages ----------

    [HttpGet("languages")]
    public async Task<IActionResult> Languages(CancellationToken ct) =>
        View(new LanguageForm { Languages = await profiles.LanguagesAsync(Me, ct) });

    [HttpPost("languages")]
    public Task<IActionResult> Languages(LanguageForm form, CancellationToken ct) =>
        SaveAsync(form, () => profiles.AddLanguageAsync(Me, form.ToInput(), ct), "/profile/edit/languages",
            prepare: async () => form.Languages = await profiles.LanguagesAsync(Me, ct));

    [HttpPost("languages/{id:guid}/delete")]
    public async Task<IActionResult> DeleteLanguage(Guid id, CancellationToken ct)
    {
        if (!await profiles.DeleteLanguageAsync(Me, id, ct))
            return NotFound();
        this.Success(l["ProfileEdit.Deleted"]);
        return Redirect("/profile/edit/languages");
    }

    // ---------- Web links ----------

    [HttpGet("links")]
    public async Task<IActionResult> Links(CancellationToken ct) =>
        View(new LinkForm { Links = await profiles.LinksAsync(Me, ct) });

    [HttpPost("links")]
    public Task<IActionResult> Links(LinkForm form, CancellationToken ct) =>
        SaveAsync(form, () => profiles.AddLinkAsync(Me, form.ToInput(), ct), "/profile/edit/links",
            prepare: async () => form.Links = await profiles.LinksAsync(Me, ct));

    [HttpPost("links/{id:guid}/delete")]
    public async Task<IActionResult> DeleteLink(Guid id, CancellationToken ct)
    {
        if (!await profiles.DeleteLinkAsync(Me, id, ct))
            return NotFound();
        this.Success(l["ProfileEdit.Deleted"]);
        return Redirect("/profile/edit/links");
    }

    // ---------- Contact details ----------

    [HttpGet("contact")]
    public async Task<IActionResult> Contact(CancellationToken ct) =>
        View(ContactForm.From(await profiles.OwnProfileAsync(Me, ct)));

    [HttpPost("contact")]
    public Task<IActionResult> Contact(ContactForm form, CancellationToken ct)
    {
        if (!form.TryBirthday(out var birthday))
            ModelState.AddModelError(nameof(form.Birthday), l["ProfileEdit.BirthdayFormat"]);
        return SaveAsync(form, () => profiles.UpdateContactAsync(Me, form.ToInput(birthday), ct), "/profile/edit/contact");
    }

    // ---------- Profile settings ----------

    [HttpGet("settings")]
    public async Task<IActionResult> Settings(CancellationToken ct) =>
        View(SettingsForm.From(await profiles.OwnProfileAsync(Me, ct)));

    [HttpPost("settings")]
    public Task<IActionResult> Settings(SettingsForm form, CancellationToken ct) =>
        SaveAsync(form, () => profiles.UpdateSettingsAsync(Me, form.ToInput(), ct), "/profile/edit/settings",
            prepare: async () => form.CurrentSlug = (await profiles.OwnProfileAsync(Me, ct)).Slug);

    // ---------- Helpers ----------

    /// <summary>
    /// Post/redirect/get: on success a message and back to the section, which shows what was saved; on a problem the
    /// same form again with every typed value and the message at each field.
    /// </summary>
    private async Task<IActionResult> SaveAsync(object form, Func<Task> save, string back, string? view = null,
        Func<Task>? prepare = null)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await save();
                this.Success(l["ProfileEdit.Saved"]);
                return Redirect(back);
            }
            catch (FormInputException ex)
            {
                AddProblems(ex);
            }
        }
        if (prepare is not null)
            await prepare();
        return view is null ? View(form) : View(view, form);
    }

    private void AddProblems(FormInputException ex)
    {
        foreach (var problem in ex.Problems)
            ModelState.AddModelError(problem.Field, l[problem.MessageKey, problem.Args]);
    }
}
