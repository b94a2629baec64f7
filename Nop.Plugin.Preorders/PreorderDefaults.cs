using Nop.Core.Caching;

namespace Nop.Plugin.Preorders;

/// <summary>Constants of the plugin: names, routes, cache keys, locale resource keys, templates.</summary>
public static class PreorderDefaults
{
    public const string SystemName = "Misc.Preorders";

    public const string ResourcePrefix = "Plugins.Misc.Preorders.";

    /// <summary>The storefront stylesheet (Content/preorders.css), added to the page head by the public views.</summary>
    public const string Stylesheet = "~/Plugins/Misc.Preorders/Content/preorders.css";

    /// <summary>Value of the "Method" column of ledger entries confirmed by an admin.</summary>
    public const string OfflineMethod = "Offline";

    public const string GiftCardMethod = "GiftCard";

    /// <summary>Value of the "Method" column of the two entries of a swap: money moved between lines of one order, no gateway.</summary>
    public const string SwapMethod = "Swap";

    /// <summary>Type name of the scheduled task (nopCommerce finds it by name).</summary>
    public const string TaskType = "Nop.Plugin.Preorders.Services.Tasks.PreorderAutomationTask";

    public const string TaskName = "Pre-orders: allocation, reminders, expiry, digest";

    public const int TaskPeriodSeconds = 300;

    /// <summary>How often a node writes the product page views it counted in memory (the first view after the period flushes).</summary>
    public const int ProductViewFlushSeconds = 60;

    /// <summary>Custom value written on the order at checkout so the order details show the split.</summary>
    public const string CustomValueDepositNow = "Pre-order deposit paid now";

    public const string CustomValueBalanceLater = "Pre-order balance later";

    /// <summary>Checkout form field names of the deposit payment info step.</summary>
    public const string FormAcceptTerms = "preorders-accept-terms";

    public const string FormDepositChoice = "preorders-deposit-choice";

    public const string WebhookSignatureHeader = "X-Preorders-Signature";

    public const string WebhookEventHeader = "X-Preorders-Event";

    /// <summary>Setting key of a discount requirement's "first N units" (N, 0 = no limit); {0} = discount requirement id.</summary>
    public const string DiscountRequirementSettingsKey = "DiscountRequirement.Preorders.FirstUnits-{0}";

    /// <summary>HTML field prefix of a discount requirement's configuration box (several boxes share nopCommerce's discount page); {0} = requirement id.</summary>
    public const string DiscountRequirementHtmlFieldPrefix = "PreorderDiscountRequirement{0}";

    public static class Routes
    {
        public const string Configure = "Plugin.Misc.Preorders.Configure";
        public const string AdminList = "Plugin.Misc.Preorders.Admin.List";
        public const string AdminLedger = "Plugin.Misc.Preorders.Admin.Ledger";
        public const string AdminCampaign = "Plugin.Misc.Preorders.Admin.Campaign";
        public const string CustomerPreorders = "Plugin.Misc.Preorders.CustomerPreorders";
        /// <summary>The e-mailed link (token in the path): exchanged for a session cookie, then redirected to <see cref="BalanceOrder"/>.</summary>
        public const string BalancePage = "Plugin.Misc.Preorders.Balance";
        /// <summary>The token-free balance page of an order (the link's session cookie).</summary>
        public const string BalanceOrder = "Plugin.Misc.Preorders.BalanceOrder";
        public const string DiscountRequirementConfigure = "Plugin.Misc.Preorders.DiscountRequirement.Configure";
        /// <summary>Units left of the attribute combination picked on the product page (JSON, read by the block's script).</summary>
        public const string CombinationUnits = "Plugin.Misc.Preorders.CombinationUnits";
        public const string Reserve = "Plugin.Misc.Preorders.Reserve";
        /// <summary>The waitlist's signed links (confirm, leave) from its e-mails, and the product page's join and leave posts.</summary>
        public const string WaitlistConfirm = "Plugin.Misc.Preorders.WaitlistConfirm";
        public const string WaitlistLeaveByLink = "Plugin.Misc.Preorders.WaitlistLeaveByLink";
        public const string WaitlistJoin = "Plugin.Misc.Preorders.WaitlistJoin";
        public const string WaitlistLeave = "Plugin.Misc.Preorders.WaitlistLeave";
    }

