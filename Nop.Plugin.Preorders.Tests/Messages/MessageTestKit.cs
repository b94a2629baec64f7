using System.Collections.Concurrent;
using System.Globalization;
using Autofac;
using Moq;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Common;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Messages;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Stores;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Catalog;
using Nop.Services.Common;
using Nop.Services.Directory;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Security;
using Nop.Services.Stores;

using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Messages;

/// <summary>An e-mail handed to nopCommerce's queue (IWorkflowMessageService.SendNotificationAsync).</summary>
public sealed record QueuedMessage(int QueuedEmailId, string Template, int LanguageId, IReadOnlyDictionary<string, object> Tokens,
    IReadOnlyDictionary<string, bool> NeverEncoded, string ToEmail, string ToName, int EmailAccountId)
{
    public string this[string token] => Tokens.TryGetValue(token, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
}

/// <summary>
/// nopCommerce's messaging side for the tests: active templates per name, an e-mail account, stores and
/// languages, billing addresses with e-mails, a price formatter, and a recording queue. Shared by every host
/// of a test (web-farm nodes see one queue). Everything else comes from <see cref="PreorderTestHost"/>.
/// </summary>
public sealed class MessageTestKit
{
    public const string OwnerEmail = "owner@shop.test";
    public const string ShopperEmail = "ann@example.test";
    public const int AdminId = 4242;

    private int _queuedEmailId;

    public ConcurrentQueue<QueuedMessage> Queued { get; } = new();

    /// <summary>Templates the merchant switched off.</summary>
    public ConcurrentDictionary<string, bool> Inactive { get; } = new();

    /// <summary>The next N queue calls throw (an SMTP-less failure: the database refused the queued e-mail).</summary>
    public int FailuresLeft;

    public Language English { get; } = new() { Id = 1, Name = "English", LanguageCulture = "en-US", Published = true };

    public Language Russian { get; } = new() { Id = 2, Name = "Русский", LanguageCulture = "ru-RU", Published = true };

    public EmailAccount Account { get; } = new() { Id = 7, Email = OwnerEmail, DisplayName = "Test shop" };

    public IEnumerable<QueuedMessage> Of(PreorderMessageKind kind) => Queued.Where(m => m.Template == kind.TemplateName);

    public QueuedMessage Single(PreorderMessageKind kind)
    {
        var list = Of(kind).ToList();
        NUnit.Framework.Assert.That(list, NUnit.Framework.Has.Count.EqualTo(1), $"exactly one {kind.Code} message");
        return list[0];
    }

    public PreorderTestHost NewHost(TestDatabase database, FakeShop shop = null)
    {
        shop ??= new FakeShop();
        shop.Settings.DailyDigestEnabled = false;
        return new PreorderTestHost(database, shop, configure: builder => Register(builder, shop));
    }

    /// <summary>
    /// A host with a signed-in store admin holding the plugin's view and manage permissions (nopCommerce's permission
    /// service mocked on the plugin's permission names, as the admin tests do), for flows started by admin actions.
    /// </summary>
    public PreorderTestHost NewAdminHost(TestDatabase database, FakeShop shop = null)
    {
        shop ??= new FakeShop();
        shop.Settings.DailyDigestEnabled = false;
        var admin = new Customer { Id = AdminId, Email = "staff@shop.test", Active = true };
        shop.Customers[admin.Id] = admin;
        shop.CurrentCustomer = admin;
        var granted = new HashSet<string> { PreorderDefaults.Permissions.View, PreorderDefaults.Permissions.Manage };
        var permissions = new Mock<IPermissionService>();
        permissions.Setup(p => p.AuthorizeAsync(It.IsAny<string>())).ReturnsAsync((string name) => granted.Contains(name));
        permissions.Setup(p => p.AuthorizeAsync(It.IsAny<string>(), It.IsAny<Customer>())).ReturnsAsync((string name, Customer _) => granted.Contains(name));
        return new PreorderTestHost(database, shop, configure: builder =>
        {
            Register(builder, shop);
            builder.RegisterInstance(permissions.Object).As<IPermissionService>();
        });
    }

    public void Register(ContainerBuilder builder, FakeShop shop)
    {
        var templates = new Mock<IMessageTemplateService>();
        templates.Setup(t => t.GetMessageTemplatesByNameAsync(It.IsAny<string>(), It.IsAny<int?>()))
            .ReturnsAsync((string name, int? _) => (IList<MessageTemplate>)new List<MessageTemplate>
            {
                new() { Id = Math.Abs(name.GetHashCode()) % 10000 + 1, Name = name, Subject = name, Body = name, IsActive = !Inactive.ContainsKey(name), EmailAccountId = Account.Id }
            });
        builder.RegisterInstance(templates.Object);

        var accounts = new Mock<IEmailAccountService>();
        accounts.Setup(a => a.GetEmailAccountByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => id == Account.Id ? Account : null);
        accounts.Setup(a => a.GetAllEmailAccountsAsync()).ReturnsAsync(new List<EmailAccount> { Account });
        builder.RegisterInstance(accounts.Object);

        var stores = new Mock<IStoreService>();
        stores.Setup(s => s.GetStoreByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => id == shop.Store.Id ? shop.Store : null);
        stores.Setup(s => s.GetAllStoresAsync()).ReturnsAsync(new List<Store> { shop.Store });
        builder.RegisterInstance(stores.Object);

        var languages = new Mock<ILanguageService>();
        languages.Setup(l => l.GetLanguageByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => id == Russian.Id ? Russian : English);
        languages.Setup(l => l.GetAllLanguagesAsync(It.IsAny<bool>(), It.IsAny<int>())).ReturnsAsync(new List<Language> { English, Russian });
        builder.RegisterInstance(languages.Object);

        var addresses = new Mock<IAddressService>();
        addresses.Setup(a => a.GetAddressByIdAsync(It.IsAny<int>())).ReturnsAsync(new Address { Id = 1, FirstName = "Ann", LastName = "Lee", Email = ShopperEmail });
        builder.RegisterInstance(addresses.Object);

        // the primary store currency (digest amounts), next to what the shop's fake already answers
        builder.RegisterInstance(new CurrencySettings { PrimaryStoreCurrencyId = shop.Currencies[0].Id });
        var currencies = new Mock<ICurrencyService>();
        currencies.Setup(c => c.GetCurrencyByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => shop.Currencies.FirstOrDefault(c => c.Id == id));
        currencies.Setup(c => c.GetCurrencyByCodeAsync(It.IsAny<string>())).ReturnsAsync((string code) => shop.Currencies.FirstOrDefault(c => c.CurrencyCode == code));
        currencies.Setup(c => c.ConvertFromPrimaryStoreCurrencyAsync(It.IsAny<decimal>(), It.IsAny<Currency>())).ReturnsAsync((decimal a, Currency c) => a * c.Rate);
        builder.RegisterInstance(currencies.Object);

        var prices = new Mock<IPriceFormatter>();
        prices.Setup(p => p.FormatPriceAsync(It.IsAny<decimal>())).ReturnsAsync((decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture));
        prices.Setup(p => p.FormatPriceAsync(It.IsAny<decimal>(), It.IsAny<bool>(), It.IsAny<Currency>()))
            .ReturnsAsync((decimal v, bool _, Currency c) => $"{v.ToString("0.00", CultureInfo.InvariantCulture)} {c?.CurrencyCode}");
        prices.Setup(p => p.FormatPriceAsync(It.IsAny<decimal>(), It.IsAny<bool>(), It.IsAny<string>(), It.IsAny<int>(), It.IsAny<bool>()))
            .ReturnsAsync((decimal v, bool _, string code, int _, bool _) => $"{v.ToString("0.00", CultureInfo.InvariantCulture)} {code}");
        builder.RegisterInstance(prices.Object);

        // nopCommerce's own tokens: one of each group, to show they reach the e-mail with ours
        var tokenProvider = new Mock<IMessageTokenProvider>();
        tokenProvider.Setup(t => t.AddStoreTokensAsync(It.IsAny<IList<Token>>(), It.IsAny<Store>(), It.IsAny<EmailAccount>(), It.IsAny<int>()))
            .Callback((IList<Token> tokens, Store store, EmailAccount _, int _) => tokens.Add(new Token("Store.Name", store.Name)))
            .Returns(Task.CompletedTask);
        tokenProvider.Setup(t => t.AddOrderTokensAsync(It.IsAny<IList<Token>>(), It.IsAny<Order>(), It.IsAny<int>(), It.IsAny<int>()))
            .Callback((IList<Token> tokens, Order order, int _, int _) => tokens.Add(new Token("Order.OrderNumber", order.CustomOrderNumber)))
            .Returns(Task.CompletedTask);
        builder.RegisterInstance(tokenProvider.Object);

        var workflow = new Mock<IWorkflowMessageService>();
        workflow.Setup(w => w.SendNotificationAsync(It.IsAny<MessageTemplate>(), It.IsAny<EmailAccount>(), It.IsAny<int>(), It.IsAny<IList<Token>>(),
                It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(),
                It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<bool>()))
            .Returns((MessageTemplate template, EmailAccount account, int languageId, IList<Token> tokens, string toEmail, string toName,
                string _, string _, string _, string _, string _, string _, string _, bool _) =>
            {
                if (Interlocked.Decrement(ref FailuresLeft) >= 0)
                    throw new InvalidOperationException("queue unavailable");
                var id = Interlocked.Increment(ref _queuedEmailId);
                var values = new Dictionary<string, object>();
                var encoding = new Dictionary<string, bool>();
                foreach (var token in tokens)
                {
                    values[token.Key] = token.Value;
                    encoding[token.Key] = token.NeverHtmlEncoded;
                }
                Queued.Enqueue(new QueuedMessage(id, template.Name, languageId, values, encoding, toEmail, toName, account.Id));
                return Task.FromResult(id);
            });
        builder.RegisterInstance(workflow.Object);
    }

    /// <summary>A pre-order product with a name of its own.</summary>
    public static async Task<Product> ProductAsync(PreorderTestHost host, string name, int? cap = 10, PreorderPaymentMode mode = PreorderPaymentMode.Deposit, decimal price = 100m)
    {
        var product = await host.PreorderProductAsync(cap: cap, mode: mode, price: price);
        product.Name = name;
        return product;
    }

    public static string DateText(DateTime utc) => utc.ToString("D", CultureInfo.GetCultureInfo("en-US"));
}

/// <summary>A fresh migrated database (from <see cref="DatabaseTest"/>) and a fresh message kit per test.</summary>
public abstract class MessageTest : DatabaseTest
{
    protected MessageTestKit Kit { get; private set; }

    [SetUp]
    public void CreateKit() => Kit = new MessageTestKit();
}
