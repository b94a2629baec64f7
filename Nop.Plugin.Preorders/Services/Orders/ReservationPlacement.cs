using System.Globalization;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Localization;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// What placement does differently for a reservation of an in-stock unit (schema 2.4), kept out of
/// <see cref="PreorderOrderService"/>: the unit is held on the reservation counter instead of a cap, the line is
/// written allocated (the stock exists) with its balance due at the end of the term, and from there the pre-order
/// flows (balance link, reminders, automatic charge, expiry, extensions) apply to it unchanged.
/// </summary>
public class ReservationPlacement
{
    private readonly ConditionalUpdates _conditionalUpdates;
    private readonly ILocalizationService _localizationService;
    private readonly IProductService _productService;
    private readonly PreorderClock _clock;

    public ReservationPlacement(ConditionalUpdates conditionalUpdates,
        ILocalizationService localizationService,
        IProductService productService,
        PreorderClock clock,
        ReservationHoldService holds,
        ReservationIntentService intents)
    {
        _conditionalUpdates = conditionalUpdates;
        _localizationService = localizationService;
        _productService = productService;
        _clock = clock;
        Holds = holds;
        Intents = intents;
    }

    public ReservationHoldService Holds { get; }

    public ReservationIntentService Intents { get; }

    /// <summary>
    /// Holds the item's units (one conditional UPDATE). A product reserved for the first time gets its counter from
    /// nopCommerce's stock as it was before this order took its units (two first orders at once: the unique index keeps
    /// one counter and the conditional UPDATE lets one of them hold the last unit).
    /// </summary>
    public virtual async Task<bool> TryHoldAsync(OrderItem item)
    {
        if (await Holds.GetCounterAsync(item.ProductId) == null)
        {
            var product = await _productService.GetProductByIdAsync(item.ProductId);
            await Holds.EnsureCounterAsync(item.ProductId, ReservationRules.UnitsOf((product?.StockQuantity ?? 0) + item.Quantity, 0));
        }
        return await Holds.TryHoldAsync(item.ProductId, item.Quantity);
    }

    /// <summary>
    /// The line as written: a reservation, allocated now (no "stock arrived" notice: it never waited), its balance due
    /// when the term ends; ready at once when the deposit covered it all.
    /// </summary>
    public virtual void AllocateAtOnce(PreorderLine line, int termDays)
    {
        var utcNow = _clock.UtcNow;
        // whole milliseconds, as allocation writes them (every database keeps them exactly)
        var now = utcNow.AddTicks(-(utcNow.Ticks % TimeSpan.TicksPerMillisecond));
        var owes = line.LineTotal - line.DepositAmount > 0m;
        line.IsReservation = true;
        line.State = PreorderLineStateMachine.AllocationTarget(owes);
        line.AllocatedOnUtc = now;
        line.AllocationNotifiedOnUtc = now;
        line.BalanceDueOnUtc = owes ? ReservationRules.BalanceDueOnUtc(now, termDays) : null;
        line.ExpectedShipDateUtc = null;
    }

    /// <summary>
    /// After the order's schedule is written: the balance installment and the account's next due date take the end of
    /// the term (as an arrival dates them), and the customer's intents are used up.
    /// </summary>
    public virtual async Task CompleteAsync(Order order, IReadOnlyList<PreorderLine> reservations)
    {
        if (reservations.Count == 0)
            return;
        var due = reservations.Where(l => l.BalanceDueOnUtc != null).Select(l => l.BalanceDueOnUtc.Value).DefaultIfEmpty().Min();
        if (due != default)
        {
            await _conditionalUpdates.LowerNextDueAsync(new[] { order.Id }, due, _clock.UtcNow);
            await _conditionalUpdates.DateUndatedInstallmentsAsync(new[] { order.Id }, due);
        }
        foreach (var productId in reservations.Select(l => l.ProductId).Distinct())
            await Intents.ClearIntentAsync(order.CustomerId, productId);
    }

    /// <summary>The refusal note of a lost race for the last unit, in the order's language (English when the resource is missing).</summary>
    public virtual async Task<string> UnitTakenNoteAsync(Order order, int productId)
    {
        var key = PreorderDefaults.Resources.ReservationUnitTaken;
        var text = await _localizationService.GetResourceAsync(key, order.CustomerLanguageId, logIfNotFound: false, defaultValue: string.Empty, returnEmptyIfNotFound: true);
        if (string.IsNullOrEmpty(text) || text == key)
            text = Nop.Plugin.Preorders.Infrastructure.PreorderLocaleResources.All[key].En;
        var name = (await _productService.GetProductByIdAsync(productId))?.Name ?? $"#{productId}";
        return string.Format(CultureInfo.InvariantCulture, text, name);
    }
}
