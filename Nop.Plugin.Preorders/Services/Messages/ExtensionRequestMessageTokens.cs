using System.Globalization;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The tokens of the extension request messages: the merchant's "a shopper asks for more time" and the shopper's
/// "your request was declined". Kept apart from <see cref="PreorderMessageTokenBuilder"/>, which hands these kinds over
/// with its common helpers. The request is found from the key's step ("r{request id}").
/// </summary>
public class ExtensionRequestMessageTokens : IPreorderKindTokens
{
    private readonly IRepository<PreorderExtensionRequest> _requestRepository;

    public ExtensionRequestMessageTokens(IRepository<PreorderExtensionRequest> requestRepository)
    {
        _requestRepository = requestRepository;
    }

    public virtual bool Handles(string code) =>
        code == PreorderMessageKinds.StoreExtensionRequested.Code || code == PreorderMessageKinds.ExtensionDeclined.Code;

    /// <summary>The key's step for a request.</summary>
    public static string Step(int requestId) => "r" + requestId.ToString(CultureInfo.InvariantCulture);

    public virtual async Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder)
    {
        var requestId = ctx.Key.StepNumber("r") ?? 0;
        var request = requestId > 0 ? await _requestRepository.GetByIdAsync(requestId) : null;
        var line = ctx.Line;
        if (request == null || line == null || request.PreorderLineId != line.Id)
        {
            ctx.SkipReason = "extension request not found";
            return;
        }
        var merchantNotice = ctx.Key.Kind.Code == PreorderMessageKinds.StoreExtensionRequested.Code;
        // a request decided before its notice went out needs no merchant e-mail any more; a decline is told only while it stands
        if (merchantNotice ? request.Status != ExtensionRequestStatus.Pending : request.Status != ExtensionRequestStatus.Declined)
        {
            ctx.SkipReason = "extension request no longer " + (merchantNotice ? "pending" : "declined");
            return;
        }
        ctx.Add(PreorderMessageTokens.RequestedDays, request.RequestedDays);
        ctx.Add(PreorderMessageTokens.RequestMessage, request.Message ?? string.Empty);
        ctx.Add(PreorderMessageTokens.HasRequestMessage, !string.IsNullOrEmpty(request.Message));
        await builder.AddLineTokensAsync(ctx, account, settings, line, nowUtc);
    }
}