    /// <summary>Admin pages: menu system names and view paths.</summary>
    public static class Admin
    {
        public const string MenuSystemName = "Misc.Preorders.Preorders";
        public const string LedgerMenuSystemName = "Misc.Preorders.Ledger";
        public const string AnalyticsMenuSystemName = "Misc.Preorders.Analytics";
        public const string ViewsPath = "~/Plugins/Misc.Preorders/Views/Admin/";
        /// <summary>Prefix of the product block's form fields (keeps them apart from nopCommerce's own product fields).</summary>
        public const string ProductFormPrefix = "Preorder";
    }

    public static class Permissions
    {
        /// <summary>nopCommerce's system name of the administrators role (NopCustomerDefaults.AdministratorsRoleName), granted the plugin's permissions by default.</summary>
        public const string AdministratorsRole = "Administrators";

        public const string View = "Misc.Preorders.View";
        public const string Manage = "Misc.Preorders.Manage";
        public const string Refund = "Misc.Preorders.Refund";
    }

    public static class Cache
    {
        public const string Prefix = "Nop.plugins.misc.preorders.";

        /// <summary>Key of a product's pre-order snapshot (profile + counters); {0} = product id.</summary>
        public static CacheKey ProductSnapshotKey => new(Prefix + "product.{0}");

        /// <summary>Key of a product's attribute-combination counters (caps and units sold per combination); {0} = product id.</summary>
        public static CacheKey ProductCombinationsKey => new(Prefix + "combinations.{0}");

        /// <summary>Every deposit rule of a category or a customer role (a small table, read whole); cleared when one is saved or deleted.</summary>
        public static CacheKey DepositScopeRulesKey => new(Prefix + "depositscoperules");

        /// <summary>What the reconciliation remembers between runs (<c>ReconciliationState</c>): kept a week, lost on a restart.</summary>
        public static CacheKey ReconciliationStateKey => new(Prefix + "reconciliation.state");

        /// <summary>When the scheduled allocation sweep last ran (a safety net, hourly).</summary>
        public static CacheKey AllocationSweepKey => new(Prefix + "automation.sweep");

        /// <summary>A product's campaign updates that stand, newest first (the product page's timeline); {0} = product id.</summary>
        public static CacheKey CampaignTimelineKey => new(Prefix + "campaignupdates.{0}");

        /// <summary>Minutes the task's memory (reconciliation state, sweep time) is kept in the cache.</summary>
        public const int TaskStateCacheMinutes = 7 * 24 * 60;
    }

    public static class Templates
    {
        public const string PreorderConfirmed = "Preorders.Customer.PreorderConfirmed";
        public const string DepositReceived = "Preorders.Customer.DepositReceived";
        public const string ShipDateChanged = "Preorders.Customer.ShipDateChanged";
        public const string StockArrivedBalanceDue = "Preorders.Customer.StockArrivedBalanceDue";
        public const string BalanceReminder = "Preorders.Customer.BalanceReminder";
        public const string UpcomingCharge = "Preorders.Customer.UpcomingCharge";
        public const string ChargeFailed = "Preorders.Customer.ChargeFailed";
        public const string ReservationExpiring = "Preorders.Customer.ReservationExpiring";
        public const string ReservationExpired = "Preorders.Customer.ReservationExpired";
        public const string PaidInFull = "Preorders.Customer.PaidInFull";
        public const string CancelledRefunded = "Preorders.Customer.CancelledRefunded";
        public const string ThankYouReview = "Preorders.Customer.ThankYouReview";
        public const string BuyersMessage = "Preorders.Customer.MerchantMessage";
        public const string BalanceLink = "Preorders.Customer.BalanceLink";
        public const string CancelledThroughLink = "Preorders.Customer.CancelledThroughLink";
        public const string StoreNewPreorder = "Preorders.StoreOwner.NewPreorder";
        public const string StoreCapReached = "Preorders.StoreOwner.CapReached";
        public const string StoreDepositConfirmed = "Preorders.StoreOwner.DepositConfirmed";
        public const string StoreBalanceOverdue = "Preorders.StoreOwner.BalanceOverdue";
        public const string StoreReservationExpired = "Preorders.StoreOwner.ReservationExpired";
        public const string StoreDailyDigest = "Preorders.StoreOwner.DailyDigest";
        public const string ExtensionGranted = "Preorders.Customer.ExtensionGranted";
        public const string RefundMade = "Preorders.Customer.RefundMade";
        public const string LineShipped = "Preorders.Customer.LineShipped";
        public const string StoreWindowClosing = "Preorders.StoreOwner.WindowClosing";
        public const string StoreCapNearlyReached = "Preorders.StoreOwner.CapNearlyReached";
        public const string StoreExtensionRequested = "Preorders.StoreOwner.ExtensionRequested";
        public const string ExtensionDeclined = "Preorders.Customer.ExtensionDeclined";
        public const string MissedShipDate = "Preorders.Customer.MissedShipDate";
        public const string CampaignUpdate = "Preorders.Customer.CampaignUpdate";
        public const string WaitlistConfirm = "Preorders.Customer.WaitlistConfirm";
        public const string WaitlistLaunch = "Preorders.Customer.WaitlistLaunch";
    }

