using System.Globalization;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Services.Rules;
using Nop.Services.Seo;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// The waitlist's two e-mails, keyed to the waitlist row ("w{row id}") with its product and store, built from the row as
/// it is when the e-mail is sent: the guest's confirmation (<see cref="PreorderMessageKinds.WaitlistConfirm"/>, skipped
/// once the row is confirmed or gone) and the launch (<see cref="PreorderMessageKinds.WaitlistLaunch"/>, skipped when the
/// row is gone or unconfirmed, or the window is not open any more). Both go to the row's address, in its language, with
/// the signed leave link; the confirmation carries the signed confirm link.
/// </summary>
public class WaitlistMessageTokens : IPreorderKindTokens
{
    public const string ConfirmLinkToken = PreorderMessageTokens.WaitlistConfirmLink;
    public const string LeaveLinkToken = PreorderMessageTokens.WaitlistLeaveLink;
    public const string ProductLinkToken = PreorderMessageTokens.WaitlistProductLink;
    public const string OpensOnToken = PreorderMessageTokens.WaitlistOpensOn;
    public const string HasFirstAccessToken = PreorderMessageTokens.WaitlistHasFirstAccess;
    public const string FirstAccessEndsToken = PreorderMessageTokens.WaitlistFirstAccessEnds;

    /// <summary>The path of the confirm link: {0} row id, {1} signature (see the route in RouteProvider).</summary>
    public const string ConfirmPath = "preorders/waitlist/confirm/{0}/{1}";
    public const string LeavePath = "preorders/waitlist/leave/{0}/{1}";

    private readonly IRepository<PreorderProfile> _profileRepository;
    private readonly IRepository<PreorderWaitlistEntry> _entryRepository;
    private readonly IUrlRecordService _urlRecordService;
    private readonly WaitlistService _waitlistService;

    public WaitlistMessageTokens(IRepository<PreorderProfile> profileRepository,
        IRepository<PreorderWaitlistEntry> entryRepository,
        IUrlRecordService urlRecordService,
        WaitlistService waitlistService)
    {
        _profileRepository = profileRepository;
        _entryRepository = entryRepository;
        _urlRecordService = urlRecordService;
        _waitlistService = waitlistService;
    }

    public static string Step(int entryId) => "w" + entryId.ToString(CultureInfo.InvariantCulture);

    public static string ConfirmKey(int productId, int storeId, int entryId) =>
        PreorderMessageKey.Format(PreorderMessageKinds.WaitlistConfirm, new[] { ("product", productId), ("store", storeId) }, Step(entryId));

    public static string LaunchKey(int productId, int storeId, int entryId) =>
        PreorderMessageKey.Format(PreorderMessageKinds.WaitlistLaunch, new[] { ("product", productId), ("store", storeId) }, Step(entryId));

    public static string ConfirmLinkPath(PreorderWaitlistEntry entry) =>
        string.Format(CultureInfo.InvariantCulture, ConfirmPath, entry.Id, WaitlistRules.Sign(entry.LinkSecret, WaitlistService.ConfirmPurpose, entry.Id, entry.Email));

    public static string LeaveLinkPath(PreorderWaitlistEntry entry) =>
        string.Format(CultureInfo.InvariantCulture, LeavePath, entry.Id, WaitlistRules.Sign(entry.LinkSecret, WaitlistService.LeavePurpose, entry.Id, entry.Email));

    public virtual bool Handles(string kindCode) => kindCode == PreorderMessageKinds.WaitlistConfirm.Code || kindCode == PreorderMessageKinds.WaitlistLaunch.Code;

    public virtual async Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var key = ctx.Key;
        var entryId = key.StepNumber("w") ?? 0;
        var entry = entryId > 0 ? await _entryRepository.GetByIdAsync(entryId) : null;
        if (entry == null || entry.ProductId != key.ProductId)
        {
            ctx.SkipReason = "left the waitlist";
            return;
        }
        var profile = await _profileRepository.Table.Where(p => p.ProductId == entry.ProductId).FirstOrDefaultAsync();
        var launch = key.Kind == PreorderMessageKinds.WaitlistLaunch;
        if (launch && !WaitlistRules.ShouldSendLaunch(entry.ConfirmedOnUtc != null, WaitlistRules.StateOf(profile, nowUtc)))
        {
            ctx.SkipReason = entry.ConfirmedOnUtc == null ? "waitlist address not confirmed" : "pre-order window not open";
            return;
        }
        if (!launch && entry.ConfirmedOnUtc != null)
        {
            ctx.SkipReason = "already confirmed";
            return;
        }

        ctx.ToEmail = entry.Email;
        ctx.ToName = string.Empty;
        ctx.Add(PreorderMessageTokens.Product, await builder.ProductNameAsync(ctx, entry.ProductId));
        var seName = await _urlRecordService.GetSeNameAsync(entry.ProductId, "Product", entry.LanguageId > 0 ? entry.LanguageId : null);
        ctx.Add(ProductLinkToken, PreorderMessageTokenBuilder.StoreUrl(ctx, seName ?? string.Empty), true);
        ctx.Add(OpensOnToken, builder.DateText(ctx, profile?.WindowStartUtc) ?? string.Empty);
        var firstAccessEnds = WaitlistRules.FirstAccessEndsUtc(profile?.WindowStartUtc, await _waitlistService.GetFirstAccessHoursAsync(entry.ProductId));
        ctx.Add(HasFirstAccessToken, firstAccessEnds.HasValue);
        ctx.Add(FirstAccessEndsToken, builder.DateText(ctx, firstAccessEnds) ?? string.Empty);
        ctx.Add(LeaveLinkToken, PreorderMessageTokenBuilder.StoreUrl(ctx, LeaveLinkPath(entry)), true);
        if (!launch)
            ctx.Add(ConfirmLinkToken, PreorderMessageTokenBuilder.StoreUrl(ctx, ConfirmLinkPath(entry)), true);
    }
}
