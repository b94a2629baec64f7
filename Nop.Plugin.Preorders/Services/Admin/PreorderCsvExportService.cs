using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Customers;
using Nop.Services.Localization;
using Nop.Services.Orders;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// CSV export of the filtered grids, streamed: rows are read from the database as a stream, names and
/// e-mails are looked up per batch of <see cref="BatchSize"/> rows, and every batch is written and flushed
/// before the next is read. Memory stays flat for any number of rows (100,000 and more).
/// </summary>
public class PreorderCsvExportService
{
    public const int BatchSize = 500;

    private readonly ICustomerService _customerService;
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly IProductService _productService;
    private readonly PreorderGridQueryService _gridQueryService;

    public PreorderCsvExportService(ICustomerService customerService,
        ILocalizationService localizationService,
        IOrderService orderService,
        IProductService productService,
        PreorderGridQueryService gridQueryService)
    {
        _customerService = customerService;
        _localizationService = localizationService;
        _orderService = orderService;
        _productService = productService;
        _gridQueryService = gridQueryService;
    }

    /// <summary>Writes the pre-orders matching the filter; returns the number of data rows written. Dates in the store's time zone.</summary>
    public virtual async Task<int> WriteLinesAsync(Stream output, PreorderLineFilter filter, GridSort sort, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        zone ??= TimeZoneInfo.Utc;
        await using var writer = new StreamWriter(output, CsvFormat.Encoding, 1 << 16, leaveOpen: true);
        await writer.WriteAsync(CsvFormat.Line(await HeadersAsync(
            "Grid.Id", "Grid.Order", "Grid.CustomerEmail", "Grid.Product", "Grid.Combination", "Grid.Quantity", "Grid.PlacedOn",
            "Grid.State", "Grid.PaymentMode", "Grid.LineTotal", "Grid.Deposit", "Grid.DepositPaid", "Grid.BalanceDue",
            "Grid.DueDate", "Grid.ExpectedShipDate", "Grid.Country", "Grid.Store", "Grid.CloseReason")));

        var states = await NamesAsync<PreorderLineState>("State.");
        var modes = new Dictionary<int, string>
        {
            [(int)PreorderPaymentMode.FullUpfront] = await ResourceAsync("Product.PaymentMode.FullUpfront"),
            [(int)PreorderPaymentMode.Deposit] = await ResourceAsync("Product.PaymentMode.Deposit"),
            [(int)PreorderPaymentMode.PayOnShip] = await ResourceAsync("Product.PaymentMode.PayOnShip")
        };

        return await WriteInBatchesAsync(_gridQueryService.StreamLinesAsync(filter, sort), writer, async batch =>
        {
            var lookups = await LookupAsync(batch.Select(r => r.CustomerId), batch.Select(r => r.ProductId), batch.Select(r => r.OrderId));
            foreach (var r in batch)
            {
                await writer.WriteAsync(CsvFormat.Line(new[]
                {
                    CsvFormat.Number(r.Id),
                    CsvFormat.Text(lookups.OrderNumber(r.OrderId)),
                    CsvFormat.Text(lookups.Email(r.CustomerId)),
                    CsvFormat.Text(lookups.ProductName(r.ProductId)),
                    r.CombinationId == 0 ? string.Empty : CsvFormat.Number(r.CombinationId),
                    CsvFormat.Number(r.Quantity),
                    CsvFormat.Date(StoreTime.ToLocal(r.PlacedOnUtc, zone)),
                    CsvFormat.Text(states.GetValueOrDefault(r.StateId, r.State.ToString())),
                    CsvFormat.Text(modes.GetValueOrDefault(r.PaymentModeId, r.PaymentMode.ToString())),
                    CsvFormat.Number(r.LineTotal),
                    CsvFormat.Number(r.DepositAmount),
                    CsvFormat.Number(r.DepositPaid),
                    CsvFormat.Number(r.BalanceDue),
                    CsvFormat.Date(ToLocal(r.BalanceDueOnUtc, zone)),
                    CsvFormat.Date(ToLocal(r.ExpectedShipDateUtc, zone)),
                    CsvFormat.Text(r.CountryCode),
                    CsvFormat.Number(r.StoreId),
                    CsvFormat.Text(r.CloseReason)
                }));
            }
        }, cancellationToken);
    }

