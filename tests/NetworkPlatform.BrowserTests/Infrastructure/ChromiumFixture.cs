using Microsoft.Playwright;

namespace NetworkPlatform.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium per test class (Debian's, from NP_CHROMIUM; Playwright's own browsers are never
/// downloaded). Each test gets a fresh context: its own cookies, locale and viewport.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not started.");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("NP_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>
    /// A new browser context on <paramref name="baseUrl"/>. BypassCSP: the app's CSP forbids inline scripts, and
    /// the tests inject axe-core as one; the app itself is still served with its real headers.
    /// <paramref name="javaScriptEnabled"/> false: the page as a visitor without scripts gets it (axe cannot run
    /// there: its checks wait on timers, which a page without scripts never fires; see <see cref="WithoutScripts"/>).
    /// </summary>
    /// <summary>The contexts made without JavaScript.</summary>
    public static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, object> WithoutScripts = new();

    public async Task<IBrowserContext> NewContextAsync(string baseUrl, string locale = "en-US",
        int width = 1280, int height = 900, bool javaScriptEnabled = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = true,
            JavaScriptEnabled = javaScriptEnabled,
        });
        context.SetDefaultTimeout(15_000);
        if (!javaScriptEnabled)
            WithoutScripts.Add(context, new object());
        return context;
    }
}
