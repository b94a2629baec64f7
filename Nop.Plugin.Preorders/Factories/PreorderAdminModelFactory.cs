using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Core;
using Nop.Core.Domain.Directory;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Models.Admin;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Payments;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Catalog;
using Nop.Services.Customers;
using Nop.Services.Directory;
using Nop.Services.Helpers;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Services.Security;
using Nop.Services.Stores;
using Nop.Web.Framework.Models.Extensions;

namespace Nop.Plugin.Preorders.Factories;

/// <summary>
/// Admin models: grid filters and rows, the campaign dashboard, the order and product blocks, the
/// configuration page. Amounts in the primary store currency; dates in the store's time zone. Grid data
/// comes from <see cref="PreorderGridQueryService"/> (SQL paging); only the page's rows are mapped here.
/// </summary>
public class PreorderAdminModelFactory
{
    private const int HistorySize = 100;

    private readonly CapReservationService _capReservationService;
    private readonly CurrencySettings _currencySettings;
    private readonly ICurrencyService _currencyService;
    private readonly ICustomerService _customerService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly IPermissionService _permissionService;
    private readonly IPriceFormatter _priceFormatter;
    private readonly IProductAttributeService _productAttributeService;
    private readonly IProductService _productService;
    private readonly IRepository<PreorderAuditEntry> _auditRepository;
    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly IStoreService _storeService;
    private readonly IWorkContext _workContext;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderConfigurationService _configurationService;
    private readonly PreorderDashboardService _dashboardService;
    private readonly PreorderGridQueryService _gridQueryService;
    private readonly PreorderLedgerService _ledgerService;

    private Currency _primaryCurrency;

    public PreorderAdminModelFactory(CapReservationService capReservationService,
        CurrencySettings currencySettings,
        ICurrencyService currencyService,
        ICustomerService customerService,
        IDateTimeHelper dateTimeHelper,
        ILocalizationService localizationService,
        IOrderService orderService,
        IPermissionService permissionService,
        IPriceFormatter priceFormatter,
        IProductAttributeService productAttributeService,
        IProductService productService,
        IRepository<PreorderAuditEntry> auditRepository,
        IRepository<PreorderProfile> profileRepository,
        IStoreService storeService,
        PreorderCatalogService catalogService,
        PreorderConfigurationService configurationService,
        PreorderDashboardService dashboardService,
        PreorderGridQueryService gridQueryService,
        PreorderLedgerService ledgerService,
        IWorkContext workContext)
    {
        _workContext = workContext;
        _capReservationService = capReservationService;
        _currencySettings = currencySettings;
        _currencyService = currencyService;
        _customerService = customerService;
        _dateTimeHelper = dateTimeHelper;
        _localizationService = localizationService;
        _orderService = orderService;
        _permissionService = permissionService;
        _priceFormatter = priceFormatter;
        _productAttributeService = productAttributeService;
        _productService = productService;
        _auditRepository = auditRepository;
        _profileRepository = profileRepository;
        _storeService = storeService;
        _catalogService = catalogService;
        _configurationService = configurationService;
        _dashboardService = dashboardService;
        _gridQueryService = gridQueryService;
        _ledgerService = ledgerService;
    }

    /// <summary>The store's time zone: merchants type and read dates in it.</summary>
    public virtual TimeZoneInfo StoreTimeZone => _dateTimeHelper.DefaultStoreTimeZone ?? TimeZoneInfo.Utc;

    #region Pre-orders grid

