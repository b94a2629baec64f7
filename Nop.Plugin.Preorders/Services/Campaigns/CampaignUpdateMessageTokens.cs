using System.Globalization;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Helpers;
using Nop.Services.Localization;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// The campaign update e-mail (<see cref="PreorderMessageKinds.CampaignUpdate"/>), keyed to the buyer (customer), the
/// product and the update ("u{update id}"): built from the buyer's newest order with a live line of the product (its
/// billing address and language), with the stage in the message's language, the merchant's text, the product and a
/// link to turn these e-mails off. Skipped when the update was deleted, the buyer opted out or has no live line any more
/// (<see cref="CampaignUpdateRules.ShouldEmail"/>).
/// </summary>
public class CampaignUpdateMessageTokens : IPreorderKindTokens
{
    /// <summary>The account page's part where the shopper turns campaign e-mails off.</summary>
    public const string OptOutPath = "customer/preorders#campaign-updates";

    private readonly CampaignOptOutService _optOutService;
    private readonly IDateTimeHelper _dateTimeHelper;
    private readonly ILocalizationService _localizationService;
    private readonly IRepository<PreorderCampaignUpdate> _updateRepository;
    private readonly IRepository<PreorderLine> _lineRepository;

    public CampaignUpdateMessageTokens(CampaignOptOutService optOutService,
        IDateTimeHelper dateTimeHelper,
        ILocalizationService localizationService,
        IRepository<PreorderCampaignUpdate> updateRepository,
        IRepository<PreorderLine> lineRepository)
    {
        _optOutService = optOutService;
        _dateTimeHelper = dateTimeHelper;
        _localizationService = localizationService;
        _updateRepository = updateRepository;
        _lineRepository = lineRepository;
    }

    /// <summary>The key's step for an update.</summary>
    public static string Step(int updateId) => "u" + updateId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The message key of one buyer's e-mail of one update: unique per buyer and update, whichever order it is built from.</summary>
    public static string Key(int productId, int customerId, int updateId) =>
        PreorderMessageKey.Format(PreorderMessageKinds.CampaignUpdate, new[] { ("product", productId), ("customer", customerId) }, Step(updateId));

    public virtual bool Handles(string kindCode) => kindCode == PreorderMessageKinds.CampaignUpdate.Code;

    /// <summary>The buyer's newest order with a live line of the product; 0 when none is left.</summary>
    public virtual async Task<int> OrderIdAsync(PreorderMessageKey key)
    {
        var lines = await LiveLinesAsync(key.CustomerId, key.ProductId, 0);
        return lines.Count == 0 ? 0 : lines.Max(l => l.OrderId);
    }

    public virtual async Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var key = ctx.Key;
        var updateId = key.StepNumber("u") ?? 0;
        var update = updateId > 0 ? await _updateRepository.GetByIdAsync(updateId) : null;
        if (update == null || update.ProductId != key.ProductId)
        {
            ctx.SkipReason = "campaign update not found";
            return;
        }
        var lines = ctx.Order == null ? new List<PreorderLine>() : await LiveLinesAsync(key.CustomerId, key.ProductId, ctx.Order.Id);
        var optedOut = await _optOutService.IsOptedOutAsync(key.CustomerId);
        if (!CampaignUpdateRules.ShouldEmail(update.DeletedOnUtc != null, lines.Count > 0, optedOut))
        {
            ctx.SkipReason = update.DeletedOnUtc != null ? "campaign update deleted"
                : optedOut ? "opted out of campaign updates"
                : "no live pre-order of this product";
            return;
        }
        await builder.AddLineTokensAsync(ctx, account, settings, lines[0], nowUtc);
        ctx.Add(PreorderMessageTokens.CampaignStage, await StageTextAsync(update.Stage, ctx.LanguageId));
        // plain text: nopCommerce's tokenizer HTML-encodes it in the body
        ctx.Add(PreorderMessageTokens.CampaignText, update.Text ?? string.Empty);
        ctx.Add(PreorderMessageTokens.CampaignPostedOn, DateText(ctx, update.CreatedOnUtc));
        ctx.Add(PreorderMessageTokens.CampaignOptOutLink, $"{(ctx.Store.Url ?? string.Empty).TrimEnd('/')}/{OptOutPath}", true);
    }

    /// <summary>The buyer's live lines of the product (of one order when <paramref name="orderId"/> is set).</summary>
    private async Task<List<PreorderLine>> LiveLinesAsync(int customerId, int productId, int orderId)
    {
        var states = CampaignUpdateRules.BuyerStates.Select(s => (int)s).ToArray();
        var query = _lineRepository.Table.Where(l => l.CustomerId == customerId && l.ProductId == productId && states.Contains(l.StateId));
        if (orderId > 0)
            query = query.Where(l => l.OrderId == orderId);
        return await query.OrderBy(l => l.Id).ToListAsync();
    }

    private async Task<string> StageTextAsync(CampaignStage stage, int languageId)
    {
        var resourceKey = CampaignUpdateRules.ResourceKey(stage);
        var english = Infrastructure.PreorderLocaleResources.All.TryGetValue(resourceKey, out var texts) ? texts.En : stage.ToString();
        var text = await _localizationService.GetResourceAsync(resourceKey, languageId, logIfNotFound: false, defaultValue: english, returnEmptyIfNotFound: false);
        return string.IsNullOrEmpty(text) ? english : text;
    }

    /// <summary>A date in the store's time zone, as the message's language writes dates (as the builder does).</summary>
    private string DateText(PreorderMessageContext ctx, DateTime utc)
    {
        var zone = _dateTimeHelper.DefaultStoreTimeZone ?? TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("D", ctx.Culture);
    }
}
