using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nop.Plugin.Preorders.Farm;

/// <summary>What one shopper's checkout came to.</summary>
public enum CheckoutOutcome
{
    /// <summary>nopCommerce placed the order (the plugin may still refuse it at placement: read the order).</summary>
    Placed,
    /// <summary>Refused before an order existed (cart or confirm step) with a message.</summary>
    Refused,
    /// <summary>An error page, an exception message, or a step that did not answer as nopCommerce's pages do.</summary>
    Broken,
    /// <summary>nopCommerce's own transaction failed after it saved the order (see <see cref="Shopper.IsNopSerializationFailure"/>).</summary>
    NopFailedAfterSaving
}

public sealed record CheckoutResult(CheckoutOutcome Outcome, string Step, string Message, int OrderId, TimeSpan Elapsed, int Combination, int Quantity)
{
    public int ShopperIndex { get; init; }
}

/// <summary>
/// A shopper as a browser without a browser: one cookie jar (cookies ignore the port, so the jar follows the
/// shopper from node to node), the antiforgery token from the last page, and requests that alternate between
/// the farm's nodes, so every step may land on the other node than the one before.
/// </summary>
public sealed class Shopper : IDisposable
{
    private static readonly Regex TokenInput = new("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>", RegexOptions.Compiled);
    private static readonly Regex ValueAttr = new("value=\"([^\"]*)\"", RegexOptions.Compiled);
    private readonly HttpClient _client;
    private readonly IReadOnlyList<string> _nodes;
    private int _request;
    private string _token;

