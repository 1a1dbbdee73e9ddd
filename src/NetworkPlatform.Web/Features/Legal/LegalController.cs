using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NetworkPlatform.Web.Infrastructure.Markdown;

namespace NetworkPlatform.Web.Features.Legal;

/// <summary>
/// Where the operator's own legal texts live: a Markdown file per page and language, <c>imprint.de.md</c>,
/// <c>privacy.en.md</c>, <c>terms.de.md</c> and so on. A relative folder is taken from the app's content root.
/// </summary>
public class LegalOptions
{
    public const string Section = "Legal";

    public string? Folder { get; set; }
}

/// <summary>The three pages an operator in Germany must have, each in the reader's language where the file exists.</summary>
public enum LegalPage
{
    Imprint,
    Privacy,
    Terms,
}

public record LegalPageModel(LegalPage Page, IHtmlContent? Text, string ExpectedFile);

[AllowAnonymous]
public class LegalController(IOptions<LegalOptions> options, IWebHostEnvironment env) : Controller
{
    [HttpGet("/legal/imprint")]
    public Task<IActionResult> Imprint(CancellationToken ct) => ShowAsync(LegalPage.Imprint, ct);

    [HttpGet("/legal/privacy")]
    public Task<IActionResult> Privacy(CancellationToken ct) => ShowAsync(LegalPage.Privacy, ct);

    [HttpGet("/legal/terms")]
    public Task<IActionResult> Terms(CancellationToken ct) => ShowAsync(LegalPage.Terms, ct);

    /// <summary>The German names that people type.</summary>
    [HttpGet("/impressum")]
    public IActionResult Impressum() => RedirectPermanent("/legal/imprint");

    [HttpGet("/datenschutz")]
    public IActionResult Datenschutz() => RedirectPermanent("/legal/privacy");

    [HttpGet("/help")]
    public IActionResult Help() => View("Help");

    /// <summary>
    /// The reader's language first, then the other one (a German-only imprint is better than none); without either a
    /// placeholder that tells the operator which file to write.
    /// </summary>
    private async Task<IActionResult> ShowAsync(LegalPage page, CancellationToken ct)
    {
        var name = page.ToString().ToLowerInvariant();
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "de";
        var expected = $"{name}.{lang}.md";
        var folder = options.Value.Folder;
        if (!string.IsNullOrWhiteSpace(folder))
        {
            var root = Path.IsPathRooted(folder) ? folder : Path.Combine(env.ContentRootPath, folder);
            foreach (var candidate in new[] { lang, lang == "en" ? "de" : "en" })
            {
                var file = Path.Combine(root, $"{name}.{candidate}.md");
                if (System.IO.File.Exists(file))
                {
                    var markdown = await System.IO.File.ReadAllTextAsync(file, Encoding.UTF8, ct);
                    return View("Page", new LegalPageModel(page, SafeMarkdown.ToHtml(markdown, topHeadingLevel: 2), expected));
                }
            }
        }
        return View("Page", new LegalPageModel(page, null, expected));
    }
}
