using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Stores;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Directory;
using Nop.Services.Orders;
using Nop.Services.Stores;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// Loads what every message shares from its key: the order, its store and that store's settings, the message's
/// language, the order's money and currency, and the shopper's address. Split out of
/// <see cref="PreorderMessageTokenBuilder"/>, which then only adds the tokens.
/// </summary>
public class PreorderMessageContextLoader
{
    private readonly CurrencySettings _currencySettings;
    private readonly IAddressService _addressService;
    private readonly ICurrencyService _currencyService;
    private readonly IOrderService _orderService;
    private readonly ISettingService _settingService;
    private readonly IStoreService _storeService;
    private readonly PreorderLedgerService _ledgerService;
    private readonly PreorderMessageFormatter _formatter;

    public PreorderMessageContextLoader(CurrencySettings currencySettings,
        IAddressService addressService,
        ICurrencyService currencyService,
        IOrderService orderService,
        ISettingService settingService,
        IStoreService storeService,
        PreorderLedgerService ledgerService,
        PreorderMessageFormatter formatter)
    {
        _currencySettings = currencySettings;
        _addressService = addressService;
        _currencyService = currencyService;
        _orderService = orderService;
        _settingService = settingService;
        _storeService = storeService;
        _ledgerService = ledgerService;
        _formatter = formatter;
    }

    /// <summary>
    /// Fills the shared part of the context for the order the message is about (the key's, or the one its kind picked
    /// for a key to a customer; 0: none); returns the store's settings and the order's account (null without an
    /// order), or sets <see cref="PreorderMessageContext.SkipReason"/> and returns nulls when there is nothing to send.
    /// </summary>
    public virtual async Task<(PreorderSettings settings, PreorderAccount account)> LoadAsync(PreorderMessageContext ctx, int orderId)
    {
        var key = ctx.Key;
        if (orderId > 0)
        {
            ctx.Order = await _orderService.GetOrderByIdAsync(orderId);
            if (ctx.Order == null || ctx.Order.Deleted)
                return Skip(ctx, "order not found");
        }

        ctx.Store = await StoreAsync(ctx.Order?.StoreId ?? key.StoreId);
        if (ctx.Store == null)
            return Skip(ctx, "no store");
        var settings = await _settingService.LoadSettingAsync<PreorderSettings>(ctx.Store.Id);
        await _formatter.UseLanguageAsync(ctx, ctx.Store.Id);

        PreorderAccount account = null;
        if (ctx.Order != null)
        {
            account = await _ledgerService.GetAccountAsync(ctx.Order.Id);
            if (account == null)
                return Skip(ctx, "not a pre-order");
            ctx.Balance = await _ledgerService.GetBalanceAsync(account);
            ctx.CurrencyCode = ctx.Order.CustomerCurrencyCode;
            ctx.CurrencyRate = account.CurrencyRate > 0m ? account.CurrencyRate : 1m;
            if (key.Kind.Audience == MessageAudience.Customer)
            {
                var address = await _addressService.GetAddressByIdAsync(ctx.Order.BillingAddressId);
                ctx.ToEmail = address?.Email;
                ctx.ToName = $"{address?.FirstName} {address?.LastName}".Trim();
                if (string.IsNullOrWhiteSpace(ctx.ToEmail))
                    return Skip(ctx, "no e-mail address on the order");
            }
            ctx.Add(PreorderMessageTokens.AccountLink, PreorderMessageTokenBuilder.StoreUrl(ctx, "customer/preorders"), true);
            ctx.Add(PreorderMessageTokens.AdminOrderLink, PreorderMessageTokenBuilder.StoreUrl(ctx, $"Admin/Order/Edit/{ctx.Order.Id}"), true);
        }
        else
            ctx.CurrencyCode = (await _currencyService.GetCurrencyByIdAsync(_currencySettings.PrimaryStoreCurrencyId))?.CurrencyCode;
        return (settings, account);
    }

    private static (PreorderSettings, PreorderAccount) Skip(PreorderMessageContext ctx, string reason)
    {
        ctx.SkipReason = reason;
        return (null, null);
    }

    private async Task<Store> StoreAsync(int storeId) =>
        (storeId > 0 ? await _storeService.GetStoreByIdAsync(storeId) : null) ?? (await _storeService.GetAllStoresAsync())?.FirstOrDefault();
}
