using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Core;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Security;
using Nop.Services.Stores;
using Nop.Web.Framework.Models.Extensions;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>
/// The admin grids: pre-orders and the ledger (filters, the page's rows, the ledger's totals). Grid data comes from
/// <see cref="PreorderGridQueryService"/> (SQL paging); only the page's rows are mapped here. Amounts in the primary
/// store currency; dates in the store's time zone.
/// </summary>
public class PreorderAdminGridModelFactory
{
    private readonly IPermissionService _permissionService;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly IStoreService _storeService;
    private readonly PreorderAdminModelHelper _helper;
    private readonly PreorderGridQueryService _gridQueryService;

    public PreorderAdminGridModelFactory(IPermissionService permissionService,
        IRepository<PreorderProfile> profileRepository,
        IStoreService storeService,
        PreorderAdminModelHelper helper,
        PreorderGridQueryService gridQueryService)
    {
        _permissionService = permissionService;
        _profileRepository = profileRepository;
        _storeService = storeService;
        _helper = helper;
        _gridQueryService = gridQueryService;
    }

    /// <summary>The store's time zone: merchants type and read dates in it.</summary>
    public virtual TimeZoneInfo StoreTimeZone => _helper.StoreTimeZone;

    #region Pre-orders grid

    public virtual async Task<PreorderSearchModel> PrepareSearchModelAsync(PreorderSearchModel searchModel)
    {
        searchModel ??= new PreorderSearchModel();
        searchModel.AvailableStates = await StateItemsAsync(true);
        searchModel.AvailableProducts = await ProductItemsAsync();
        searchModel.AvailableStores = await StoreItemsAsync();
        searchModel.AvailableSettlements = await _helper.SettlementItemsAsync();
        searchModel.AvailablePaymentKinds = new List<SelectListItem>
        {
            new(await _helper.ResourceAsync("Ledger.Kind.Balance"), ((int)LedgerEntryKind.Balance).ToString()),
            new(await _helper.ResourceAsync("Ledger.Kind.Deposit"), ((int)LedgerEntryKind.Deposit).ToString())
        };
        searchModel.CanManage = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        searchModel.CanRefund = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Refund);
        searchModel.SetGridPageSize();
        return searchModel;
    }

    /// <summary>The grid's filter from what the admin entered: dates as whole store-local days, the e-mail resolved to a customer.</summary>
    public virtual async Task<PreorderLineFilter> BuildLineFilterAsync(PreorderSearchModel searchModel)
    {
        var zone = StoreTimeZone;
        return new PreorderLineFilter
        {
            State = searchModel.SearchStateId > 0 && Enum.IsDefined(typeof(PreorderLineState), searchModel.SearchStateId)
                ? (PreorderLineState)searchModel.SearchStateId
                : null,
            ProductId = searchModel.SearchProductId,
            StoreId = searchModel.SearchStoreId,
            OrderId = searchModel.SearchOrderId,
            CustomerId = await _helper.CustomerIdOfAsync(searchModel.SearchCustomerEmail),
            CountryCode = string.IsNullOrWhiteSpace(searchModel.SearchCountryCode) ? null : searchModel.SearchCountryCode.Trim(),
            PlacedFromUtc = DayStartUtc(searchModel.PlacedFrom, zone),
            PlacedToUtc = DayEndUtc(searchModel.PlacedTo, zone),
            DueFromUtc = DayStartUtc(searchModel.DueFrom, zone),
            DueToUtc = DayEndUtc(searchModel.DueTo, zone),
            ShipFromUtc = DayStartUtc(searchModel.ShipFrom, zone),
            ShipToUtc = DayEndUtc(searchModel.ShipTo, zone),
            ExtensionRequested = searchModel.SearchExtensionRequested,
            ReservationsOnly = searchModel.SearchReservationsOnly
        };
    }

    public virtual async Task<PreorderLineListModel> PrepareLineListModelAsync(PreorderSearchModel searchModel, GridSort sort)
    {
        var filter = await BuildLineFilterAsync(searchModel);
        var page = await _gridQueryService.GetLinesAsync(filter, searchModel.Start, searchModel.Length, sort);
        var rows = new PagedList<PreorderLineRow>(page.Rows, searchModel.Page - 1, searchModel.PageSize, page.TotalCount);
        var models = await PrepareLineModelsAsync(page.Rows);
        return await new PreorderLineListModel().PrepareToGridAsync(searchModel, rows, () => Stream(models));
    }

    /// <summary>Grid rows with names, e-mails, order numbers (one lookup each for the page) and formatted amounts.</summary>
    public virtual async Task<IList<PreorderLineModel>> PrepareLineModelsAsync(IList<PreorderLineRow> rows)
    {
        var zone = StoreTimeZone;
        var emails = await _helper.EmailsAsync(rows.Select(r => r.CustomerId));
        var products = await _helper.ProductNamesAsync(rows.Select(r => r.ProductId));
        var orders = await _helper.OrderNumbersAsync(rows.Select(r => r.OrderId));
        var states = await _helper.StateNamesAsync();
        var modes = await _helper.PaymentModeNamesAsync();
        var requests = await _gridQueryService.GetPendingExtensionRequestsAsync(rows.Select(r => r.Id));
        var requestText = await _helper.ResourceAsync("Grid.ExtensionRequest.Text");
        var reservationText = await _helper.ResourceAsync("Reservation.Line");
        var models = new List<PreorderLineModel>(rows.Count);
        foreach (var r in rows)
        {
            models.Add(new PreorderLineModel
            {
                Id = r.Id,
                OrderId = r.OrderId,
                CustomOrderNumber = orders.GetValueOrDefault(r.OrderId) ?? r.OrderId.ToString(),
                CustomerId = r.CustomerId,
                CustomerEmail = emails.GetValueOrDefault(r.CustomerId) ?? r.CustomerId.ToString(),
                ProductId = r.ProductId,
                ProductName = products.GetValueOrDefault(r.ProductId) ?? r.ProductId.ToString(),
                Quantity = r.Quantity,
                PlacedOn = StoreTime.ToLocal(r.PlacedOnUtc, zone),
                StateId = r.StateId,
                State = states.GetValueOrDefault(r.StateId),
                // a reservation is told apart where the payment is: "Deposit · Reservation"
                PaymentMode = modes.GetValueOrDefault(r.PaymentModeId) + (r.IsReservation ? " · " + reservationText : null),
                DepositPaid = await _helper.PriceAsync(r.DepositPaid),
                BalanceDue = await _helper.PriceAsync(r.BalanceDue),
                DueDate = r.BalanceDueOnUtc is DateTime due ? StoreTime.ToLocal(due, zone) : null,
                ExpectedShipDate = r.ExpectedShipDateUtc is DateTime ship ? StoreTime.ToLocal(ship, zone) : null,
                CountryCode = r.CountryCode,
                ExtensionRequest = requests.TryGetValue(r.Id, out var request)
                    ? string.Format(requestText, request.RequestedDays) + (request.Message == null ? null : ": " + request.Message)
                    : null
            });
        }
        return models;
    }

    #endregion

    #region Ledger grid

    public virtual async Task<LedgerSearchModel> PrepareLedgerSearchModelAsync(LedgerSearchModel searchModel)
    {
        searchModel ??= new LedgerSearchModel();
        var all = await _helper.AllTextAsync();
        searchModel.AvailableKinds = new List<SelectListItem> { new(all, "0") };
        foreach (var kind in Enum.GetValues<LedgerEntryKind>())
            searchModel.AvailableKinds.Add(new SelectListItem(await _helper.ResourceAsync("Ledger.Kind." + kind), ((int)kind).ToString()));
        searchModel.AvailableStatuses = new List<SelectListItem> { new(all, "0") };
        foreach (var status in Enum.GetValues<LedgerEntryStatus>())
            searchModel.AvailableStatuses.Add(new SelectListItem(await _helper.ResourceAsync("Ledger.Status." + status), ((int)status).ToString()));
        searchModel.AvailableProducts = await ProductItemsAsync();
        searchModel.AvailableStores = await StoreItemsAsync();
        searchModel.SetGridPageSize();
        return searchModel;
    }

    public virtual async Task<LedgerFilter> BuildLedgerFilterAsync(LedgerSearchModel searchModel)
    {
        var zone = StoreTimeZone;
        return new LedgerFilter
        {
            OrderId = searchModel.SearchOrderId,
            Kind = Enum.IsDefined(typeof(LedgerEntryKind), searchModel.SearchKindId) ? (LedgerEntryKind)searchModel.SearchKindId : null,
            Status = Enum.IsDefined(typeof(LedgerEntryStatus), searchModel.SearchStatusId) ? (LedgerEntryStatus)searchModel.SearchStatusId : null,
            Method = string.IsNullOrWhiteSpace(searchModel.SearchMethod) ? null : searchModel.SearchMethod.Trim(),
            ProductId = searchModel.SearchProductId,
            StoreId = searchModel.SearchStoreId,
            CustomerId = await _helper.CustomerIdOfAsync(searchModel.SearchCustomerEmail),
            FromUtc = DayStartUtc(searchModel.CreatedFrom, zone),
            ToUtc = DayEndUtc(searchModel.CreatedTo, zone)
        };
    }

    public virtual async Task<LedgerListModel> PrepareLedgerListModelAsync(LedgerSearchModel searchModel, GridSort sort)
    {
        var filter = await BuildLedgerFilterAsync(searchModel);
        var page = await _gridQueryService.GetLedgerAsync(filter, searchModel.Start, searchModel.Length, sort);
        var rows = new PagedList<LedgerRow>(page.Rows, searchModel.Page - 1, searchModel.PageSize, page.TotalCount);
        var models = await PrepareLedgerModelsAsync(page.Rows);
        var list = await new LedgerListModel().PrepareToGridAsync(searchModel, rows, () => Stream(models));
        await FillTotalsAsync(list, page.Totals);
        return list;
    }

    public virtual async Task FillTotalsAsync(LedgerListModel list, LedgerGridTotals totals)
    {
        list.TotalCollected = await _helper.PriceAsync(totals.Collected);
        list.TotalRefunded = await _helper.PriceAsync(totals.Refunded);
        list.TotalForfeited = await _helper.PriceAsync(totals.Forfeited);
        list.TotalTransferred = await _helper.PriceAsync(totals.Transferred);
        list.NetHeld = await _helper.PriceAsync(totals.NetHeld);
        list.PendingCount = totals.Pending;
        list.FailedCount = totals.Failed;
    }

    /// <summary>Ledger rows as the ledger grid and the order page's block show them.</summary>
    public virtual async Task<IList<LedgerEntryModel>> PrepareLedgerModelsAsync(IList<LedgerRow> rows)
    {
        var zone = StoreTimeZone;
        var emails = await _helper.EmailsAsync(rows.Select(r => r.CustomerId).Concat(rows.Select(r => r.RecordedByCustomerId)));
        var orders = await _helper.OrderNumbersAsync(rows.Select(r => r.OrderId));
        var kinds = new Dictionary<int, string>();
        foreach (var kind in Enum.GetValues<LedgerEntryKind>())
            kinds[(int)kind] = await _helper.ResourceAsync("Ledger.Kind." + kind);
        var statuses = new Dictionary<int, string>();
        foreach (var status in Enum.GetValues<LedgerEntryStatus>())
            statuses[(int)status] = await _helper.ResourceAsync("Ledger.Status." + status);
        var system = await _helper.ResourceAsync("Ledger.System");

        var models = new List<LedgerEntryModel>(rows.Count);
        foreach (var r in rows)
        {
            models.Add(new LedgerEntryModel
            {
                Id = r.Id,
                OrderId = r.OrderId,
                CustomOrderNumber = orders.GetValueOrDefault(r.OrderId) ?? r.OrderId.ToString(),
                CustomerEmail = emails.GetValueOrDefault(r.CustomerId) ?? (r.CustomerId == 0 ? string.Empty : r.CustomerId.ToString()),
                LineId = r.LineId,
                KindId = r.KindId,
                Kind = kinds.GetValueOrDefault(r.KindId) ?? r.Kind.ToString(),
                StatusId = r.StatusId,
                Status = statuses.GetValueOrDefault(r.StatusId) ?? r.Status.ToString(),
                Amount = await _helper.PriceAsync(r.Amount),
                AmountInCurrency = $"{r.AmountInCurrency:0.00} {r.CurrencyCode}".Trim(),
                Method = r.Method,
                Reference = r.Reference,
                Note = r.Note,
                RecordedBy = r.RecordedByCustomerId == 0 ? system : emails.GetValueOrDefault(r.RecordedByCustomerId) ?? r.RecordedByCustomerId.ToString(),
                CreatedOn = StoreTime.ToLocal(r.CreatedOnUtc, zone)
            });
        }
        return models;
    }

    #endregion

    #region Utilities

