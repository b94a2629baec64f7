namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The plugin's own message tokens (used as <c>%Preorder.X%</c> in templates), next to nopCommerce's Store,
/// Order and Customer tokens. Amounts are formatted in the order's currency, dates in the message's language.
/// </summary>
public static class PreorderMessageTokens
{
    /// <summary>Product name(s) the message is about.</summary>
    public const string Product = "Preorder.Product";
    public const string Quantity = "Preorder.Quantity";
    /// <summary>Expected ship date (or the merchant's "expected soon" text).</summary>
    public const string ShipDate = "Preorder.ShipDate";
    public const string OldShipDate = "Preorder.OldShipDate";
    public const string NewShipDate = "Preorder.NewShipDate";
    public const string DelayReason = "Preorder.DelayReason";
    /// <summary>True when the shopper may cancel without penalty (then <see cref="CancelLink"/> is set).</summary>
    public const string CanCancelFree = "Preorder.CanCancelFree";
    public const string CancelLink = "Preorder.CancelLink";
    /// <summary>What the shopper has paid so far (net of refunds).</summary>
    public const string DepositPaid = "Preorder.DepositPaid";
    /// <summary>The payment this message is about.</summary>
    public const string PaymentAmount = "Preorder.PaymentAmount";
    public const string BalanceDue = "Preorder.BalanceDue";
    public const string HasBalanceDue = "Preorder.HasBalanceDue";
    public const string DueDate = "Preorder.DueDate";
    /// <summary>False while the balance has no due date yet (it falls due when the stock arrives).</summary>
    public const string HasDueDate = "Preorder.HasDueDate";
    /// <summary>Days left until the due date (reminders).</summary>
    public const string DaysLeft = "Preorder.DaysLeft";
    /// <summary>Personal link to the balance page (pay, cancel, extend) without signing in.</summary>
    public const string BalanceLink = "Preorder.BalanceLink";
    public const string ChargeDate = "Preorder.ChargeDate";
    public const string ChargeError = "Preorder.ChargeError";
    public const string ExpiresOn = "Preorder.ExpiresOn";
    /// <summary>What happened to the money, as a sentence in the message's language.</summary>
    public const string Settlement = "Preorder.Settlement";
    public const string RefundedAmount = "Preorder.RefundedAmount";
    public const string ForfeitedAmount = "Preorder.ForfeitedAmount";
    public const string GiftCardCode = "Preorder.GiftCardCode";
    public const string GiftCardAmount = "Preorder.GiftCardAmount";
    public const string IsRefunded = "Preorder.IsRefunded";
    public const string IsForfeited = "Preorder.IsForfeited";
    public const string IsTransferred = "Preorder.IsTransferred";
    public const string CancelReason = "Preorder.CancelReason";
    /// <summary>
    /// The reason the shopper picked when cancelling, with their comment ("Ship date too late: …"); for a merchant's
    /// cancellation only the merchant's note (the merchant's classification, such as suspected fraud, stays internal).
    /// Empty when none; plain text, HTML-encoded by nopCommerce.
    /// </summary>
    public const string CancellationReason = "Preorder.CancellationReason";
    public const string HasCancellationReason = "Preorder.HasCancellationReason";
    public const string UnitsLeft = "Preorder.UnitsLeft";
    public const string UnitsSold = "Preorder.UnitsSold";
    public const string Cap = "Preorder.Cap";
    /// <summary>HTML table of the order's payments, refunds and what remains.</summary>
    public const string LedgerSummary = "Preorder.LedgerSummary";
    public const string ReviewLink = "Preorder.ReviewLink";
    /// <summary>"My pre-orders" page of the shopper's account.</summary>
    public const string AccountLink = "Preorder.AccountLink";
    public const string AdminOrderLink = "Preorder.AdminOrderLink";
    public const string AdminProductLink = "Preorder.AdminProductLink";
    /// <summary>
    /// The merchant's free text to the buyers of a product, as typed. Plain text: nopCommerce HTML-encodes it in the
    /// body like any token not marked never-encoded (line breaks are kept by the template's <c>white-space: pre-line</c>).
    /// </summary>
    public const string MerchantMessage = "Preorder.MerchantMessage";
    /// <summary>HTML of the store owner's daily digest.</summary>
    public const string Digest = "Preorder.Digest";
    /// <summary>When a product's pre-order window closes (store owner's notice).</summary>
    public const string WindowEnd = "Preorder.WindowEnd";
    /// <summary>Days a shopper's extension request asks for (<see cref="ExtensionRequestMessageTokens"/>).</summary>
    public const string RequestedDays = "Preorder.RequestedDays";
    /// <summary>The shopper's note with an extension request, as typed (plain text: nopCommerce HTML-encodes it).</summary>
    public const string RequestMessage = "Preorder.RequestMessage";
    public const string HasRequestMessage = "Preorder.HasRequestMessage";
    /// <summary>The missed ship date notice announces an automatic refund (then <see cref="RefundDate"/> is set).</summary>
    public const string HasAutoRefund = "Preorder.HasAutoRefund";
    public const string RefundDate = "Preorder.RefundDate";
    /// <summary>The stage of a campaign update, in the message's language (<see cref="CampaignUpdateMessageTokens"/>).</summary>
    public const string CampaignStage = "Preorder.CampaignStage";
    /// <summary>The merchant's text of a campaign update, as typed (plain text: nopCommerce HTML-encodes it).</summary>
    public const string CampaignText = "Preorder.CampaignText";
    /// <summary>When the update was posted, as the message's language writes dates.</summary>
    public const string CampaignPostedOn = "Preorder.CampaignPostedOn";
    /// <summary>Where the shopper turns campaign update e-mails off (the account's pre-orders page).</summary>
    public const string CampaignOptOutLink = "Preorder.CampaignOptOutLink";
    /// <summary>What the buyer gets for a delay: the coupon code, the refund amount or the free-shipping code (<see cref="Campaigns.DelayOfferMessageTokens"/>).</summary>
    public const string DelayCompensation = "Preorder.DelayCompensation";
    public const string HasDelayCompensation = "Preorder.HasDelayCompensation";
    /// <summary>The product the buyer may move their deposit to, and the page where they do it with one click.</summary>
    public const string SwapProduct = "Preorder.SwapProduct";
    public const string HasSwapOffer = "Preorder.HasSwapOffer";
    public const string SwapLink = "Preorder.SwapLink";
    /// <summary>The waitlist's e-mails (schema 2.6): the signed confirm and leave links, the product page, the opening, first access.</summary>
    public const string WaitlistConfirmLink = "Preorder.WaitlistConfirmLink";
    public const string WaitlistLeaveLink = "Preorder.WaitlistLeaveLink";
    public const string WaitlistProductLink = "Preorder.WaitlistProductLink";
    public const string WaitlistOpensOn = "Preorder.WaitlistOpensOn";
    public const string WaitlistHasFirstAccess = "Preorder.WaitlistHasFirstAccess";
    public const string WaitlistFirstAccessEnds = "Preorder.WaitlistFirstAccessEnds";

