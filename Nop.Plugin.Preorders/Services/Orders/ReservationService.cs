using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// Whether an item of a customer is a reservation (schema 2.4), without the cart: the checkout split and placement ask it,
/// and nopCommerce's cart service (which the plugin's cart rules extend) must not depend on itself through them.
/// </summary>
public class ReservationIntentService
{
    private readonly IRepository<PreorderReservationIntent> _intentRepository;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;
    private readonly ReservationHoldService _holdService;

    public ReservationIntentService(IRepository<PreorderReservationIntent> intentRepository,
        PreorderCatalogService catalogService,
        PreorderClock clock,
        ReservationHoldService holdService)
    {
        _intentRepository = intentRepository;
        _catalogService = catalogService;
        _clock = clock;
        _holdService = holdService;
    }

    /// <summary>Units free to reserve of a product: the counter's, or nopCommerce's stock when no reservation was ever taken.</summary>
    public virtual async Task<int> UnitsFreeAsync(Product product) =>
        await _holdService.GetCounterAsync(product.Id) is null
            ? Math.Max(0, product.StockQuantity)
            : await _holdService.UnitsFreeAsync(product.Id);

    /// <summary>Why the customer cannot reserve <paramref name="quantity"/> units of the product now (a resource key), or null.</summary>
    public virtual async Task<string> RefusalForAsync(Product product, int quantity)
    {
        var snapshot = await _catalogService.GetSnapshotAsync(product.Id);
        // the cached snapshot answers for every product not flagged: the product page reads the counter only for flagged ones
        if (snapshot.Profile is not { Reservable: true } || snapshot.IsPreorder)
            return ReservationRules.RefusalFor(snapshot.Profile, snapshot.IsPreorder, 0, quantity);
        return ReservationRules.RefusalFor(snapshot.Profile, snapshot.IsPreorder, await UnitsFreeAsync(product), quantity);
    }

    /// <summary>The term the product states: its own, else the store's.</summary>
    public virtual async Task<int> TermDaysAsync(int productId, PreorderSettings settings) =>
        ReservationRules.TermDays((await _catalogService.GetSnapshotAsync(productId)).Profile?.ReservationTermDays, settings.ReservationTermDays);

    /// <summary>Records that the customer reserves the product (idempotent: the unique index keeps one row when two requests race).</summary>
    public virtual async Task RecordIntentAsync(int customerId, int productId)
    {
        if (await HasIntentAsync(customerId, productId))
            return;
        try
        {
            await _intentRepository.InsertAsync(new PreorderReservationIntent { CustomerId = customerId, ProductId = productId, CreatedOnUtc = _clock.UtcNow }, false);
        }
        catch (Exception)
        {
            // another request recorded it first (unique index); anything else is a real failure
            if (!await HasIntentAsync(customerId, productId))
                throw;
        }
    }

    public virtual async Task<bool> HasIntentAsync(int customerId, int productId) =>
        await _intentRepository.Table.Where(i => i.CustomerId == customerId && i.ProductId == productId).AnyAsync();

    /// <summary>An item of the customer is a reservation: the product is flagged, not an open pre-order, and the customer pressed "Reserve with deposit".</summary>
    public virtual async Task<bool> IsReservationAsync(int customerId, int productId)
    {
        var snapshot = await _catalogService.GetSnapshotAsync(productId);
        return snapshot.Profile is { Reservable: true } && !snapshot.IsPreorder && await HasIntentAsync(customerId, productId);
    }

    /// <summary>The order was placed: the intent is used up (a later purchase of the product is an ordinary one unless reserved again).</summary>
    public virtual async Task ClearIntentAsync(int customerId, int productId) =>
        await _intentRepository.DeleteAsync(i => i.CustomerId == customerId && i.ProductId == productId);
}

/// <summary>"Reserve with deposit" on the product page: the rules, the intent, then nopCommerce's own add to cart.</summary>
public class ReservationService
{
    private readonly IShoppingCartService _shoppingCartService;
    private readonly ReservationIntentService _intentService;

    public ReservationService(IShoppingCartService shoppingCartService, ReservationIntentService intentService)
    {
        _shoppingCartService = shoppingCartService;
        _intentService = intentService;
    }

    /// <summary>
    /// The rules first (a refusal changes nothing), then the intent, then nopCommerce's add to cart (its warnings are
    /// returned as they are; the intent alone is harmless: it only marks a cart item of the product as a reservation).
    /// </summary>
    /// <returns>A resource key of the plugin's refusal, or nopCommerce's warnings; neither: added.</returns>
    public virtual async Task<(string RefusalKey, IList<string> Warnings)> ReserveAsync(Customer customer, Product product, int storeId, int quantity = 1)
    {
        var refusal = await _intentService.RefusalForAsync(product, quantity);
        if (refusal != null)
            return (refusal, Array.Empty<string>());
        await _intentService.RecordIntentAsync(customer.Id, product.Id);
        var warnings = await _shoppingCartService.AddToCartAsync(customer, product, ShoppingCartType.ShoppingCart, storeId, quantity: quantity);
        return (null, warnings);
    }
}