    /// <summary>Locale resource keys (texts in Infrastructure/PreorderLocaleResources.cs, English and Russian).</summary>
    public static class Resources
    {
        public const string DepositPercentRange = ResourcePrefix + "Errors.DepositPercentRange";
        public const string DepositNegative = ResourcePrefix + "Errors.DepositNegative";
        public const string DepositMinAboveMax = ResourcePrefix + "Errors.DepositMinAboveMax";
        public const string DepositFixedRequired = ResourcePrefix + "Errors.DepositFixedRequired";
        public const string DepositInstallmentsRange = ResourcePrefix + "Errors.DepositInstallmentsRange";
        public const string DepositChoiceUnknown = ResourcePrefix + "Errors.DepositChoiceUnknown";
        public const string IllegalTransition = ResourcePrefix + "Errors.IllegalTransition";
        public const string CapNegative = ResourcePrefix + "Errors.CapNegative";
        public const string CapBelowSold = ResourcePrefix + "Errors.CapBelowSold";
        public const string CapReached = ResourcePrefix + "Errors.CapReached";
        public const string ReservationTermRange = ResourcePrefix + "Errors.ReservationTermRange";
        public const string ReservationNotOffered = ResourcePrefix + "Errors.ReservationNotOffered";
        public const string ReservationNoStock = ResourcePrefix + "Errors.ReservationNoStock";
        public const string ReservationUnitTaken = ResourcePrefix + "Errors.ReservationUnitTaken";
        public const string PerCustomerLimitRange = ResourcePrefix + "Errors.PerCustomerLimitRange";
        public const string PerCustomerLimitReached = ResourcePrefix + "Errors.PerCustomerLimitReached";
        public const string CombinationCapReached = ResourcePrefix + "Errors.CombinationCapReached";
        public const string CombinationSoldOut = ResourcePrefix + "Product.CombinationSoldOut";
        public const string CombinationUnitsLeft = ResourcePrefix + "Product.CombinationUnitsLeft";
        public const string LimitRefusedNote = ResourcePrefix + "Order.LimitRefusedNote";
        public const string WindowEndBeforeStart = ResourcePrefix + "Errors.WindowEndBeforeStart";
        public const string WindowNotOpen = ResourcePrefix + "Errors.WindowNotOpen";
        public const string WindowClosed = ResourcePrefix + "Errors.WindowClosed";
        public const string ShipDateInPast = ResourcePrefix + "Errors.ShipDateInPast";
        public const string CountryUnknown = ResourcePrefix + "Errors.CountryUnknown";
        public const string CountryExcluded = ResourcePrefix + "Errors.CountryExcluded";
        public const string PaymentModeUnknown = ResourcePrefix + "Errors.PaymentModeUnknown";
        public const string TextTooLong = ResourcePrefix + "Errors.TextTooLong";
        public const string MixedCartForbidden = ResourcePrefix + "Errors.MixedCartForbidden";
        public const string TermsNotAccepted = ResourcePrefix + "Errors.TermsNotAccepted";
        public const string SurchargeIncluded = ResourcePrefix + "Cart.SurchargeIncluded";
        public const string AmountInvalid = ResourcePrefix + "Errors.AmountInvalid";
        public const string AmountAmbiguous = ResourcePrefix + "Errors.AmountAmbiguous";
        public const string AmountUnreadable = ResourcePrefix + "Errors.AmountUnreadable";
        public const string AmountsCurrencyHint = ResourcePrefix + "Order.AmountsCurrencyHint";
        public const string AmountAboveOutstanding = ResourcePrefix + "Errors.AmountAboveOutstanding";
        public const string RefundAboveHeld = ResourcePrefix + "Errors.RefundAboveHeld";
        public const string CurrencyMismatch = ResourcePrefix + "Errors.CurrencyMismatch";
        public const string LinkInvalid = ResourcePrefix + "Errors.LinkInvalid";
        public const string LinkExpired = ResourcePrefix + "Errors.LinkExpired";
        /// <summary>The balance page session (cookie) is missing or ended: open the e-mailed link again.</summary>
        public const string LinkSessionEnded = ResourcePrefix + "Errors.LinkSessionEnded";
        /// <summary>The link's order has nothing left to pay, cancel or extend.</summary>
        public const string LinkNothingToDo = ResourcePrefix + "Errors.LinkNothingToDo";
        public const string OrderNotFound = ResourcePrefix + "Errors.OrderNotFound";
        public const string NothingOutstanding = ResourcePrefix + "Errors.NothingOutstanding";
        public const string ExtensionNotAllowed = ResourcePrefix + "Errors.ExtensionNotAllowed";
        public const string ExtensionRequestPending = ResourcePrefix + "Errors.ExtensionRequestPending";
        public const string ExtensionRequestNotNeeded = ResourcePrefix + "Errors.ExtensionRequestNotNeeded";
        public const string ExtensionRequestDaysRange = ResourcePrefix + "Errors.ExtensionRequestDaysRange";
        public const string ExtensionRequestNotPending = ResourcePrefix + "Errors.ExtensionRequestNotPending";
        public const string CancelNotAllowed = ResourcePrefix + "Errors.CancelNotAllowed";
        public const string ChargeFailed = ResourcePrefix + "Errors.ChargeFailed";
        public const string SettingsRange = ResourcePrefix + "Errors.SettingsRange";
        public const string ReasonRequired = ResourcePrefix + "Errors.ReasonRequired";
        /// <summary>Cancellation reasons (schema 1.7): none chosen, not on the list, text too long ({0}: the limit).</summary>
        public const string CancelReasonRequired = ResourcePrefix + "Errors.CancelReasonRequired";
        public const string CancelReasonUnknown = ResourcePrefix + "Errors.CancelReasonUnknown";
        public const string CancelReasonTooLong = ResourcePrefix + "Errors.CancelReasonTooLong";
        public const string ConcurrentChange = ResourcePrefix + "Errors.ConcurrentChange";
        public const string PaymentInProgress = ResourcePrefix + "Errors.PaymentInProgress";
        public const string OrderBeingPlaced = ResourcePrefix + "Errors.OrderBeingPlaced";
        public const string ShipmentHasUnreadyLines = ResourcePrefix + "OrderNotes.ShipmentHasUnreadyLines";
        public const string ShipmentAwaitsPayment = ResourcePrefix + "OrderNotes.ShipmentAwaitsPayment";
        public const string ShipmentChargeAwaitingGateway = ResourcePrefix + "OrderNotes.ShipmentChargeAwaitingGateway";
        public const string ShipmentBalanceLinkSent = ResourcePrefix + "OrderNotes.ShipmentBalanceLinkSent";
        public const string ShippedWithoutPayment = ResourcePrefix + "OrderNotes.ShippedWithoutPayment";