    public Shopper(string email, string password, IReadOnlyList<string> nodes, int firstNode)
    {
        Email = email;
        Password = password;
        _nodes = nodes;
        _request = firstNode;
        _client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(120)
        };
    }

    public string Email { get; }

    /// <summary>nopCommerce's messages when its own serializable transaction failed (not a refusal: the shopper tries again).</summary>
    public static bool IsNopSerializationFailure(string message) =>
        message != null && (message.Contains("The transaction has aborted", StringComparison.OrdinalIgnoreCase) || message.Contains("40001", StringComparison.Ordinal));

    public string Password { get; }

    /// <summary>Every response: node, path, status (for the error-page count).</summary>
    public List<(string Node, string Path, int Status)> Responses { get; } = new();

    private string NextNode() => _nodes[_request++ % _nodes.Count];

    public async Task<(int Status, string Body, string Location)> GetAsync(string path)
    {
        for (var hop = 0; hop < 6; hop++)
        {
            var node = NextNode();
            using var response = await _client.GetAsync(node + path);
            Record(node, path, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
                continue;
            }
            KeepToken(body);
            return ((int)response.StatusCode, body, path);
        }
        throw new InvalidOperationException("too many redirects from " + path);
    }

    public async Task<(int Status, string Body, string Location)> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form, bool ajax = false)
    {
        var node = NextNode();
        var fields = form.ToList();
        if (_token != null && fields.All(f => f.Key != "__RequestVerificationToken"))
            fields.Add(new("__RequestVerificationToken", _token));
        using var request = new HttpRequestMessage(HttpMethod.Post, node + path) { Content = new FormUrlEncodedContent(fields) };
        if (ajax)
            request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        using var response = await _client.SendAsync(request);
        Record(node, path, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;
        if (!ajax)
            KeepToken(body);
        return ((int)response.StatusCode, body, location);
    }

    private void Record(string node, string path, HttpStatusCode status)
    {
        lock (Responses)
            Responses.Add((node, path, (int)status));
    }

    private void KeepToken(string body)
    {
        var input = TokenInput.Match(body);
        if (input.Success && ValueAttr.Match(input.Value) is { Success: true } value)
            _token = value.Groups[1].Value;
    }

    /// <summary>Signs in through nopCommerce's login page.</summary>
    public async Task LoginAsync()
    {
        await GetAsync("/login");
        var (status, body, location) = await PostAsync("/login", new Dictionary<string, string>
        {
            ["Email"] = Email, ["Password"] = Password, ["RememberMe"] = "false"
        });
        if (status != 302)
            throw new InvalidOperationException($"login of {Email}: HTTP {status} {Messages(body)}");
        await GetAsync(location ?? "/");
    }

    /// <summary>Registers through nopCommerce's page (registered shoppers stay signed in).</summary>
    public async Task RegisterAsync(string firstName, string lastName)
    {
        await GetAsync("/register");
        var (status, body, location) = await PostAsync("/register", new Dictionary<string, string>
        {
            ["FirstName"] = firstName, ["LastName"] = lastName, ["Email"] = Email,
            ["Password"] = Password, ["ConfirmPassword"] = Password, ["register-button"] = ""
        });
        if (status != 302 || location == null || !location.Contains("registerresult", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"registration of {Email}: HTTP {status} {location} {Messages(body)}");
        await GetAsync(location);
    }

    /// <summary>
    /// The drop: the product page, "Pre-order" with the picked colour and quantity, then nopCommerce's one-page
    /// checkout (billing address, shipping method, the deposit method with Payments.Manual's card form and the
    /// terms, confirm). Every answer is read as the page's script would read it.
    /// </summary>
    public Task<CheckoutResult> CheckOutAsync(LaunchProduct product, int combination, int quantity, Address address) =>
        CheckOutAsync(product.ProductId, product.Slug, new Dictionary<string, string>
        {
            [$"product_attribute_{product.MappingId}"] = product.ValueIds[combination].ToString()
        }, quantity, address, combination);

    public async Task<CheckoutResult> CheckOutAsync(int productId, string slug, Dictionary<string, string> attributes, int quantity, Address address, int combination = 0,
        string paymentMethod = FarmConfig.PaymentMethod)
    {
        var clock = Stopwatch.StartNew();
        CheckoutResult Done(CheckoutOutcome outcome, string step, string message, int orderId = 0) =>
            new(outcome, step, message, orderId, clock.Elapsed, combination, quantity);

        var (status, body, _) = await GetAsync("/" + slug);
        if (status != 200)
            return Done(CheckoutOutcome.Broken, "product page", $"HTTP {status}");

        var form = new Dictionary<string, string>(attributes) { [$"addtocart_{productId}.EnteredQuantity"] = quantity.ToString() };
        var (addStatus, added, _) = await PostAsync($"/addproducttocart/details/{productId}/1", form, ajax: true);
        if (addStatus != 200)
            return Done(CheckoutOutcome.Broken, "add to cart", $"HTTP {addStatus}");
        using (var json = JsonDocument.Parse(added))
        {
            if (!json.RootElement.TryGetProperty("success", out var success) || !success.GetBoolean())
                return Done(CheckoutOutcome.Refused, "add to cart", JsonMessage(json.RootElement));
        }

        // the cart page's "Checkout": its checkout attributes (the sample shop's gift wrapping: the first option),
        // the terms, then nopCommerce's cart validation, which redisplays the cart with warnings when it refuses
        (status, body, _) = await GetAsync("/cart");
        if (status != 200)
            return Done(CheckoutOutcome.Broken, "cart", $"HTTP {status}");
        var cartForm = FormFields(body, lastOption: false).Where(f => f.Key.StartsWith("checkout_attribute_", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => f.Value);
        cartForm["termsofservice"] = "on";
        cartForm["checkout"] = "checkout";
        var (cartStatus, cartBody, cartLocation) = await PostAsync("/cart", cartForm);
        if (cartStatus == 200)
            return Done(CheckoutOutcome.Refused, "cart", Messages(cartBody));
        if (cartStatus != 302)
            return Done(CheckoutOutcome.Broken, "cart", $"HTTP {cartStatus}");

        (status, body, _) = await GetAsync("/onepagecheckout");
        if (status != 200 || !body.Contains("opc-billing", StringComparison.Ordinal))
            return Done(CheckoutOutcome.Broken, "checkout page", $"HTTP {status} {Messages(body)}");

        var step = await OpcAsync("/checkout/OpcSaveBilling", new Dictionary<string, string>
        {
            ["BillingNewAddress.FirstName"] = address.FirstName, ["BillingNewAddress.LastName"] = address.LastName,
            ["BillingNewAddress.Email"] = Email, ["BillingNewAddress.CountryId"] = address.CountryId.ToString(),
            ["BillingNewAddress.StateProvinceId"] = address.StateId.ToString(), ["BillingNewAddress.City"] = "Springfield",
            ["BillingNewAddress.Address1"] = "1 Main St", ["BillingNewAddress.ZipPostalCode"] = "10001",
            ["BillingNewAddress.PhoneNumber"] = "5550100", ["ShipToSameAddress"] = "true"
        });
        if (step.Failure is { } billingFailure)
            return Done(billingFailure.Outcome, "billing", billingFailure.Message);

        var shippingOption = Regex.Match(step.Html ?? "", "name=\"shippingoption\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        if (shippingOption.Length == 0)
            return Done(CheckoutOutcome.Broken, "shipping method", "no shipping option offered: " + Clip(step.Html));
        step = await OpcAsync("/checkout/OpcSaveShippingMethod", new Dictionary<string, string> { ["shippingoption"] = WebUtility.HtmlDecode(shippingOption) });
        if (step.Failure is { } shippingFailure)
            return Done(shippingFailure.Outcome, "shipping method", shippingFailure.Message);

        if (!(step.Html ?? "").Contains($"value=\"{paymentMethod}\"", StringComparison.Ordinal))
            return Done(CheckoutOutcome.Broken, "payment method", paymentMethod + " is not offered: " + Clip(step.Html));
        step = await OpcAsync("/checkout/OpcSavePaymentMethod", new Dictionary<string, string> { ["paymentmethod"] = paymentMethod });
        if (step.Failure is { } methodFailure)
            return Done(methodFailure.Outcome, "payment method", methodFailure.Message);

        var info = FormFields(step.Html ?? "");
        info["CardholderName"] = $"{address.FirstName} {address.LastName}";
        info["CardNumber"] = "4111111111111111";
        info["CardCode"] = "123";
        info["preorders-accept-terms"] = "true";
        step = await OpcAsync("/checkout/OpcSavePaymentInfo", info);
        if (step.Failure is { } infoFailure)
            return Done(infoFailure.Outcome, "payment info", infoFailure.Message);

        step = await OpcAsync("/checkout/OpcConfirmOrder", new Dictionary<string, string>());
        // nopCommerce clears the cart in a serializable TransactionScope; on PostgreSQL concurrent checkouts make it
        // fail now and then (40001) after it took the payment and saved the order, and before its OrderPlacedEvent:
        // the shopper reads nopCommerce's error, the order is in their account, the plugin's reconciliation places it
        if (step.Failure is { } nopFailure && IsNopSerializationFailure(nopFailure.Message))
            return Done(CheckoutOutcome.NopFailedAfterSaving, "confirm", nopFailure.Message);
        if (step.Failure is { } confirmFailure)
            return Done(confirmFailure.Outcome, "confirm", confirmFailure.Message);
        if (!step.Success)
            return Done(CheckoutOutcome.Broken, "confirm", "no success and no message: " + Clip(step.Html));

        (status, body, _) = await GetAsync("/checkout/completed");
        var orderId = Regex.Match(body, "orderdetails/(\\d+)") is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;
        if (status != 200 || orderId == 0)
            return Done(CheckoutOutcome.Broken, "completed page", $"HTTP {status}, no order link");
        return Done(CheckoutOutcome.Placed, "completed", null, orderId);
    }

    /// <summary>An order's details page as the shopper sees it.</summary>
    public async Task<string> OrderPageAsync(int orderId) => (await GetAsync($"/orderdetails/{orderId}")).Body;

    private sealed record OpcStep(bool Success, string Html, (CheckoutOutcome Outcome, string Message)? Failure);

    /// <summary>
    /// One one-page-checkout step. nopCommerce answers JSON: the next section's html, <c>success</c>, or an error
    /// (<c>error</c> + <c>message</c>: nopCommerce caught an exception and logged it) or warnings in the section's
    /// html (a refusal the shopper reads).
    /// </summary>
    private async Task<OpcStep> OpcAsync(string path, Dictionary<string, string> form)
    {
        var (status, body, _) = await PostAsync(path, form, ajax: true);
        if (status != 200)
            return new(false, null, (CheckoutOutcome.Broken, $"HTTP {status}"));
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return new(false, null, (CheckoutOutcome.Broken, "not JSON: " + Clip(body)));
        }
        var html = root.TryGetProperty("update_section", out var section) && section.TryGetProperty("html", out var h) ? h.GetString() : null;
        if (root.TryGetProperty("error", out _))
            // nopCommerce's catch-all: the exception's message shown to the shopper (and logged as a warning); the
            // cart's warnings at confirm come this way too, so whose words they are is judged by the caller
            return new(false, html, (CheckoutOutcome.Refused, JsonMessage(root)));
        var success = root.TryGetProperty("success", out _) || root.TryGetProperty("redirect", out _);
        var warnings = Regex.Matches(html ?? "", "<li>([^<]+)</li>").Select(w => WebUtility.HtmlDecode(w.Groups[1].Value.Trim())).ToList();
        if (!success && html != null && Regex.IsMatch(html, "message-error|validation-summary-errors") && warnings.Count > 0)
            return new(false, html, (CheckoutOutcome.Refused, string.Join(" | ", warnings)));
        return new(success, html, null);
    }

    /// <summary>Inputs, checked radios/boxes and selects of a form's html with the values a browser would post.</summary>
    private static Dictionary<string, string> FormFields(string html, bool lastOption = true)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in Regex.Matches(html, "<input[^>]*>"))
        {
            var name = Attr(input.Value, "name");
            if (name == null)
                continue;
            var type = Attr(input.Value, "type") ?? "text";
            if (type is "radio" or "checkbox" && !input.Value.Contains("checked", StringComparison.Ordinal))
                continue;
            fields[name] = WebUtility.HtmlDecode(Attr(input.Value, "value") ?? "");
        }
        foreach (Match select in Regex.Matches(html, "<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline))
        {
            var options = Regex.Matches(select.Groups[2].Value, "<option[^>]*value=\"([^\"]*)\"[^>]*>").Select(o => o.Groups[1].Value).Where(v => v.Length > 0 && v != "0").ToList();
            if (options.Count > 0)
                // the card form: the last year, a card that has not expired
                fields[select.Groups[1].Value] = lastOption ? options[^1] : options[0];
        }
        return fields;
    }

    private static string Attr(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    private static string JsonMessage(JsonElement root)
    {
        if (!root.TryGetProperty("message", out var message))
            return "";
        return message.ValueKind == JsonValueKind.Array
            ? string.Join(" | ", message.EnumerateArray().Select(m => m.ToString()))
            : message.ToString();
    }

    public static string Messages(string html) =>
        string.Join(" | ", Regex.Matches(html ?? "", "<li>([^<]+)</li>|class=\"(?:message-error|field-validation-error)[^\"]*\"[^>]*>([^<]*)<")
            .Select(m => (m.Groups[1].Value + m.Groups[2].Value).Trim()).Where(s => s.Length > 0).Take(5));

    public static string Clip(string text, int length = 300) =>
        text == null ? "" : text.Length <= length ? text : text[..length] + "…";

    public void Dispose() => _client.Dispose();
}

public sealed record Address(string FirstName, string LastName, int CountryId, int StateId);
