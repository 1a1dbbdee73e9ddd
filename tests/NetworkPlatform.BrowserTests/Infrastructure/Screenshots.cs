using Microsoft.Playwright;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.BrowserTests.Infrastructure;

/// <summary>Full-page PNGs in artifacts/test/browser/, named by the step they show (01-landing.png, ...).</summary>
public static class Screenshots
{
    public static string Directory
    {
        get
        {
            var dir = Path.Combine(TestEnvironment.Artifacts, "browser");
            System.IO.Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static Task TakeAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, name + ".png"), FullPage = true });
}