    /// <summary>Writes the ledger entries matching the filter; returns the number of data rows written.</summary>
    public virtual async Task<int> WriteLedgerAsync(Stream output, LedgerFilter filter, GridSort sort, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        zone ??= TimeZoneInfo.Utc;
        await using var writer = new StreamWriter(output, CsvFormat.Encoding, 1 << 16, leaveOpen: true);
        await writer.WriteAsync(CsvFormat.Line(await HeadersAsync(
            "Ledger.Id", "Grid.Order", "Grid.CustomerEmail", "Ledger.Kind", "Ledger.Status", "Ledger.Amount", "Ledger.Currency",
            "Ledger.AmountInCurrency", "Ledger.Method", "Ledger.Reference", "Ledger.Note", "Ledger.Line", "Ledger.RecordedBy", "Ledger.CreatedOn")));

        var kinds = await NamesAsync<LedgerEntryKind>("Ledger.Kind.");
        var statuses = await NamesAsync<LedgerEntryStatus>("Ledger.Status.");
        var system = await ResourceAsync("Ledger.System");
        return await WriteInBatchesAsync(_gridQueryService.StreamLedgerAsync(filter, sort), writer, async batch =>
        {
            var lookups = await LookupAsync(batch.Select(r => r.CustomerId).Concat(batch.Select(r => r.RecordedByCustomerId)),
                Array.Empty<int>(), batch.Select(r => r.OrderId));
            foreach (var r in batch)
            {
                await writer.WriteAsync(CsvFormat.Line(new[]
                {
                    CsvFormat.Number(r.Id),
                    CsvFormat.Text(lookups.OrderNumber(r.OrderId)),
                    CsvFormat.Text(lookups.Email(r.CustomerId)),
                    CsvFormat.Text(kinds.GetValueOrDefault(r.KindId, r.Kind.ToString())),
                    CsvFormat.Text(statuses.GetValueOrDefault(r.StatusId, r.Status.ToString())),
                    CsvFormat.Number(r.Amount),
                    CsvFormat.Text(r.CurrencyCode),
                    CsvFormat.Number(r.AmountInCurrency),
                    CsvFormat.Text(r.Method),
                    CsvFormat.Text(r.Reference),
                    CsvFormat.Text(r.Note),
                    r.LineId == 0 ? string.Empty : CsvFormat.Number(r.LineId),
                    CsvFormat.Text(r.RecordedByCustomerId == 0 ? system : lookups.Email(r.RecordedByCustomerId)),
                    CsvFormat.Date(StoreTime.ToLocal(r.CreatedOnUtc, zone))
                }));
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Streams rows in batches of <see cref="BatchSize"/>: each batch gets its names looked up and is written
    /// and flushed before the next is read, so memory stays bounded whatever the number of rows.
    /// </summary>
    protected virtual async Task<int> WriteInBatchesAsync<TRow>(IAsyncEnumerable<TRow> rows, StreamWriter writer, Func<IList<TRow>, Task> writeBatch,
        CancellationToken cancellationToken)
    {
        var count = 0;
        var batch = new List<TRow>(BatchSize);
        async Task FlushAsync()
        {
            await writeBatch(batch);
            count += batch.Count;
            batch.Clear();
            await writer.FlushAsync(cancellationToken);
        }

        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == BatchSize)
                await FlushAsync();
        }
        if (batch.Count > 0)
            await FlushAsync();
        return count;
    }

    /// <summary>Names of one batch: customers' e-mails, product names, order numbers (three queries per batch).</summary>
    protected virtual async Task<BatchLookups> LookupAsync(IEnumerable<int> customerIds, IEnumerable<int> productIds, IEnumerable<int> orderIds)
    {
        var customers = customerIds.Where(id => id > 0).Distinct().ToArray();
        var products = productIds.Where(id => id > 0).Distinct().ToArray();
        var orders = orderIds.Where(id => id > 0).Distinct().ToArray();
        return new BatchLookups(
            customers.Length == 0 ? new Dictionary<int, string>() : (await _customerService.GetCustomersByIdsAsync(customers) ?? new List<Nop.Core.Domain.Customers.Customer>()).ToDictionary(c => c.Id, c => c.Email),
            products.Length == 0 ? new Dictionary<int, string>() : (await _productService.GetProductsByIdsAsync(products) ?? new List<Nop.Core.Domain.Catalog.Product>()).ToDictionary(p => p.Id, p => p.Name),
            orders.Length == 0 ? new Dictionary<int, string>() : (await _orderService.GetOrdersByIdsAsync(orders) ?? new List<Nop.Core.Domain.Orders.Order>()).ToDictionary(o => o.Id, o => o.CustomOrderNumber));
    }

    private async Task<IList<string>> HeadersAsync(params string[] keys)
    {
        var headers = new List<string>(keys.Length);
        foreach (var key in keys)
            headers.Add(CsvFormat.Text(await ResourceAsync(key)));
        return headers;
    }

    private async Task<Dictionary<int, string>> NamesAsync<TEnum>(string prefix) where TEnum : struct, Enum
    {
        var names = new Dictionary<int, string>();
        foreach (var value in Enum.GetValues<TEnum>())
            names[Convert.ToInt32(value)] = await ResourceAsync(prefix + value);
        return names;
    }

    private Task<string> ResourceAsync(string key) => _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + key);

    private static DateTime? ToLocal(DateTime? utc, TimeZoneInfo zone) => utc is DateTime d ? StoreTime.ToLocal(d, zone) : null;

    protected record BatchLookups(IDictionary<int, string> Emails, IDictionary<int, string> Products, IDictionary<int, string> Orders)
    {
        public string Email(int customerId) => Emails.TryGetValue(customerId, out var email) ? email : customerId.ToString();

        public string ProductName(int productId) => Products.TryGetValue(productId, out var name) ? name : productId.ToString();

        public string OrderNumber(int orderId) => Orders.TryGetValue(orderId, out var number) && !string.IsNullOrEmpty(number) ? number : orderId.ToString();
    }
}
