using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.ContactImports;
using NetworkPlatform.Web.Features.Profiles;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.ContactImport;

public class ContactFileForm
{
    [Display(Name = "ContactImport.Field.File")]
    public IFormFile? File { get; set; }
}

public class ColumnsForm
{
    [Display(Name = "ContactImport.Field.NameColumn")]
    public int? NameColumn { get; set; }

    [Display(Name = "ContactImport.Field.EmailColumn")]
    public int? EmailColumn { get; set; }
}

public record ImportStartPage(ContactUpload? Latest, ImportAllowance Allowance);

public record ImportPage(ImportPreview Preview, ColumnsForm Columns, IReadOnlySet<int>? Requested, IReadOnlySet<int>? Invited)
{
    public ContactUpload Upload => Preview.Upload;
    public bool IsWorking => Upload.State is ContactUploadState.Reading or ContactUploadState.Sending;
}

/// <summary>
/// "Import contacts": upload a file, watch it being read, look at the preview, pick whom to ask and whom to invite.
/// Every id is checked against the member: another member's upload is answered 404.
/// </summary>
[Authorize]
[Route("contacts/import")]
public class ContactImportController(ContactImportService imports, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>The 5 MB file and the little form around it.</summary>
    public const long MaxRequestBytes = ContactFile.MaxBytes + 512 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        UploadLimitAttribute.ShowAt(this, nameof(ContactFileForm.File));
        return await StartPageAsync(ct);
    }

    private async Task<IActionResult> StartPageAsync(CancellationToken ct) =>
        View("Index", new ImportStartPage(await imports.LatestAsync(User.IdOf(), ct),
            await imports.AllowanceAsync(User.IdOf(), ct)));

    private string LimitMessage(ImportLimitException e) =>
        l["ContactImport.PerDayReached", e.PerDay, e.NextPossibleAt.ToLocalDateTime()];

    [HttpPost("")]
    [UploadLimit(MaxRequestBytes, ContactFile.MaxBytes, "ContactImport.TooLarge")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Upload(ContactFileForm form, CancellationToken ct)
    {
        var file = form.File;
        if (file is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(form.File), l["ContactImport.FileRequired"]);
            return await StartPageAsync(ct);
        }
        try
        {
            if (file.Length > ContactFile.MaxBytes)
                throw new ContactFileException("ContactImport.TooLarge", ContactFile.MaxBytes / 1024 / 1024);
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var id = await imports.StartAsync(User.IdOf(), file.FileName, buffer.ToArray(), ct);
            return Redirect($"/contacts/import/{id}");
        }
        catch (ContactFileException e)
        {
            ModelState.AddModelError(nameof(form.File), l[e.MessageKey, e.Args]);
            return await StartPageAsync(ct);
        }
        catch (ImportLimitException e)
        {
            ModelState.AddModelError(nameof(form.File), LimitMessage(e));
            return await StartPageAsync(ct);
        }
    }

    /// <summary>The preview; <c>?invite=all</c> ticks every address that can be invited (a link, so it needs no script).</summary>
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, string? invite, CancellationToken ct) =>
        await PageAsync(id, null, null, invite == "all" ? AllInvitable : null, ct);

    /// <summary>Stands for "every line": the page ticks each address that can be invited.</summary>
    internal static readonly IReadOnlySet<int> AllInvitable = new HashSet<int> { -1 };

    [HttpPost("{id:guid}/columns")]
    public async Task<IActionResult> Columns(Guid id, ColumnsForm form, CancellationToken ct)
    {
        var upload = await imports.GetAsync(User.IdOf(), id, ct);
        var count = ColumnCount(upload);
        if (form.EmailColumn is not { } email || email < 0 || email >= count)
            ModelState.AddModelError(nameof(form.EmailColumn), l["ContactImport.EmailColumnRequired"]);
        if (form.NameColumn is { } name && (name < 0 || name >= count))
            ModelState.AddModelError(nameof(form.NameColumn), l["ContactImport.NameColumnInvalid"]);
        else if (form.NameColumn is not null && form.NameColumn == form.EmailColumn)
            ModelState.AddModelError(nameof(form.NameColumn), l["ContactImport.SameColumn"]);
        if (!ModelState.IsValid)
            return await PageAsync(id, form, null, null, ct);
        try
        {
            await imports.MapColumnsAsync(User.IdOf(), id, form.NameColumn, form.EmailColumn!.Value, ct);
        }
        catch (ImportLimitException e)
        {
            ModelState.AddModelError(nameof(form.EmailColumn), LimitMessage(e));
            return await PageAsync(id, form, null, null, ct);
        }
        return Redirect($"/contacts/import/{id}");
    }

    /// <summary>
    /// The member's choice: one value per ticked line. A file of 10,000 contacts makes up to 10,000 values, more than
    /// ASP.NET Core's default of 1,024 form values, hence the higher limit on this action only.
    /// </summary>
    [HttpPost("{id:guid}/send")]
    [RequestFormLimits(ValueCountLimit = ContactFile.MaxContacts + 100)]
    public async Task<IActionResult> Send(Guid id, [FromForm(Name = "request")] List<int>? request,
        [FromForm(Name = "invite")] List<int>? invite, CancellationToken ct)
    {
        request ??= [];
        invite ??= [];
        // A tampered value (not a number) arrives as a model error: treated like nothing chosen, never a 500.
        ModelState.Clear();
        if (request.Count == 0 && invite.Count == 0)
        {
            ModelState.AddModelError("", l["ContactImport.NothingChosen"]);
            return await PageAsync(id, null, new HashSet<int>(), new HashSet<int>(), ct);
        }
        await imports.SendAsync(User.IdOf(), id, request.Take(ContactFile.MaxContacts).ToList(),
            invite.Take(ContactFile.MaxContacts).ToList(), CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, ct);
        return Redirect($"/contacts/import/{id}");
    }

    [HttpPost("{id:guid}/discard")]
    public async Task<IActionResult> Discard(Guid id, CancellationToken ct)
    {
        await imports.DiscardAsync(User.IdOf(), id, ct);
        this.Success(l["ContactImport.Discarded"]);
        return Redirect("/contacts/import");
    }

    private async Task<IActionResult> PageAsync(Guid id, ColumnsForm? columns, IReadOnlySet<int>? requested,
        IReadOnlySet<int>? invited, CancellationToken ct)
    {
        var preview = await imports.PreviewAsync(User.IdOf(), id, ct);
        columns ??= new ColumnsForm { NameColumn = preview.Upload.NameColumn, EmailColumn = preview.Upload.EmailColumn };
        return View("Show", new ImportPage(preview, columns, requested, invited));
    }

    private static int ColumnCount(ContactUpload upload) =>
        upload.Columns is null ? 0 : System.Text.Json.JsonSerializer.Deserialize<List<string>>(upload.Columns)?.Count ?? 0;
}

/// <summary>The unsubscribe link of an invitation mail: works without login, from the signed token alone.</summary>
[AllowAnonymous]
[Route("invitations/unsubscribe")]
public class InvitationsController(InvitationService invitations) : Controller
{
    [HttpGet("")]
    public IActionResult Unsubscribe(string? token)
    {
        ViewData["Robots"] = "noindex";
        var email = invitations.EmailFromToken(token);
        return View("Unsubscribe", new UnsubscribePage(email is null ? null : token, email, Done: false));
    }

    [HttpPost("")]
    public async Task<IActionResult> UnsubscribeConfirmed(string? token, CancellationToken ct)
    {
        ViewData["Robots"] = "noindex";
        var email = invitations.EmailFromToken(token);
        if (email is not null)
            await invitations.UnsubscribeAsync(email, ct);
        return View("Unsubscribe", new UnsubscribePage(email is null ? null : token, email, Done: email is not null));
    }
}

public record UnsubscribePage(string? Token, string? Email, bool Done);
