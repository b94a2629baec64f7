using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.E2E;

/// <summary>
/// One headless Debian Chromium for the whole run (Playwright drives it over CDP; no browser is downloaded).
/// When PREORDERS_E2E_BASE_URL is not set, every test is reported Ignored.
/// </summary>
[SetUpFixture]
public class Browser
{
    public const string NoShopReason = "PREORDERS_E2E_BASE_URL is not set: the end-to-end tier needs a running nopCommerce 4.90 shop (see e2e/run.sh)";

    public static IPlaywright Playwright { get; private set; }

    public static IBrowser Instance { get; private set; }

    /// <summary>Alerts the pages showed (nopCommerce's checkout reports some errors with alert()).</summary>
    public static readonly List<string> Dialogs = new();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (E2EConfig.BaseUrl == null)
            Assert.Ignore(NoShopReason);
        Directory.CreateDirectory(E2EConfig.OutDir);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Instance = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = E2EConfig.Chromium,
            Headless = !E2EConfig.Headed,
            Args = new[]
            {
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"
            }
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Instance != null)
            await Instance.CloseAsync();
        Playwright?.Dispose();
    }

    /// <summary>A fresh context (cookies of its own): one for the shop owner, one per shopper.</summary>
    public static async Task<IPage> NewPageAsync(List<string> pageErrors)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = E2EConfig.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 1000 },
            Locale = "en-US",
            AcceptDownloads = true
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(180_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) =>
        {
            lock (pageErrors)
                pageErrors.Add($"{page.Url}: {error}");
        };
        page.Dialog += async (_, dialog) =>
        {
            lock (Dialogs)
                Dialogs.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        return page;
    }
}

/// <summary>What a person does and sees on the shop's pages.</summary>
public static class Shop
{
    /// <summary>nopCommerce's error pages and Razor compile failures.</summary>
    private static readonly Regex ErrorText = new(
        @"error has occurred|internal error occurred|An unhandled exception|compilation failures|Page not found|The page you requested was not found",
        RegexOptions.IgnoreCase | RegexOptions.Compiled);

    /// <summary>A resource key of the plugin shown instead of its text.</summary>
    private static readonly Regex ResourceKey = new(@"Plugins\.Misc\.Preorders\.[A-Za-z][A-Za-z0-9.]*", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    public static async Task<IResponse> GotoAsync(IPage page, string path, bool check = true)
    {
        IResponse response;
        try
        {
            response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("ERR_ABORTED"))
        {
            // the page reloaded itself meanwhile (the plugin's admin pages reload after an action): go again
            await page.WaitForLoadStateAsync(LoadState.Load);
            response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        }
        if (check)
            await AssertPageOkAsync(page, path, response);
        return response;
    }

    /// <summary>The page is not an error page and shows no text key instead of a text.</summary>
    public static async Task AssertPageOkAsync(IPage page, string what, IResponse response = null)
    {
        if (response != null)
            Assert.That(response.Status, Is.LessThan(400), $"{what}: HTTP {response.Status} at {page.Url}");
        var text = await BodyTextAsync(page);
        var error = ErrorText.Match(text);
        Assert.That(error.Success, Is.False, $"{what}: error page at {page.Url}: \"{Around(text, error.Index)}\"");
        var keys = ResourceKey.Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.That(keys, Is.Empty, $"{what}: text keys shown instead of texts at {page.Url}");
    }

    public static async Task<string> BodyTextAsync(IPage page) =>
        await page.EvaluateAsync<string>("() => document.body ? document.body.innerText : ''");

    /// <summary>The element's text as written (textContent: not changed by CSS text-transform).</summary>
    public static async Task<string> TextAsync(ILocator locator) =>
        Regex.Replace(await locator.TextContentAsync() ?? string.Empty, @"\s+", " ").Trim();

    public static async Task ShotAsync(IPage page, string name)
    {
        var file = Path.Combine(E2EConfig.OutDir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, name);
    }

    public static async Task LoginAsync(IPage page, string email, string password, string returnUrl = "/")
    {
        await GotoAsync(page, "/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        if (await page.Locator("#Email").CountAsync() == 0)
            return;
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", password);
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.login-button"));
        Assert.That(await page.Locator(".ico-logout").CountAsync() + await page.Locator("a[href*='logout']").CountAsync(), Is.GreaterThan(0),
            $"login as {email}: not signed in, page says: {Clip(await BodyTextAsync(page))}");
    }

    /// <summary>The messages nopCommerce shows (notifications, validation).</summary>
    public static async Task<string> MessagesAsync(IPage page) =>
        await page.EvaluateAsync<string>(@"() => [...document.querySelectorAll('.alert, .validation-summary-errors, .field-validation-error, .bar-notification .content, .message-error')]
            .map(e => e.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' | ')");

    /// <summary>After nopCommerce restarts itself: wait until it answers again.</summary>
    public static async Task WaitForShopAsync(IPage page, string path, TimeSpan timeout)
    {
        await Task.Delay(6000);
        var until = DateTime.UtcNow + timeout;
        Exception last = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
                if (response != null && response.Status < 500 && !(await BodyTextAsync(page)).Contains("is starting", StringComparison.OrdinalIgnoreCase))
                    return;
            }
            catch (PlaywrightException ex)
            {
                last = ex;
            }
            await Task.Delay(3000);
        }
        Assert.Fail($"the shop did not come back within {timeout} at {path}: {last?.Message}");
    }

    public static int FirstNumber(string text)
    {
        var match = Regex.Match(text ?? string.Empty, @"\d+");
        return match.Success ? int.Parse(match.Value) : -1;
    }

    public static string Clip(string text, int max = 600)
    {
        text = Regex.Replace(text ?? string.Empty, @"\s+", " ").Trim();
        return text.Length <= max ? text : text[..max] + "…";
    }

    private static string Around(string text, int index) => Clip(text.Substring(Math.Max(0, index - 100), Math.Min(400, text.Length - Math.Max(0, index - 100))));
}
