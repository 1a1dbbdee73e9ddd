using System.ComponentModel.DataAnnotations;
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

public class PhotoUploadModel
{
    [Display(Name = "ProfilePhoto.Field")]
    public IFormFile? Photo { get; set; }
}

public record PhotoPage(PhotoOwner Owner, bool Resizes);

/// <summary>The member's photo: upload, replace, remove (/profile/edit/photo), and serving it to those who may see it.</summary>
[Authorize]
public class ProfilePhotoController(ProfilePhotoService photos, IImageResizer resizer, IStringLocalizer<SharedResource> l)
    : Controller
{
    /// <summary>The 5 MB photo and the form around it.</summary>
    public const long MaxRequestBytes = 6 * 1024 * 1024;

    private const string PagePath = "/profile/edit/photo";

    [HttpGet(PagePath)]
    public async Task<IActionResult> Edit(CancellationToken ct)
    {
        UploadLimitAttribute.ShowAt(this, nameof(PhotoUploadModel.Photo));
        return await PageAsync(ct);
    }

    [HttpPost(PagePath)]
    [UploadLimit(MaxRequestBytes, ProfilePhotoService.MaxBytes, "ProfilePhoto.TooLarge")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Upload(PhotoUploadModel model, CancellationToken ct)
    {
        if (model.Photo is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(model.Photo), l["ProfilePhoto.Required"]);
            return await PageAsync(ct);
        }
        try
        {
            await using var stream = model.Photo.OpenReadStream();
            await photos.UploadAsync(User.IdOf(), stream, ct);
        }
        catch (FileRefusedException e)
        {
            ModelState.AddModelError(nameof(model.Photo), l[e.MessageKey, e.Args]);
            return await PageAsync(ct);
        }
        this.Success(l["ProfilePhoto.Saved"]);
        return Redirect(PagePath);
    }

    /// <summary>Asks first (works without JavaScript); the button on this page removes the photo.</summary>
    [HttpGet(PagePath + "/remove")]
    public async Task<IActionResult> Remove(CancellationToken ct)
    {
        var owner = await photos.ForEditAsync(User.IdOf(), ct);
        if (owner?.PhotoFileId is null)
            return Redirect(PagePath);
        return View(new PhotoPage(owner, resizer.Resizes));
    }

    [HttpPost(PagePath + "/remove")]
    public async Task<IActionResult> RemoveConfirmed(CancellationToken ct)
    {
        if (await photos.RemoveAsync(User.IdOf(), ct))
            this.Success(l["ProfilePhoto.Removed"]);
        return Redirect(PagePath);
    }

    /// <summary>
    /// The photo, for whoever may open the profile (anonymous visitors only for public ones); 404 for everyone else,
    /// as for a member without a photo. Avatar links carry ?v= of the current photo, so those answers may be kept
    /// for a year: a new photo has a new address.
    /// </summary>
    [AllowAnonymous]
    [HttpGet("/photos/{userId:guid}/{variant}")]
    public async Task<IActionResult> Serve(Guid userId, string variant, string? v, CancellationToken ct)
    {
        if (variant is not ("small" or "large"))
            return NotFound();
        Guid? viewer = User.Identity?.IsAuthenticated == true ? User.IdOf() : null;
        var photo = await photos.ForViewerAsync(userId, variant == "small", viewer, ct);
        if (photo is null)
            return NotFound();
        var current = photo.PhotoFileId.ToString("N")[..8];
        // "private": whether a photo may be seen depends on who asks, so no shared cache may keep it.
        CacheHeaders.Set(Response, string.Equals(v, current, StringComparison.OrdinalIgnoreCase)
            ? "private, max-age=31536000, immutable"
            : "private, max-age=300");
        Response.Headers.ContentDisposition = "inline";
        return File(photo.Content, photo.ContentType);
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        var owner = await photos.ForEditAsync(User.IdOf(), ct);
        if (owner is null)
            return NotFound();
        return View("Edit", new PhotoPage(owner, resizer.Resizes));
    }
}
