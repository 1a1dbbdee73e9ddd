using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Web.Features.Profiles;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.ProfileImport;

public class ImportUploadModel
{
    [Display(Name = "ProfileImport.Field")]
    public IFormFile? Archive { get; set; }
}

/// <summary>The ticked sections and the read file, sealed in a protected field (nothing is stored between the steps).</summary>
public class ImportConfirmModel
{
    public string? Payload { get; set; }
    public bool Headline { get; set; }
    public bool Summary { get; set; }
    public bool Positions { get; set; }
    public bool Education { get; set; }
    public bool Skills { get; set; }
    public bool Languages { get; set; }
}

public record ImportPreviewPage(ImportPlan Plan, string Payload);

/// <summary>
/// "Import from LinkedIn": upload the data-export ZIP, see per section what would be filled in, tick the sections,
/// confirm. Between preview and confirmation the read data travel in a form field protected with ASP.NET's data
/// protection (encrypted and signed, bound to the member, valid for <see cref="PreviewLifetime"/>): no table, no
/// file, so nothing of the upload stays on the server. The confirmation computes the plan again against the profile
/// as it is then, so a second import (or a double click) adds nothing twice.
/// </summary>
[Authorize]
[Route("profile/edit/import")]
public class ProfileImportController(ProfileImportService import, IDataProtectionProvider protection,
    IStringLocalizer<SharedResource> l, TimeProvider time) : Controller
{
    public const long MaxRequestBytes = LinkedInProfileImport.MaxZipBytes + 1024 * 1024;
    public static readonly TimeSpan PreviewLifetime = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions SerializerOptions = new();

    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("NetworkPlatform.ProfileImport.Preview.v1").ToTimeLimitedDataProtector();

    [HttpGet("")]
    public IActionResult Upload()
    {
        UploadLimitAttribute.ShowAt(this, nameof(ImportUploadModel.Archive));
        return View("Upload", new ImportUploadModel());
    }

    [HttpPost("")]
    [UploadLimit(MaxRequestBytes, LinkedInProfileImport.MaxZipBytes, "ProfileImport.TooLarge")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Preview(ImportUploadModel model, CancellationToken ct)
    {
        if (model.Archive is not { Length: > 0 } file)
            return Refuse(l["ProfileImport.Required"]);
        if (file.Length > LinkedInProfileImport.MaxZipBytes)
            return Refuse(l["ProfileImport.TooLarge", Domain.Files.UploadedBytes.Megabytes(LinkedInProfileImport.MaxZipBytes)]);
        LinkedInProfile data;
        try
        {
            await using var upload = file.OpenReadStream();
            // ZipArchive needs a seekable stream; at most 20 MB, kept in memory only.
            using var copy = new MemoryStream((int)file.Length);
            await upload.CopyToAsync(copy, ct);
            copy.Position = 0;
            data = LinkedInProfileImport.Read(copy, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        }
        catch (ProfileImportException e)
        {
            return Refuse(l[e.Message, e.Args]);
        }
        var plan = await import.PlanAsync(User.IdOf(), data, ct);
        var payload = Protector.Protect(JsonSerializer.Serialize(new Sealed(User.IdOf(), data), SerializerOptions), PreviewLifetime);
        return View("Preview", new ImportPreviewPage(plan, payload));
    }

    [HttpPost("confirm")]
    public async Task<IActionResult> Confirm(ImportConfirmModel model, CancellationToken ct)
    {
        if (Unseal(model.Payload) is not { } data)
        {
            this.Error(l["ProfileImport.Expired"]);
            return Redirect("/profile/edit/import");
        }
        var choice = new ImportChoice(model.Headline, model.Summary, model.Positions, model.Education, model.Skills,
            model.Languages);
        if (!(choice.Headline || choice.Summary || choice.Positions || choice.Education || choice.Skills || choice.Languages))
        {
            ModelState.AddModelError("sections", l["ProfileImport.NothingChosen"]);
            return View("Preview", new ImportPreviewPage(await import.PlanAsync(User.IdOf(), data, ct), model.Payload!));
        }
        var result = await import.ApplyAsync(User.IdOf(), data, choice, ct);
        var message = result.Total == 0 ? l["ProfileImport.NothingNew"].Value : l["ProfileImport.Done", result.Total].Value;
        if (result.Notes.Count > 0)
            message += " " + l["ProfileImport.SomeSkipped", result.Notes.Count].Value;
        this.Success(message);
        return Redirect("/profile/edit");
    }

    private ViewResult Refuse(string message)
    {
        ModelState.AddModelError(nameof(ImportUploadModel.Archive), message);
        return View("Upload", new ImportUploadModel());
    }

    /// <summary>The data read at upload time, if the field is ours, unexpired, and made for this member.</summary>
    private LinkedInProfile? Unseal(string? payload)
    {
        if (string.IsNullOrEmpty(payload))
            return null;
        try
        {
            var sealedData = JsonSerializer.Deserialize<Sealed>(Protector.Unprotect(payload), SerializerOptions);
            return sealedData is not null && sealedData.UserId == User.IdOf() ? sealedData.Data : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private sealed record Sealed(Guid UserId, LinkedInProfile Data);
}