        // admin pages (texts in Infrastructure/PreorderLocaleResources.Admin.cs)
        public const string ReferenceRequired = ResourcePrefix + "Errors.ReferenceRequired";
        public const string AttemptNotOnItsWay = ResourcePrefix + "Errors.AttemptNotOnItsWay";
        public const string MessageRequired = ResourcePrefix + "Errors.MessageRequired";
        public const string ProfileNotFound = ResourcePrefix + "Errors.ProfileNotFound";
        public const string DueDateInPast = ResourcePrefix + "Errors.DueDateInPast";
        public const string RescheduleNotAllowed = ResourcePrefix + "Errors.RescheduleNotAllowed";
        public const string AlreadyClosed = ResourcePrefix + "Errors.AlreadyClosed";
        public const string ShipDateUnchanged = ResourcePrefix + "Errors.ShipDateUnchanged";
        public const string NothingSelected = ResourcePrefix + "Errors.NothingSelected";
        public const string TooManySelected = ResourcePrefix + "Errors.TooManySelected";
        public const string ValueInvalid = ResourcePrefix + "Errors.ValueInvalid";
        public const string RuleLineInvalid = ResourcePrefix + "Errors.RuleLineInvalid";
        public const string ReminderDaysInvalid = ResourcePrefix + "Errors.ReminderDaysInvalid";
        public const string WebhookUrlInvalid = ResourcePrefix + "Errors.WebhookUrlInvalid";
        public const string WebhookSecretTooShort = ResourcePrefix + "Errors.WebhookSecretTooShort";
        public const string ChargeMethodInvalid = ResourcePrefix + "Errors.ChargeMethodInvalid";
        public const string PaymentKindInvalid = ResourcePrefix + "Errors.PaymentKindInvalid";

