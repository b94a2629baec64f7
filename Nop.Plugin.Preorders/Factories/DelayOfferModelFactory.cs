using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Localization;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>The shopper's "For the delay" block: their delay coupons, the swaps offered on their waiting lines, the swaps they made.</summary>
public class DelayOfferModelFactory
{
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly IProductService _productService;
    private readonly IRepository<PreorderDelayCompensation> _compensationRepository;
    private readonly IRepository<PreorderDelaySwap> _swapRepository;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly IRepository<PreorderShipDateChange> _shipDateChangeRepository;

    public DelayOfferModelFactory(ILocalizationService localizationService,
        IOrderService orderService,
        IProductService productService,
        IRepository<PreorderDelayCompensation> compensationRepository,
        IRepository<PreorderDelaySwap> swapRepository,
        IRepository<PreorderLine> lineRepository,
        IRepository<PreorderShipDateChange> shipDateChangeRepository)
    {
        _localizationService = localizationService;
        _orderService = orderService;
        _productService = productService;
        _compensationRepository = compensationRepository;
        _swapRepository = swapRepository;
        _lineRepository = lineRepository;
        _shipDateChangeRepository = shipDateChangeRepository;
    }

    public virtual async Task<DelayOffersModel> PrepareAsync(int customerId)
    {
        var model = new DelayOffersModel();
        if (customerId == 0)
            return model;

        var coupons = await _compensationRepository.Table
            .Where(c => c.CustomerId == customerId && c.LineId == 0 && c.StatusId == (int)DelayCompensationStatus.Done)
            .OrderByDescending(c => c.Id).ToListAsync();
        var changeIds = coupons.Select(c => c.ShipDateChangeId).Distinct().ToArray();
        var couponChanges = await _shipDateChangeRepository.Table.Where(c => changeIds.Contains(c.Id)).ToListAsync();
        foreach (var coupon in coupons)
        {
            var text = coupon.Kind == DelayCompensationKind.FreeShipping
                ? await ResourceAsync("Delay.Account.FreeShipping")
                : string.Format(await ResourceAsync("Delay.Account.Coupon"), coupon.IsPercent ? $"{coupon.Amount:0.##}%" : $"{coupon.Amount:0.00}");
            var productId = couponChanges.FirstOrDefault(c => c.Id == coupon.ShipDateChangeId)?.ProductId ?? 0;
            model.Coupons.Add(new DelayCouponModel(coupon.CouponCode, text, await ProductNameAsync(productId)));
        }

        // waiting lines of the customer with a swap offered by a change made after they were placed, not swapped yet
        var waiting = (int)PreorderLineState.Waiting;
        var offers = await (from line in _lineRepository.Table
                            where line.CustomerId == customerId && line.StateId == waiting
                            from change in _shipDateChangeRepository.Table
                            where change.ProductId == line.ProductId && change.SwapProductId != 0 && change.CreatedOnUtc >= line.PlacedOnUtc
                            where !_swapRepository.Table.Any(s => s.OldLineId == line.Id)
                            orderby line.Id, change.Id descending
                            select new { line, change }).ToListAsync();
        foreach (var offer in offers.GroupBy(o => o.line.Id).Select(g => g.First()))
        {
            if (DelayCompensationRules.CanSwap(offer.line, offer.change) != null)
                continue;
            model.Swaps.Add(new DelaySwapOfferModel(offer.line.Id, await OrderNumberAsync(offer.line.OrderId),
                await ProductNameAsync(offer.line.ProductId), await ProductNameAsync(offer.change.SwapProductId), offer.line.Quantity));
        }

        var swaps = await _swapRepository.Table.Where(s => s.CustomerId == customerId && s.CompletedOnUtc != null).OrderByDescending(s => s.Id).Take(20).ToListAsync();
        foreach (var swap in swaps)
        {
            var old = await _lineRepository.GetByIdAsync(swap.OldLineId);
            model.Swapped.Add(new DelaySwapDoneModel(swap.OrderId, await OrderNumberAsync(swap.OrderId), await ProductNameAsync(old?.ProductId ?? 0), await ProductNameAsync(swap.NewProductId)));
        }
        return model;
    }

    private async Task<string> ResourceAsync(string key) => await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + key);

    private async Task<string> OrderNumberAsync(int orderId)
    {
        var order = await _orderService.GetOrderByIdAsync(orderId);
        return order?.CustomOrderNumber ?? orderId.ToString();
    }

    private async Task<string> ProductNameAsync(int productId)
    {
        var product = productId == 0 ? null : await _productService.GetProductByIdAsync(productId);
        return product == null ? string.Empty : await _localizationService.GetLocalizedAsync(product, p => p.Name);
    }
}