#pragma warning disable CS1998 // an async iterator over a ready list (nopCommerce's grid helper takes IAsyncEnumerable)
    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
            yield return item;
    }
#pragma warning restore CS1998

    private static DateTime? DayStartUtc(DateTime? day, TimeZoneInfo zone) => day is DateTime d ? StoreTime.ToUtc(d.Date, zone) : null;

    private static DateTime? DayEndUtc(DateTime? day, TimeZoneInfo zone) => day is DateTime d ? StoreTime.ToUtc(d.Date.AddDays(1), zone) : null;

    private async Task<IList<SelectListItem>> StateItemsAsync(bool withAll)
    {
        var items = new List<SelectListItem>();
        if (withAll)
            items.Add(new SelectListItem(await _helper.AllTextAsync(), "0"));
        foreach (var (id, name) in await _helper.StateNamesAsync())
            items.Add(new SelectListItem(name, id.ToString()));
        return items;
    }

    /// <summary>Products that have a pre-order profile (the grid's product filter).</summary>
    private async Task<IList<SelectListItem>> ProductItemsAsync()
    {
        var items = new List<SelectListItem> { new(await _helper.AllTextAsync(), "0") };
        var ids = await _profileRepository.Table.Select(p => p.ProductId).OrderBy(id => id).ToListAsync();
        var names = await _helper.ProductNamesAsync(ids);
        foreach (var (id, name) in names.OrderBy(n => n.Value, StringComparer.CurrentCultureIgnoreCase))
            items.Add(new SelectListItem(name, id.ToString()));
        return items;
    }

    private async Task<IList<SelectListItem>> StoreItemsAsync()
    {
        var items = new List<SelectListItem> { new(await _helper.AllTextAsync(), "0") };
        foreach (var store in await _storeService.GetAllStoresAsync() ?? new List<Nop.Core.Domain.Stores.Store>())
            items.Add(new SelectListItem(store.Name, store.Id.ToString()));
        return items;
    }

    #endregion
}
