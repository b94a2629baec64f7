using LinqToDB.Data;
using Nop.Core.Domain.Orders;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// Writes a swap's new line against nopCommerce's order: a new <see cref="OrderItem"/> of the target product in the same
/// order (through nopCommerce's <see cref="IOrderService"/>), and the plugin's <see cref="PreorderLine"/> for it with the
/// old line's placement time (its place in the target's FIFO queue). Each write can be repeated: the order item carries a
/// guid made from the swap's id (a repeat finds it), the line is unique per order item.
/// </summary>
public class SwapLineWriter
{
    private static readonly string RaiseOrderTotalSql =
        $"UPDATE {PreorderDbNames.Table<PreorderAccount>()} SET order_total = order_total + @add, version = version + 1 WHERE order_id = @order";

    private static readonly string RecordNewLineSql =
        $"UPDATE {PreorderDbNames.Table<PreorderDelaySwap>()} SET new_line_id = @line WHERE id = @id AND new_line_id = 0";

    private readonly INopDataProvider _dataProvider;
    private readonly IOrderService _orderService;
    private readonly IProductService _productService;
    private readonly IRepository<PreorderLine> _lineRepository;
    private readonly PreorderClock _clock;

    public SwapLineWriter(INopDataProvider dataProvider,
        IOrderService orderService,
        IProductService productService,
        IRepository<PreorderLine> lineRepository,
        PreorderClock clock)
    {
        _dataProvider = dataProvider;
        _orderService = orderService;
        _productService = productService;
        _lineRepository = lineRepository;
        _clock = clock;
    }

    /// <summary>The order item's guid of a swap: the same on every attempt, so a repeat finds the item it inserted.</summary>
    public static Guid OrderItemGuid(int swapId) => new($"5a7a0000-0000-0000-0000-{swapId:x12}");

    /// <summary>The new order item (inserted once): the target's unit price as the shop sells it now, the old line's quantity.</summary>
    public virtual async Task<OrderItem> EnsureOrderItemAsync(PreorderDelaySwap swap, PreorderLine oldLine)
    {
        var guid = OrderItemGuid(swap.Id);
        var existing = (await _orderService.GetOrderItemsAsync(swap.OrderId)).FirstOrDefault(i => i.OrderItemGuid == guid);
        if (existing != null)
            return existing;
        var product = await _productService.GetProductByIdAsync(swap.NewProductId)
            ?? throw new PreorderRuleException(PreorderDefaults.Resources.SwapTargetNotPreorder);
        var item = new OrderItem
        {
            OrderItemGuid = guid,
            OrderId = swap.OrderId,
            ProductId = product.Id,
            Quantity = oldLine.Quantity,
            UnitPriceInclTax = product.Price,
            UnitPriceExclTax = product.Price,
            PriceInclTax = product.Price * oldLine.Quantity,
            PriceExclTax = product.Price * oldLine.Quantity,
            AttributeDescription = string.Empty,
            AttributesXml = string.Empty
        };
        await _orderService.InsertOrderItemAsync(item);
        return item;
    }

    /// <summary>
    /// The new line (inserted once per order item), waiting, placed when the old line was placed: the target's queue is
    /// ordered by (placement time, id), so the buyer keeps their place. The account's order total grows by the new
    /// line's total once (the old line keeps its total, as every closed line does in <see cref="Rules.AccountBalance"/>).
    /// </summary>
    public virtual async Task<PreorderLine> EnsureLineAsync(PreorderDelaySwap swap, PreorderLine oldLine, OrderItem item, decimal deposit, DateTime? shipDateUtc)
    {
        var line = await _lineRepository.Table.Where(l => l.OrderItemId == item.Id).FirstOrDefaultAsync();
        if (line == null)
        {
            line = new PreorderLine
            {
                OrderId = oldLine.OrderId,
                OrderItemId = item.Id,
                ProductId = item.ProductId,
                CustomerId = oldLine.CustomerId,
                StoreId = oldLine.StoreId,
                Quantity = item.Quantity,
                State = PreorderLineState.Waiting,
                PaymentModeId = oldLine.PaymentModeId,
                LineTotal = item.PriceInclTax,
                DepositAmount = deposit,
                PlacedOnUtc = oldLine.PlacedOnUtc,
                ExpectedShipDateUtc = shipDateUtc,
                CountryCode = oldLine.CountryCode,
                EmailHash = oldLine.EmailHash,
                UpdatedOnUtc = _clock.UtcNow
            };
            try
            {
                await _lineRepository.InsertAsync(line, false);
            }
            catch (Exception)
            {
                line = await _lineRepository.Table.Where(l => l.OrderItemId == item.Id).FirstOrDefaultAsync() ?? throw new InvalidOperationException($"swap {swap.Id}: line not written");
            }
        }
        // the first attempt to record the line raises the order's total; a repeat finds it recorded
        if (await _dataProvider.ExecuteNonQueryAsync(RecordNewLineSql,
                new DataParameter("line", line.Id, PreorderDataTypes.Int32), new DataParameter("id", swap.Id, PreorderDataTypes.Int32)) == 1)
            await _dataProvider.ExecuteNonQueryAsync(RaiseOrderTotalSql,
                new DataParameter("add", line.LineTotal, PreorderDataTypes.Decimal), new DataParameter("order", line.OrderId, PreorderDataTypes.Int32));
        swap.NewLineId = line.Id;
        return line;
    }

    /// <summary>A note on nopCommerce's order the shopper sees: which line became which.</summary>
    public virtual Task AddOrderNoteAsync(PreorderDelaySwap swap, string note) =>
        _orderService.InsertOrderNoteAsync(new OrderNote { OrderId = swap.OrderId, Note = note, DisplayToCustomer = true, CreatedOnUtc = _clock.UtcNow });
}