    public virtual async Task<PreorderSearchModel> PrepareSearchModelAsync(PreorderSearchModel searchModel)
    {
        searchModel ??= new PreorderSearchModel();
        searchModel.AvailableStates = await StateItemsAsync(true);
        searchModel.AvailableProducts = await ProductItemsAsync();
        searchModel.AvailableStores = await StoreItemsAsync();
        searchModel.AvailableSettlements = await SettlementItemsAsync();
        searchModel.AvailablePaymentKinds = new List<SelectListItem>
        {
            new(await ResourceAsync("Ledger.Kind.Balance"), ((int)LedgerEntryKind.Balance).ToString()),
            new(await ResourceAsync("Ledger.Kind.Deposit"), ((int)LedgerEntryKind.Deposit).ToString())
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
            CustomerId = await CustomerIdOfAsync(searchModel.SearchCustomerEmail),
            CountryCode = string.IsNullOrWhiteSpace(searchModel.SearchCountryCode) ? null : searchModel.SearchCountryCode.Trim(),
            PlacedFromUtc = DayStartUtc(searchModel.PlacedFrom, zone),
            PlacedToUtc = DayEndUtc(searchModel.PlacedTo, zone),
            DueFromUtc = DayStartUtc(searchModel.DueFrom, zone),
            DueToUtc = DayEndUtc(searchModel.DueTo, zone),
            ShipFromUtc = DayStartUtc(searchModel.ShipFrom, zone),
            ShipToUtc = DayEndUtc(searchModel.ShipTo, zone),
            ExtensionRequested = searchModel.SearchExtensionRequested
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
        var emails = await EmailsAsync(rows.Select(r => r.CustomerId));
        var products = await ProductNamesAsync(rows.Select(r => r.ProductId));
        var orders = await OrderNumbersAsync(rows.Select(r => r.OrderId));
        var states = await StateNamesAsync();
        var modes = await PaymentModeNamesAsync();
        var requests = await _gridQueryService.GetPendingExtensionRequestsAsync(rows.Select(r => r.Id));
        var requestText = await ResourceAsync("Grid.ExtensionRequest.Text");
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
                PaymentMode = modes.GetValueOrDefault(r.PaymentModeId),
                DepositPaid = await PriceAsync(r.DepositPaid),
                BalanceDue = await PriceAsync(r.BalanceDue),
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
        var all = await _localizationService.GetResourceAsync("Admin.Common.All");
        searchModel.AvailableKinds = new List<SelectListItem> { new(all, "0") };
        foreach (var kind in Enum.GetValues<LedgerEntryKind>())
            searchModel.AvailableKinds.Add(new SelectListItem(await ResourceAsync("Ledger.Kind." + kind), ((int)kind).ToString()));
        searchModel.AvailableStatuses = new List<SelectListItem> { new(all, "0") };
        foreach (var status in Enum.GetValues<LedgerEntryStatus>())
            searchModel.AvailableStatuses.Add(new SelectListItem(await ResourceAsync("Ledger.Status." + status), ((int)status).ToString()));
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
            CustomerId = await CustomerIdOfAsync(searchModel.SearchCustomerEmail),
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
        list.TotalCollected = await PriceAsync(totals.Collected);
        list.TotalRefunded = await PriceAsync(totals.Refunded);
        list.TotalForfeited = await PriceAsync(totals.Forfeited);
        list.TotalTransferred = await PriceAsync(totals.Transferred);
        list.NetHeld = await PriceAsync(totals.NetHeld);
        list.PendingCount = totals.Pending;
        list.FailedCount = totals.Failed;
    }

    public virtual async Task<IList<LedgerEntryModel>> PrepareLedgerModelsAsync(IList<LedgerRow> rows)
    {
        var zone = StoreTimeZone;
        var emails = await EmailsAsync(rows.Select(r => r.CustomerId).Concat(rows.Select(r => r.RecordedByCustomerId)));
        var orders = await OrderNumbersAsync(rows.Select(r => r.OrderId));
        var kinds = new Dictionary<int, string>();
        foreach (var kind in Enum.GetValues<LedgerEntryKind>())
            kinds[(int)kind] = await ResourceAsync("Ledger.Kind." + kind);
        var statuses = new Dictionary<int, string>();
        foreach (var status in Enum.GetValues<LedgerEntryStatus>())
            statuses[(int)status] = await ResourceAsync("Ledger.Status." + status);
        var system = await ResourceAsync("Ledger.System");

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
                Amount = await PriceAsync(r.Amount),
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

    #region Campaign

    public virtual async Task<CampaignModel> PrepareCampaignModelAsync(int productId)
    {
        var zone = StoreTimeZone;
        var product = await _productService.GetProductByIdAsync(productId);
        var profile = await _catalogService.GetProfileAsync(productId);
        var stats = await _dashboardService.GetCampaignAsync(productId, zone);
        var combinations = await _productAttributeService.GetAllProductAttributeCombinationsAsync(productId) ?? new List<Nop.Core.Domain.Catalog.ProductAttributeCombination>();
        var states = await StateNamesAsync();
        var noCap = await ResourceAsync("Campaign.NoCap");

        var model = new CampaignModel
        {
            ProductId = productId,
            ProductName = product?.Name ?? productId.ToString(),
            Enabled = profile?.Enabled == true && profile.ReleasedOnUtc == null,
            WindowText = profile == null ? string.Empty : $"{FormatDateTime(profile.WindowStartUtc, zone)} – {FormatDateTime(profile.WindowEndUtc, zone)}",
            ExpectedShipText = profile?.ExpectedShipDateUtc is DateTime ship ? StoreTime.ToLocal(ship, zone).ToString("d") : profile?.ExpectedSoonText,
            Orders = stats.Orders,
            Units = stats.Units,
            ActiveUnits = stats.ActiveUnits,
            DepositsCollected = await PriceAsync(stats.DepositsCollected),
            BalanceOutstanding = await PriceAsync(stats.BalanceOutstanding),
            Refunded = await PriceAsync(stats.Refunded),
            DepositLines = stats.DepositLines,
            ConvertedLines = stats.ConvertedLines,
            ConversionText = stats.ConversionPercent is decimal percent ? $"{percent:0.#} %" : "—",
            AverageDaysToBalanceText = stats.AverageDaysToBalance is double days ? days.ToString("0.#") : "—",
            CancelledLines = stats.CancelledLines,
            ExpiredLines = stats.ExpiredLines,
            CanManage = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage)
        };
        foreach (var cap in stats.Caps)
        {
            var combination = combinations.FirstOrDefault(c => c.Id == cap.CombinationId);
            model.Caps.Add(new CampaignCapModel
            {
                CombinationId = cap.CombinationId,
                Scope = cap.CombinationId == 0 ? await ResourceAsync("Campaign.WholeProduct") : combination?.Sku ?? $"#{cap.CombinationId}",
                Sold = cap.Sold,
                CapText = cap.Cap?.ToString() ?? noCap,
                RemainingText = cap.Remaining?.ToString() ?? "—",
                ProgressPercent = cap.ProgressPercent
            });
        }
        foreach (var state in stats.ByState)
            model.ByState.Add(new CampaignCountModel { Label = states.GetValueOrDefault((int)state.State), Lines = state.Lines, Units = state.Units });
        foreach (var day in stats.ByDay)
        {
            model.DayLabels.Add(day.Day.ToString("yyyy-MM-dd"));
            model.DayOrders.Add(day.Orders);
            model.DayUnits.Add(day.Units);
        }
        foreach (var reason in stats.CancellationReasons)
            model.CancellationReasons.Add(new CampaignCountModel { Label = await ReasonNameAsync(reason.Reason), Lines = reason.Lines, Units = reason.Units });
        foreach (var comment in stats.CancellationComments)
            model.CancellationComments.Add(new CampaignCommentModel { Reason = await ReasonNameAsync(comment.Reason), Text = comment.Text, On = FormatDate(comment.ClosedOnUtc, zone) });
        var unknownCountry = await ResourceAsync("Campaign.UnknownCountry");
        foreach (var country in stats.Countries)
            model.Countries.Add(new CampaignCountModel { Label = string.IsNullOrWhiteSpace(country.CountryCode) ? unknownCountry : country.CountryCode, Orders = country.Orders, Units = country.Units });

        model.AvailableCombinations.Add(new SelectListItem(await ResourceAsync("Campaign.WholeProduct"), "0"));
        foreach (var combination in combinations)
            model.AvailableCombinations.Add(new SelectListItem(combination.Sku ?? $"#{combination.Id}", combination.Id.ToString()));
        return model;
    }

    #endregion

    #region Order block

    /// <summary>The order page's block; null when the order has no pre-order lines.</summary>
    public virtual async Task<AdminOrderPreorderModel> PrepareOrderModelAsync(int orderId)
    {
        var account = await _ledgerService.GetAccountAsync(orderId);
        if (account == null)
            return null;
        // held, owed and the missing deposit from the one definition (AccountBalance)
        var balance = await _ledgerService.GetBalanceAsync(account);

        var zone = StoreTimeZone;
        var model = new AdminOrderPreorderModel
        {
            OrderId = orderId,
            AccountState = await _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + "Account." + account.State),
            OrderTotal = await PriceAsync(account.OrderTotal),
            DueAtCheckout = await PriceAsync(account.DueAtCheckout),
            Paid = await PriceAsync(account.PaidAmount),
            Refunded = await PriceAsync(account.RefundedAmount),
            Forfeited = await PriceAsync(account.ForfeitedAmount),
            Transferred = await PriceAsync(account.TransferredAmount),
            Outstanding = await PriceAsync(balance.Owed),
            OutstandingValue = balance.Owed,
            DepositMissingValue = balance.DepositOwed,
            NetHeldValue = balance.Held,
            PrimaryStoreCurrencyCode = await PrimaryCurrencyCodeAsync(),
            OrderCurrencyCode = account.CustomerCurrencyCode,
            NextDue = FormatDate(account.NextDueOnUtc, zone),
            ChargeMethod = string.IsNullOrEmpty(account.ChargeMethodSystemName) ? await ResourceAsync("Order.Offline") : account.ChargeMethodSystemName,
            AccountVersion = account.Version,
            AvailableSettlements = await SettlementItemsAsync(),
            CanManage = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage),
            CanRefund = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Refund)
        };

        var rows = await _gridQueryService.LineQuery(new PreorderLineFilter { OrderId = orderId }).OrderBy(r => r.Id).ToListAsync();
        var products = await ProductNamesAsync(rows.Select(r => r.ProductId));
        var states = await StateNamesAsync();
        var modes = await PaymentModeNamesAsync();
        foreach (var r in rows)
        {
            model.Lines.Add(new AdminOrderLineModel
            {
                Id = r.Id,
                ProductId = r.ProductId,
                ProductName = products.GetValueOrDefault(r.ProductId) ?? r.ProductId.ToString(),
                Quantity = r.Quantity,
                StateId = r.StateId,
                State = states.GetValueOrDefault(r.StateId),
                PaymentMode = modes.GetValueOrDefault(r.PaymentModeId),
                LineTotal = await PriceAsync(r.LineTotal),
                Deposit = await PriceAsync(r.DepositAmount),
                BalanceDue = await PriceAsync(balance.Line(r.Id)?.BalanceOwed ?? 0m),
                PlacedOn = FormatDateTime(r.PlacedOnUtc, zone),
                DueDate = FormatDate(r.BalanceDueOnUtc, zone),
                ExpectedShipDate = FormatDate(r.ExpectedShipDateUtc, zone),
                ExtensionCount = r.ExtensionCount,
                CloseReason = r.CloseReason,
                CancelReason = r.CancelReason == CancellationReason.NotGiven ? null : await ReasonNameAsync(r.CancelReason),
                // the merchant's note is also the close reason: shown once
                CancelReasonText = r.CancelReasonText == r.CloseReason ? null : r.CancelReasonText,
                SplitFrom = r.SplitFromLineId == 0 ? null : string.Format(await ResourceAsync("Admin.SplitFromLine"), r.SplitFromLineId),
                CanExtend = r.State is PreorderLineState.BalanceDue or PreorderLineState.Overdue,
                CanReschedule = r.State is PreorderLineState.BalanceDue or PreorderLineState.Overdue,
                CanCancel = !PreorderLineStateMachine.IsClosed(r.State)
            });
        }

        foreach (var item in await _ledgerService.GetScheduleAsync(orderId))
            model.Schedule.Add(new AdminScheduleItemModel
            {
                Sequence = item.Sequence,
                Amount = await PriceAsync(item.Amount),
                Paid = await PriceAsync(item.PaidAmount),
                DueOn = item.DueOnUtc.HasValue ? FormatDate(item.DueOnUtc, zone) : await ResourceAsync("Order.DueOnArrival")
            });

        var entries = await _gridQueryService.LedgerQuery(new LedgerFilter { OrderId = orderId }).OrderBy(r => r.Id).ToListAsync();
        foreach (var entry in await PrepareLedgerModelsAsync(entries))
            model.Ledger.Add(entry);

        var history = await _auditRepository.Table.Where(a => a.OrderId == orderId)
            .OrderByDescending(a => a.Id).Take(HistorySize).ToListAsync();
        var actors = await EmailsAsync(history.Select(h => h.CustomerId));
        var system = await ResourceAsync("Ledger.System");
        foreach (var entry in history)
            model.History.Add(new AdminHistoryItemModel
            {
                CreatedOn = FormatDateTime(entry.CreatedOnUtc, zone),
                Action = entry.Action,
                By = entry.CustomerId == 0 ? system : actors.GetValueOrDefault(entry.CustomerId) ?? entry.CustomerId.ToString(),
                Details = entry.Details
            });
        return model;
    }

    #endregion

    #region Product block

    /// <summary>The product page's block; with <paramref name="postedForm"/> (a failed save) the merchant's entries are shown again.</summary>
    public virtual async Task<AdminProductBlockModel> PrepareProductBlockModelAsync(int productId, Func<string, string> postedForm = null)
    {
        if (productId <= 0)
            return new AdminProductBlockModel { NewProduct = true };

        var zone = StoreTimeZone;
        var profile = await _catalogService.GetProfileAsync(productId);
        var counters = await _capReservationService.GetCountersAsync(productId);
        var combinations = await _productAttributeService.GetAllProductAttributeCombinationsAsync(productId) ?? new List<Nop.Core.Domain.Catalog.ProductAttributeCombination>();

        AdminProductPreorderModel model;
        if (postedForm != null && ProductPreorderForm.IsPresent(postedForm))
        {
            var culture = AdminAmountParser.CultureOf((await _workContext.GetWorkingLanguageAsync())?.LanguageCulture);
            model = ProductPreorderForm.Parse(productId, postedForm, zone, combinations.Select(c => c.Id), null, profile, culture).Model;
            model.HasProfile = profile != null;
            model.Released = profile?.ReleasedOnUtc != null;
        }
        else
        {
            model = ProductPreorderForm.ToModel(productId, profile, profile == null ? null : _catalogService.ParseRule(profile.DepositRuleJson), zone);
            foreach (var combination in combinations)
                model.CombinationCaps.Add(new CombinationCapModel { CombinationId = combination.Id, Cap = counters.FirstOrDefault(c => c.CombinationId == combination.Id)?.Cap });
        }
        if (profile == null && model.PaymentModeId == 0)
            model.PaymentModeId = (int)PreorderPaymentMode.Deposit;

        foreach (var cap in model.CombinationCaps)
        {
            var combination = combinations.FirstOrDefault(c => c.Id == cap.CombinationId);
            cap.Label = string.IsNullOrEmpty(combination?.Sku) ? $"#{cap.CombinationId}" : combination.Sku;
            cap.Sold = counters.FirstOrDefault(c => c.CombinationId == cap.CombinationId)?.Sold ?? 0;
        }
        model.Sold = counters.FirstOrDefault(c => c.CombinationId == 0)?.Sold ?? 0;
        model.SavedExpectedShipDate = profile?.ExpectedShipDateUtc is DateTime saved ? StoreTime.ToLocal(saved, zone).Date : null;
        model.AvailablePaymentModes = await PaymentModeItemsAsync();
        model.DepositRule.AvailableCombineModes = await CombineModeItemsAsync();
        model.TimeZoneName = zone.DisplayName;
        model.PrimaryStoreCurrencyCode = await PrimaryCurrencyCodeAsync();
        model.CanManage = await _permissionService.AuthorizeAsync(PreorderDefaults.Permissions.Manage);
        foreach (var change in (await _catalogService.GetShipDateChangesAsync(productId)).Take(10))
            model.ShipDateHistory.Add($"{FormatDateTime(change.CreatedOnUtc, zone)}: {FormatDate(change.OldDateUtc, zone) ?? "—"} → {FormatDate(change.NewDateUtc, zone) ?? "—"} — {change.Reason}");
        return new AdminProductBlockModel { Preorder = model };
    }

    #endregion

    #region Configuration

    public virtual async Task<PreorderConfigurationModel> PrepareConfigurationListsAsync(PreorderConfigurationModel model)
    {
        model.AvailableMixedCartPolicies = new List<SelectListItem>();
        foreach (var policy in Enum.GetValues<MixedCartPolicy>())
            model.AvailableMixedCartPolicies.Add(new SelectListItem(await ResourceAsync("Fields.MixedCart." + policy), ((int)policy).ToString()));
        model.AvailablePaymentModes = await PaymentModeItemsAsync();
        model.AvailableExpiryPolicies = new List<SelectListItem>();
        foreach (var policy in Enum.GetValues<DepositExpiryPolicy>())
            model.AvailableExpiryPolicies.Add(new SelectListItem(await ResourceAsync("Fields.ExpiryPolicy." + policy), ((int)policy).ToString()));
        foreach (var policy in Enum.GetValues<MissedShipDatePolicy>())
            model.AvailableMissedShipDatePolicies.Add(new SelectListItem(await ResourceAsync("Fields.MissedShipDate." + policy), ((int)policy).ToString()));
        model.DepositRule.AvailableCombineModes = await CombineModeItemsAsync();
        model.PrimaryStoreCurrencyCode = await PrimaryCurrencyCodeAsync();
        model.AvailableChargeMethods = new List<SelectListItem> { new(await ResourceAsync("Configure.OfflineOnly"), string.Empty) };
        foreach (var (systemName, friendlyName) in await _configurationService.GetChargeMethodsAsync())
            model.AvailableChargeMethods.Add(new SelectListItem($"{friendlyName} ({systemName})", systemName));
        // a configured method that is no longer installed stays visible, so saving does not silently switch to offline
        if (!string.IsNullOrEmpty(model.ChargeMethodSystemName) && model.AvailableChargeMethods.All(i => i.Value != model.ChargeMethodSystemName))
            model.AvailableChargeMethods.Add(new SelectListItem(model.ChargeMethodSystemName, model.ChargeMethodSystemName));
        return model;
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

    private async Task<int> CustomerIdOfAsync(string email)
    {
        if (string.IsNullOrWhiteSpace(email))
            return 0;
        var customer = await _customerService.GetCustomerByEmailAsync(email.Trim());
        return customer?.Id ?? -1;
    }

    private static DateTime? DayStartUtc(DateTime? day, TimeZoneInfo zone) => day is DateTime d ? StoreTime.ToUtc(d.Date, zone) : null;

    private static DateTime? DayEndUtc(DateTime? day, TimeZoneInfo zone) => day is DateTime d ? StoreTime.ToUtc(d.Date.AddDays(1), zone) : null;

    private static string FormatDate(DateTime? utc, TimeZoneInfo zone) => utc is DateTime d ? StoreTime.ToLocal(d, zone).ToString("d") : null;

    private static string FormatDateTime(DateTime? utc, TimeZoneInfo zone) => utc is DateTime d ? StoreTime.ToLocal(d, zone).ToString("g") : string.Empty;

    private async Task<string> PrimaryCurrencyCodeAsync()
    {
        _primaryCurrency ??= await _currencyService.GetCurrencyByIdAsync(_currencySettings.PrimaryStoreCurrencyId);
        return _primaryCurrency?.CurrencyCode;
    }

    private async Task<string> PriceAsync(decimal amount)
    {
        _primaryCurrency ??= await _currencyService.GetCurrencyByIdAsync(_currencySettings.PrimaryStoreCurrencyId);
        return await _priceFormatter.FormatPriceAsync(amount, true, _primaryCurrency);
    }

    private Task<string> ResourceAsync(string key) => _localizationService.GetResourceAsync(PreorderDefaults.ResourcePrefix + key);

    private Task<string> ReasonNameAsync(CancellationReason reason) => _localizationService.GetResourceAsync(CancellationReasonRules.ResourceKey(reason));

    private async Task<Dictionary<int, string>> EmailsAsync(IEnumerable<int> customerIds)
    {
        var ids = customerIds.Where(id => id > 0).Distinct().ToArray();
        if (ids.Length == 0)
            return new Dictionary<int, string>();
        return (await _customerService.GetCustomersByIdsAsync(ids) ?? new List<Nop.Core.Domain.Customers.Customer>()).ToDictionary(c => c.Id, c => c.Email);
    }

    private async Task<Dictionary<int, string>> ProductNamesAsync(IEnumerable<int> productIds)
    {
        var ids = productIds.Where(id => id > 0).Distinct().ToArray();
        if (ids.Length == 0)
            return new Dictionary<int, string>();
        return (await _productService.GetProductsByIdsAsync(ids) ?? new List<Nop.Core.Domain.Catalog.Product>()).ToDictionary(p => p.Id, p => p.Name);
    }

    private async Task<Dictionary<int, string>> OrderNumbersAsync(IEnumerable<int> orderIds)
    {
        var ids = orderIds.Where(id => id > 0).Distinct().ToArray();
        if (ids.Length == 0)
            return new Dictionary<int, string>();
        return (await _orderService.GetOrdersByIdsAsync(ids) ?? new List<Nop.Core.Domain.Orders.Order>()).ToDictionary(o => o.Id, o => string.IsNullOrEmpty(o.CustomOrderNumber) ? o.Id.ToString() : o.CustomOrderNumber);
    }

    private async Task<Dictionary<int, string>> StateNamesAsync()
    {
        var names = new Dictionary<int, string>();
        foreach (var state in Enum.GetValues<PreorderLineState>())
            names[(int)state] = await ResourceAsync("State." + state);
        return names;
    }

    private async Task<Dictionary<int, string>> PaymentModeNamesAsync()
    {
        var names = new Dictionary<int, string>();
        foreach (var mode in Enum.GetValues<PreorderPaymentMode>())
            names[(int)mode] = await ResourceAsync("Product.PaymentMode." + mode);
        return names;
    }

    private async Task<IList<SelectListItem>> StateItemsAsync(bool withAll)
    {
        var items = new List<SelectListItem>();
        if (withAll)
            items.Add(new SelectListItem(await _localizationService.GetResourceAsync("Admin.Common.All"), "0"));
        foreach (var (id, name) in await StateNamesAsync())
            items.Add(new SelectListItem(name, id.ToString()));
        return items;
    }

    /// <summary>Products that have a pre-order profile (the grid's product filter).</summary>
    private async Task<IList<SelectListItem>> ProductItemsAsync()
    {
        var items = new List<SelectListItem> { new(await _localizationService.GetResourceAsync("Admin.Common.All"), "0") };
        var ids = await _profileRepository.Table.Select(p => p.ProductId).OrderBy(id => id).ToListAsync();
        var names = await ProductNamesAsync(ids);
        foreach (var (id, name) in names.OrderBy(n => n.Value, StringComparer.CurrentCultureIgnoreCase))
            items.Add(new SelectListItem(name, id.ToString()));
        return items;
    }

    private async Task<IList<SelectListItem>> StoreItemsAsync()
    {
        var items = new List<SelectListItem> { new(await _localizationService.GetResourceAsync("Admin.Common.All"), "0") };
        foreach (var store in await _storeService.GetAllStoresAsync() ?? new List<Nop.Core.Domain.Stores.Store>())
            items.Add(new SelectListItem(store.Name, store.Id.ToString()));
        return items;
    }

    private async Task<IList<SelectListItem>> SettlementItemsAsync()
    {
        var items = new List<SelectListItem>();
        foreach (var settlement in Enum.GetValues<AdminSettlement>())
            items.Add(new SelectListItem(await ResourceAsync("Actions.Settlement." + settlement), ((int)settlement).ToString()));
        return items;
    }

    private async Task<IList<SelectListItem>> PaymentModeItemsAsync()
    {
        var items = new List<SelectListItem>();
        foreach (var (id, name) in await PaymentModeNamesAsync())
            items.Add(new SelectListItem(name, id.ToString()));
        return items;
    }

    private async Task<IList<SelectListItem>> CombineModeItemsAsync()
    {
        var items = new List<SelectListItem>();
        foreach (var mode in Enum.GetValues<DepositCombineMode>())
            items.Add(new SelectListItem(await ResourceAsync("Fields.DepositCombine." + mode), ((int)mode).ToString()));
        return items;
    }

    #endregion
}
