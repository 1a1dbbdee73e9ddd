using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Web.Features.Profiles;
using NetworkPlatform.Web.Infrastructure.Email;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Web.Features.ContactExport;

/// <summary>
/// "Export contacts": a page that explains both formats, and the two downloads. Only the signed-in member's own
/// contacts, each with only what that contact lets them see (<see cref="ContactExportService"/>).
/// </summary>
[Authorize]
[Route("contacts/export")]
public class ContactExportController(ContactExportService export, IOptions<AppOptions> app, TimeProvider time)
    : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();

    [HttpGet("contacts.vcf")]
    public async Task<IActionResult> VCard(CancellationToken ct)
    {
        var contacts = await export.ContactsAsync(User.IdOf(), ct);
        var text = new StringBuilder();
        foreach (var c in contacts)
        {
            text.Append(ProfileVCard.Card(c.UserId, c.Slug, c.Name, c.Employer, c.Position, c.Headline, c.Details,
                c.Links, c.PhotoFileId, app.Value.BaseUrl).ToVCard());
        }
        return Download(Encoding.UTF8.GetBytes(text.ToString()), "text/vcard; charset=utf-8", "vcf");
    }

    [HttpGet("contacts.csv")]
    public async Task<IActionResult> Csv(CancellationToken ct)
    {
        var contacts = await export.ContactsAsync(User.IdOf(), ct);
        var root = app.Value.BaseUrl.TrimEnd('/');
        var bytes = ConnectionsCsv.Write(contacts, c => root + ProfileUrls.Page(c.Slug));
        return Download(bytes, "text/csv; charset=utf-8", "csv");
    }

    private FileContentResult Download(byte[] bytes, string contentType, string extension)
    {
        // Personal data of other people: never kept by a shared cache.
        Response.Headers.CacheControl = "no-store";
        var day = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return File(bytes, contentType, $"contacts-{day}.{extension}");
    }
}
