using System.Globalization;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Services.Catalog;
using Nop.Services.Localization;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The store owner's product alerts: the pre-order cap reached or nearly reached, and the window about to close.
/// </summary>
public class StoreAlertMessageTokens : IPreorderKindTokens
{
    private readonly ILocalizationService _localizationService;
    private readonly IProductService _productService;
    private readonly IRepository<PreorderCapCounter> _counterRepository;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly Dictionary<string, Func<PreorderMessageContext, PreorderAccount, PreorderSettings, DateTime, PreorderMessageTokenBuilder, Task>> _kinds;

    public StoreAlertMessageTokens(ILocalizationService localizationService, IProductService productService, IRepository<PreorderCapCounter> counterRepository, IRepository<PreorderProfile> profileRepository)
    {
        _localizationService = localizationService;
        _productService = productService;
        _counterRepository = counterRepository;
        _profileRepository = profileRepository;
        _kinds = new()
        {
            [PreorderMessageKinds.StoreCapReached.Code] = CapReachedAsync,
            [PreorderMessageKinds.StoreCapNearlyReached.Code] = CapReachedAsync,
            [PreorderMessageKinds.StoreWindowClosing.Code] = WindowClosingAsync,
        };
    }

    public virtual bool Handles(string kindCode) => _kinds.ContainsKey(kindCode);

    public virtual Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder) =>
        _kinds[ctx.Key.Kind.Code](ctx, account, settings, nowUtc, builder);

    protected virtual async Task CapReachedAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var productId = ctx.Key.ProductId;
        var product = await _productService.GetProductByIdAsync(productId);
        var counter = await _counterRepository.Table.Where(c => c.ProductId == productId && c.CombinationId == 0).FirstOrDefaultAsync();
        if (product == null || counter == null)
        {
            ctx.SkipReason = "product not found";
            return;
        }
        ctx.Add(PreorderMessageTokens.Product, await _localizationService.GetLocalizedAsync(product, p => p.Name, ctx.LanguageId));
        ctx.Add(PreorderMessageTokens.Cap, counter.Cap?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        ctx.Add(PreorderMessageTokens.UnitsSold, counter.Sold);
        ctx.Add(PreorderMessageTokens.UnitsLeft, counter.Cap is int cap ? Math.Max(0, cap - counter.Sold) : 0);
        ctx.Add(PreorderMessageTokens.AdminProductLink, PreorderMessageTokenBuilder.StoreUrl(ctx, $"Admin/Product/Edit/{productId}"), true);
    }

    /// <summary>The product's window closes soon (the store owner's notice); nothing when the window moved or the product was released since.</summary>
    protected virtual async Task WindowClosingAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var productId = ctx.Key.ProductId;
        var profile = await _profileRepository.Table.Where(p => p.ProductId == productId).FirstOrDefaultAsync();
        if (profile is not { Enabled: true, ReleasedOnUtc: null } || profile.WindowEndUtc is not DateTime end
            || ctx.Key.StepText("w") != StoreAlertService.WindowStep(end))
        {
            ctx.SkipReason = "window changed or closed";
            return;
        }
        await CapReachedAsync(ctx, account, settings, nowUtc, builder);
        ctx.Add(PreorderMessageTokens.WindowEnd, builder.DateText(ctx, end) ?? string.Empty);
    }
}