        // campaign updates (texts in Infrastructure/PreorderLocaleResources.Campaign.cs)
        public const string CampaignStageUnknown = ResourcePrefix + "Errors.CampaignStageUnknown";
        public const string CampaignTextRequired = ResourcePrefix + "Errors.CampaignTextRequired";
        public const string CampaignTextTooLong = ResourcePrefix + "Errors.CampaignTextTooLong";
        public const string CampaignUpdateNotFound = ResourcePrefix + "Errors.CampaignUpdateNotFound";

        // delay compensation and swap (texts in Infrastructure/PreorderLocaleResources.Compensation.cs)
        public const string CompensationKindUnknown = ResourcePrefix + "Errors.CompensationKindUnknown";
        public const string CompensationAmountInvalid = ResourcePrefix + "Errors.CompensationAmountInvalid";
        public const string CompensationPercentTooHigh = ResourcePrefix + "Errors.CompensationPercentTooHigh";
        public const string CompensationRefundIsAmount = ResourcePrefix + "Errors.CompensationRefundIsAmount";
        public const string SwapSameProduct = ResourcePrefix + "Errors.SwapSameProduct";
        public const string SwapTargetNotPreorder = ResourcePrefix + "Errors.SwapTargetNotPreorder";
        public const string SwapNotOffered = ResourcePrefix + "Errors.SwapNotOffered";
        public const string SwapLineNotWaiting = ResourcePrefix + "Errors.SwapLineNotWaiting";
        public const string SwapTargetSoldOut = ResourcePrefix + "Errors.SwapTargetSoldOut";
        public const string SwapDone = ResourcePrefix + "Swap.Done";
        // waitlist (texts in Infrastructure/PreorderLocaleResources.Waitlist.cs)
        public const string WaitlistNotComingSoon = ResourcePrefix + "Errors.WaitlistNotComingSoon";
        public const string WaitlistInvalidEmail = ResourcePrefix + "Errors.WaitlistInvalidEmail";
        public const string WaitlistFirstAccessHoursRange = ResourcePrefix + "Errors.WaitlistFirstAccessHoursRange";
        public const string WaitlistFirstAccessOnly = ResourcePrefix + "Errors.WaitlistFirstAccessOnly";
        public const string WaitlistFirstAccessRefusedNote = ResourcePrefix + "Waitlist.FirstAccessRefusedNote";

        // discount requirement (texts in Infrastructure/PreorderLocaleResources.Discounts.cs)
        public const string DiscountIsPreorder = ResourcePrefix + "Discount.IsPreorder";
        public const string DiscountFirstUnits = ResourcePrefix + "Discount.FirstUnits";
        public const string DiscountFirstUnitsNegative = ResourcePrefix + "Errors.DiscountFirstUnitsNegative";
        public const string DiscountNotFound = ResourcePrefix + "Errors.DiscountNotFound";
        public const string DiscountRequirementNotFound = ResourcePrefix + "Errors.DiscountRequirementNotFound";
        public const string DiscountNotApplicable = ResourcePrefix + "Discount.NotApplicable";
    }
}
