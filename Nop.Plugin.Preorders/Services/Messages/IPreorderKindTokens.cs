using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The tokens of message kinds built outside <see cref="PreorderMessageTokenBuilder"/> (which stays the same size as
/// kinds are added): the builder has loaded the order, line, store, language and money, and hands the kind over.
/// </summary>
public interface IPreorderKindTokens
{
    bool Handles(string kindCode);

    /// <summary>
    /// The order to build a message from when its key names none (a key to a customer: the message goes to the customer
    /// once, built from one of their orders); 0 when there is none. Kinds whose keys name their order keep this default.
    /// </summary>
    Task<int> OrderIdAsync(PreorderMessageKey key) => Task.FromResult(0);

    /// <summary>Adds the kind's tokens, or sets <see cref="PreorderMessageContext.SkipReason"/> when there is nothing to send.</summary>
    Task FillAsync(PreorderMessageContext ctx, PreorderAccount account, PreorderSettings settings, DateTime nowUtc, PreorderMessageTokenBuilder builder);
}
