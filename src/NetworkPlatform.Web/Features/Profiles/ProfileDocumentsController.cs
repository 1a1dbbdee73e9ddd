using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Profiles;

/// <summary>Title, kind and visibility of a document: what the upload form and the edit form share.</summary>
public class DocumentDetailsModel
{
    [Display(Name = "ProfileDocuments.Field.Title")]
    [Required(ErrorMessage = "ProfileDocuments.TitleRequired")]
    [StringLength(ProfileDocumentService.TitleMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? Title { get; set; }

    [Display(Name = "ProfileDocuments.Field.Kind")]
    public DocumentKind Kind { get; set; } = DocumentKind.Certificate;

    [Display(Name = "ProfileDocuments.Field.Visibility")]
    public FieldVisibility Visibility { get; set; } = FieldVisibility.Members;
}

public class DocumentUploadModel : DocumentDetailsModel
{
    [Display(Name = "ProfileDocuments.Field.File")]
    public IFormFile? File { get; set; }
}

/// <summary>The documents page: the member's documents and the upload form (whose values are kept on an error).</summary>
public class DocumentsPage : DocumentUploadModel
{
    public IReadOnlyList<OwnDocument> Documents { get; set; } = [];
    public DocumentQuota Quota { get; set; } = new(0, ProfileDocument.FreeLimit, false);

    /// <summary>The free limit was hit: the message at the field links to premium.</summary>
    public bool ShowPremiumLink { get; set; }
}

public class DocumentEditPage : DocumentDetailsModel
{
    public Guid Id { get; set; }
    public string DisplayName { get; set; } = "";
}

/// <summary>
/// The member's documents (/profile/edit/documents: list, upload, edit, delete) and their download (/documents/{id})
/// for whoever may see them. Another member's id is answered 404, as an id that does not exist.
/// </summary>
[Authorize]
public class ProfileDocumentsController(ProfileDocumentService documents, IStringLocalizer<SharedResource> l)
    : Controller
{
    /// <summary>The 10 MB document, its title and the form around it.</summary>
    public const long MaxRequestBytes = 11 * 1024 * 1024;

    private const string PagePath = "/profile/edit/documents";

    [HttpGet(PagePath)]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        UploadLimitAttribute.ShowAt(this, nameof(DocumentUploadModel.File));
        // After a refused oversized upload: what was typed comes back.
        var typed = UploadLimitAttribute.TypedValues(this);
        var form = new DocumentUploadModel { Title = typed.GetValueOrDefault(nameof(DocumentUploadModel.Title)) };
        if (Enum.TryParse<DocumentKind>(typed.GetValueOrDefault(nameof(form.Kind)), out var kind) && Enum.IsDefined(kind))
            form.Kind = kind;
        if (Enum.TryParse<FieldVisibility>(typed.GetValueOrDefault(nameof(form.Visibility)), out var visibility) &&
            Enum.IsDefined(visibility))
            form.Visibility = visibility;
        return await PageAsync(form, ct);
    }

    [HttpPost(PagePath)]
    [UploadLimit(MaxRequestBytes, ProfileDocument.MaxBytes, "ProfileDocuments.TooLarge")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Upload(DocumentUploadModel model, CancellationToken ct)
    {
        if (model.File is not { Length: > 0 })
            ModelState.AddModelError(nameof(model.File), l["ProfileDocuments.FileRequired"]);
        if (!ModelState.IsValid)
            return await PageAsync(model, ct);
        try
        {
            await using var stream = model.File!.OpenReadStream();
            await documents.UploadAsync(User.IdOf(),
                new NewDocument(model.Title, model.Kind, model.Visibility, model.File.FileName), stream, ct);
        }
        catch (FileRefusedException e)
        {
            ModelState.AddModelError(nameof(model.File), l[e.MessageKey, e.Args]);
            return await PageAsync(model, ct, showPremium: e.MessageKey == "ProfileDocuments.LimitFree");
        }
        this.Success(l["ProfileDocuments.Uploaded", model.Title!.Trim()]);
        return Redirect(PagePath);
    }

    [HttpGet(PagePath + "/{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var doc = await documents.GetOwnAsync(User.IdOf(), id, ct);
        if (doc is null)
            return NotFound();
        return View(new DocumentEditPage
        {
            Id = doc.Id,
            DisplayName = doc.DisplayName,
            Title = doc.Title,
            Kind = doc.Kind,
            Visibility = doc.Visibility,
        });
    }

    [HttpPost(PagePath + "/{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, DocumentDetailsModel model, CancellationToken ct)
    {
        var doc = await documents.GetOwnAsync(User.IdOf(), id, ct);
        if (doc is null)
            return NotFound();
        if (!ModelState.IsValid)
        {
            return View(new DocumentEditPage
            {
                Id = doc.Id,
                DisplayName = doc.DisplayName,
                Title = model.Title,
                Kind = model.Kind,
                Visibility = model.Visibility,
            });
        }
        if (!await documents.UpdateAsync(User.IdOf(), id, model.Title, model.Kind, model.Visibility, ct))
            return NotFound();
        this.Success(l["ProfileDocuments.Saved", model.Title!.Trim()]);
        return Redirect(PagePath);
    }

    /// <summary>Asks first (works without JavaScript); the button on this page deletes.</summary>
    [HttpGet(PagePath + "/{id:guid}/delete")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct)
    {
        var doc = await documents.GetOwnAsync(User.IdOf(), id, ct);
        return doc is null ? NotFound() : View(doc);
    }

    [HttpPost(PagePath + "/{id:guid}/delete")]
    public async Task<IActionResult> DeleteConfirmed(Guid id, CancellationToken ct)
    {
        var doc = await documents.GetOwnAsync(User.IdOf(), id, ct);
        if (doc is null || !await documents.DeleteAsync(User.IdOf(), id, ct))
            return NotFound();
        this.Success(l["ProfileDocuments.Deleted", doc.Title]);
        return Redirect(PagePath);
    }

    /// <summary>
    /// The file, only for whoever may open the owner's profile and see this document; 404 (not 403) otherwise, so a
    /// refusal does not tell that the document exists. Always a download, never shown inline by the browser.
    /// </summary>
    [AllowAnonymous]
    [HttpGet("/documents/{id:guid}")]
    public async Task<IActionResult> Download(Guid id, CancellationToken ct)
    {
        Guid? viewer = User.Identity?.IsAuthenticated == true ? User.IdOf() : null;
        var file = await documents.DownloadAsync(id, viewer, ct);
        if (file is null)
            return NotFound();
        Response.Headers.ContentDisposition = FileNames.AttachmentHeader(file.FileName);
        CacheHeaders.Set(Response, "private, no-store");
        Response.Headers["X-Robots-Tag"] = "noindex";
        return File(file.Content, file.ContentType);
    }

    private async Task<IActionResult> PageAsync(DocumentUploadModel form, CancellationToken ct, bool showPremium = false)
    {
        var userId = User.IdOf();
        var page = new DocumentsPage
        {
            Title = form.Title,
            Kind = form.Kind,
            Visibility = form.Visibility,
            Documents = await documents.ListOwnAsync(userId, ct),
            Quota = await documents.QuotaAsync(userId, ct),
            ShowPremiumLink = showPremium,
        };
        return View("Index", page);
    }
}