    /// <summary>Every token, as the template editor lists them (with the % signs).</summary>
    public static IReadOnlyList<string> All { get; } = new[]
    {
        Product, Quantity, ShipDate, OldShipDate, NewShipDate, DelayReason, CanCancelFree, CancelLink,
        DepositPaid, PaymentAmount, BalanceDue, HasBalanceDue, DueDate, HasDueDate, DaysLeft, BalanceLink, ChargeDate, ChargeError,
        ExpiresOn, Settlement, RefundedAmount, ForfeitedAmount, GiftCardCode, GiftCardAmount, IsRefunded, IsForfeited,
        IsTransferred, CancelReason, CancellationReason, HasCancellationReason, UnitsLeft, UnitsSold, Cap, LedgerSummary, ReviewLink, AccountLink, AdminOrderLink,
        AdminProductLink, MerchantMessage, Digest, WindowEnd, RequestedDays, RequestMessage, HasRequestMessage, HasAutoRefund, RefundDate,
        CampaignStage, CampaignText, CampaignPostedOn, CampaignOptOutLink,
        DelayCompensation, HasDelayCompensation, SwapProduct, HasSwapOffer, SwapLink,
        WaitlistConfirmLink, WaitlistLeaveLink, WaitlistProductLink, WaitlistOpensOn, WaitlistHasFirstAccess, WaitlistFirstAccessEnds
    }.Select(t => $"%{t}%").ToList();
}
