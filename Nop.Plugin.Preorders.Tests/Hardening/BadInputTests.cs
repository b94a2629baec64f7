using System.Globalization;
using Autofac;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Customers;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Services.Security;
using NUnit.Framework;
using R = Nop.Plugin.Preorders.PreorderDefaults.Resources;

namespace Nop.Plugin.Preorders.Tests.Hardening;

/// <summary>
/// A table of bad inputs across settings, the product block, checkout, the balance page and admin actions.
/// Each one must be refused with a message that exists in English and Russian, and must change nothing
/// (a fingerprint of every plugin table is taken before and after).
/// </summary>
[TestFixture]
[NonParallelizable]
public class BadInputTests
{
    private TestDatabase _database;
    private PreorderTestHost _host;
    private Product _product;
    private Order _order;
    private Customer _owner;
    private PreorderLine _line;
    private string _token;
    private Order _otherOrder;
    private static int _tried;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _database = TestDatabase.CreateMigrated();
        var permissions = new Mock<IPermissionService>();
        permissions.Setup(p => p.AuthorizeAsync(It.IsAny<string>())).ReturnsAsync(true);
        permissions.Setup(p => p.AuthorizeAsync(It.IsAny<string>(), It.IsAny<Customer>())).ReturnsAsync(true);
        _host = new PreorderTestHost(_database, configure: b => b.RegisterInstance(permissions.Object));
        _host.Shop.CurrentCustomer = _host.Shop.AddCustomer();
        _product = await _host.PreorderProductAsync(cap: 10, price: 100m);
        _owner = _host.Shop.AddCustomer();
        _order = await _host.PlaceOrderAsync(_owner, (_product, 3));
        _otherOrder = await _host.PlaceOrderAsync(_product, 1);
        await _host.Resolve<BalancePaymentService>().ConfirmOfflineAsync(_order.Id, 60m, "DEP-1", 1, LedgerEntryKind.Deposit);
        _line = _host.Scope.Repository<PreorderLine>().Table.Single(l => l.OrderId == _order.Id);
        _token = await _host.Resolve<BalanceLinkService>().IssueAsync(_order.Id, 14);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        TestContext.Out.WriteLine($"bad inputs tried: {_tried}");
        _host.Dispose();
        _database.Dispose();
    }

    private string Fingerprint()
    {
        var s = _host.Scope;
        return string.Join("|",
            string.Join(",", s.Repository<PreorderProfile>().Table.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Cap}:{p.UpdatedOnUtc.Ticks}:{p.Enabled}")),
            string.Join(",", s.Repository<PreorderCapCounter>().Table.OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Cap}:{c.Sold}")),
            string.Join(",", s.Repository<PreorderLine>().Table.OrderBy(l => l.Id).Select(l => $"{l.Id}:{l.StateId}:{l.Version}:{l.ExtensionCount}")),
            string.Join(",", s.Repository<PreorderAccount>().Table.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.Version}:{a.PaidAmount}:{a.RefundedAmount}")),
            s.Repository<PreorderLedgerEntry>().Table.Count(),
            s.Repository<PreorderBalanceToken>().Table.Count(b => b.RevokedOnUtc == null),
            s.Repository<PreorderShipDateChange>().Table.Count(),
            s.Repository<PreorderInstallment>().Table.Sum(i => (decimal?)i.PaidAmount) ?? 0m);
    }

    public record BadInput(string Name, string Expected, Func<BadInputTests, Task<IEnumerable<string>>> Act)
    {
        public override string ToString() => Name;
    }

    private static BadInput Case(string name, string expected, Func<BadInputTests, Task<IEnumerable<string>>> act) => new(name, expected, act);

    private static async Task<IEnumerable<string>> Refused(Func<Task> action)
    {
        try
        {
            await action();
            return Array.Empty<string>();
        }
        catch (PreorderRuleException ex)
        {
            return new[] { ex.ResourceKey };
        }
    }

    private async Task<IEnumerable<string>> Settings(Action<PreorderConfigurationModel> change)
    {
        var service = _host.Resolve<PreorderConfigurationService>();
        var model = await service.PrepareModelAsync(0);
        change(model);
        return (await service.ValidateAsync(model)).Select(e => e.Error.ResourceKey);
    }

    private async Task<IEnumerable<string>> Profile(Action<PreorderProfile> change, Action<PreorderProfileEdit> edit = null)
    {
        var catalog = _host.Resolve<PreorderCatalogService>();
        var current = await catalog.GetProfileAsync(_product.Id);
        var profile = new PreorderProfile
        {
            ProductId = current.ProductId, Enabled = current.Enabled, Cap = current.Cap, PaymentModeId = current.PaymentModeId,
            ExpectedShipDateUtc = current.ExpectedShipDateUtc, WindowStartUtc = current.WindowStartUtc, WindowEndUtc = current.WindowEndUtc
        };
        change(profile);
        var request = new PreorderProfileEdit { Profile = profile };
        edit?.Invoke(request);
        return (await catalog.SaveAsync(request, 1)).Select(e => e.ResourceKey);
    }

    private IEnumerable<string> Form(params (string Field, string Value)[] fields)
    {
        var values = fields.ToDictionary(f => ProductPreorderForm.Prefix + f.Field, f => f.Value);
        values[ProductPreorderForm.PresentField] = "true";
        return ProductPreorderForm.Parse(_product.Id, name => values.GetValueOrDefault(name, string.Empty), TimeZoneInfo.Utc).Errors.Select(e => e.Error.ResourceKey);
    }

    private async Task<IEnumerable<string>> Admin(Func<PreorderAdminActionService, Task<AdminActionResult>> action)
    {
        var result = await action(_host.Resolve<PreorderAdminActionService>());
        Assert.That(result.Denied, Is.False);
        return result.Errors.Select(e => e.ResourceKey);
    }

    private static readonly string Long = new('x', 5000);

    public static IEnumerable<BadInput> Cases()
    {
        // settings
        yield return Case("settings: negative balance due days", R.SettingsRange, t => t.Settings(m => m.BalanceDueDays = -1));
        yield return Case("settings: huge grace period", R.SettingsRange, t => t.Settings(m => m.GracePeriodDays = 99999));
        yield return Case("settings: too many extensions", R.SettingsRange, t => t.Settings(m => m.MaxAutoExtensions = 500));
        yield return Case("settings: zero extension days", R.SettingsRange, t => t.Settings(m => m.ExtensionDays = 0));
        yield return Case("settings: zero link validity", R.SettingsRange, t => t.Settings(m => m.BalanceLinkValidDays = 0));
        yield return Case("settings: link validity above 90 days", R.SettingsRange, t => t.Settings(m => m.BalanceLinkValidDays = 91));
        yield return Case("settings: negative retries", R.SettingsRange, t => t.Settings(m => m.ChargeRetryCount = -3));
        yield return Case("settings: zero backoff", R.SettingsRange, t => t.Settings(m => m.ChargeRetryBackoffHours = 0));
        yield return Case("settings: negative surcharge", R.SettingsRange, t => t.Settings(m => m.PreorderSurcharge = -5m));
        yield return Case("settings: unknown mixed cart policy", R.ValueInvalid, t => t.Settings(m => m.MixedCartId = 99));
        yield return Case("settings: unknown payment mode", R.PaymentModeUnknown, t => t.Settings(m => m.DefaultPaymentModeId = 7));
        yield return Case("settings: unknown expiry policy", R.ValueInvalid, t => t.Settings(m => m.ExpiryPolicyId = 0));
        yield return Case("settings: deposit over 100 %", R.DepositPercentRange, t => t.Settings(m => m.DepositRule.Percent = 150m));
        yield return Case("settings: negative deposit", R.DepositPercentRange, t => t.Settings(m => m.DepositRule.Percent = -1m));
        yield return Case("settings: deposit minimum above maximum", R.DepositMinAboveMax, t => t.Settings(m => { m.DepositRule.MinAmount = 50m; m.DepositRule.MaxAmount = 10m; }));
        yield return Case("settings: zero installments", R.DepositInstallmentsRange, t => t.Settings(m => m.DepositRule.Installments = 0));
        // product block
        yield return Case("product: cap below units sold", R.CapBelowSold, t => t.Profile(p => p.Cap = 2));
        yield return Case("product: negative cap", R.CapNegative, t => t.Profile(p => p.Cap = -1));
        yield return Case("product: window end before start", R.WindowEndBeforeStart, t => t.Profile(p => { p.WindowStartUtc = DateTime.UtcNow.AddDays(5); p.WindowEndUtc = DateTime.UtcNow.AddDays(1); }));
        yield return Case("product: ship date in the past", R.ShipDateInPast, t => t.Profile(p => p.ExpectedShipDateUtc = new DateTime(2020, 1, 1)));
        yield return Case("product: unknown country", R.CountryUnknown, t => t.Profile(p => p.AllowedCountryCodes = "US,XX"));
        yield return Case("product: zero per-customer limit", R.PerCustomerLimitRange, t => t.Profile(p => p.PerCustomerLimit = 0));
        yield return Case("product: unknown payment mode", R.PaymentModeUnknown, t => t.Profile(p => p.PaymentModeId = 42));
        yield return Case("product: over-long note", R.TextTooLong, t => t.Profile(p => p.ShopperNote = Long));
        yield return Case("product: deposit over the price (120 %)", R.DepositPercentRange, t => t.Profile(_ => { }, e => e.DepositRule = new DepositRule { Percent = 120m }));
        yield return Case("product: negative variant cap", R.CapNegative, t => t.Profile(_ => { }, e => e.CombinationCaps[5] = -4));
        yield return Case("product form: non-numeric cap", R.ValueInvalid, t => Task.FromResult(t.Form(("Cap", "ten"))));
        yield return Case("product form: cap too large", R.ValueInvalid, t => Task.FromResult(t.Form(("Cap", "99999999999999"))));
        yield return Case("product form: non-numeric deposit", R.ValueInvalid, t => Task.FromResult(t.Form(("DepositRule.Percent", "20%%"))));
        yield return Case("product form: not a date", R.ValueInvalid, t => Task.FromResult(t.Form(("WindowStart", "31/31/2026"))));
        // checkout
        yield return Case("checkout: terms not accepted", R.TermsNotAccepted, async t =>
            (await t._host.Resolve<DepositPaymentService>().ValidatePaymentFormAsync(new FormCollection(new Dictionary<string, StringValues>()))).Select(e => Reverse(e)));
        yield return Case("checkout: deposit level not a number", R.DepositChoiceUnknown, async t =>
            (await t._host.Resolve<DepositPaymentService>().ValidatePaymentFormAsync(new FormCollection(new Dictionary<string, StringValues>
            {
                [PreorderDefaults.FormAcceptTerms] = "true", [PreorderDefaults.FormDepositChoice] = "<script>"
            }))).Select(e => Reverse(e)));
        // balance page and account
        yield return Case("balance: tampered token", R.LinkInvalid, t => Refused(() => t._host.Resolve<PreorderSelfService>().AuthorizeAsync(null, 0, (t._token[0] == 'a' ? "b" : "a") + t._token[1..])));
        yield return Case("balance: garbage token", R.LinkInvalid, t => Refused(() => t._host.Resolve<PreorderSelfService>().AuthorizeAsync(null, 0, "../../etc/passwd")));
        yield return Case("balance: token of another order", R.OrderNotFound, t => Refused(() => t._host.Resolve<PreorderSelfService>().AuthorizeAsync(null, t._otherOrder.Id, t._token)));
        yield return Case("account: another customer's order", R.OrderNotFound, t => Refused(() => t._host.Resolve<PreorderSelfService>().CancelAsync(t._host.Shop.AddCustomer(), t._order.Id, t._line.Id, null, (int)CancellationReason.NoLongerNeeded, null)));
        yield return Case("account: tampered line id", R.OrderNotFound, t => Refused(() => t._host.Resolve<PreorderSelfService>().CancelAsync(t._owner, t._order.Id, t._line.Id + 1000, null, (int)CancellationReason.NoLongerNeeded, null)));
        yield return Case("account: negative order id", R.OrderNotFound, t => Refused(() => t._host.Resolve<PreorderSelfService>().AuthorizeAsync(t._owner, -5, null)));
        yield return Case("account: extend a waiting pre-order", R.ExtensionNotAllowed, t => Refused(() => t._host.Resolve<PreorderSelfService>().ExtendAsync(t._owner, t._order.Id, t._line.Id, null)));
        // ledger and admin actions
        yield return Case("ledger: payment in another currency", R.CurrencyMismatch, t => Refused(() => t._host.Resolve<PreorderLedgerService>().RecordAsync(new LedgerRequest
            { OrderId = t._order.Id, Kind = LedgerEntryKind.Balance, Amount = 10m, CurrencyCode = "EUR", IdempotencyKey = "eur" })));
        yield return Case("ledger: zero amount", R.AmountInvalid, t => Refused(() => t._host.Resolve<PreorderLedgerService>().RecordAsync(new LedgerRequest
            { OrderId = t._order.Id, Kind = LedgerEntryKind.Balance, Amount = 0m, IdempotencyKey = "zero" })));
        yield return Case("ledger: absurd amount", R.AmountInvalid, t => Refused(() => t._host.Resolve<PreorderLedgerService>().RecordAsync(new LedgerRequest
            { OrderId = t._order.Id, Kind = LedgerEntryKind.Balance, Amount = 1e15m, IdempotencyKey = "huge" })));
        yield return Case("admin: negative payment", R.AmountInvalid, t => t.Admin(a => a.ConfirmPaymentAsync(t._order.Id, -10m, "REF", LedgerEntryKind.Balance)));
        yield return Case("admin: payment above what is due", R.AmountAboveOutstanding, t => t.Admin(a => a.ConfirmPaymentAsync(t._order.Id, 1_000_000m, "REF-BIG", LedgerEntryKind.Balance)));
        yield return Case("admin: payment without reference", R.ReferenceRequired, t => t.Admin(a => a.ConfirmPaymentAsync(t._order.Id, 10m, "  ", LedgerEntryKind.Balance)));
        yield return Case("admin: over-long reference", R.TextTooLong, t => t.Admin(a => a.ConfirmPaymentAsync(t._order.Id, 10m, Long, LedgerEntryKind.Balance)));
        yield return Case("admin: refund as a payment kind", R.PaymentKindInvalid, t => t.Admin(a => a.ConfirmPaymentAsync(t._order.Id, 10m, "REF", LedgerEntryKind.Refund)));
        yield return Case("admin: payment for a missing order", R.OrderNotFound, t => t.Admin(a => a.ConfirmPaymentAsync(987654, 10m, "REF", LedgerEntryKind.Balance)));
        yield return Case("admin: refund more than paid", R.RefundAboveHeld, t => t.Admin(a => a.RefundAsync(t._order.Id, 500m, "customer asked", 0)));
        yield return Case("admin: negative refund", R.AmountInvalid, t => t.Admin(a => a.RefundAsync(t._order.Id, -1m, "customer asked", 0)));
        yield return Case("admin: ship date change without reason", R.ReasonRequired, t => t.Admin(a => a.ChangeShipDateAsync(t._product.Id, DateTime.UtcNow.AddDays(90), " ", false)));
    }

    /// <summary>Messages that come back as text (checkout form errors) are mapped back to their key.</summary>
    private static string Reverse(string text) =>
        PreorderLocaleResources.All.FirstOrDefault(r => r.Value.En == text).Key ?? text;

    [TestCaseSource(nameof(Cases))]
    public async Task Is_refused_with_a_localized_message_and_changes_nothing(BadInput input)
    {
        Interlocked.Increment(ref _tried);
        var before = Fingerprint();

        var errors = (await input.Act(this)).ToList();

        Assert.That(errors, Does.Contain(input.Expected), input.Name);
        foreach (var key in errors.Where(k => k.StartsWith(PreorderDefaults.ResourcePrefix)))
        {
            Assert.That(PreorderLocaleResources.All.ContainsKey(key), Is.True, $"{key} has no text");
            Assert.That(PreorderLocaleResources.All[key].Ru, Is.Not.Empty);
        }
        Assert.That(Fingerprint(), Is.EqualTo(before), "nothing changed");
    }

    [Test]
    public void At_least_forty_bad_inputs_are_tried() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(40));
}
