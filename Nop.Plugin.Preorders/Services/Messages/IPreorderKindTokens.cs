using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>
/// The tokens of one message kind or a small family of kinds. <see cref="PreorderMessageTokenBuilder"/> has loaded the
/// order, line, store, language and money, and hands each kind to the one registered provider that handles it (so it
/// stays the same size as kinds are added). A provider's shared tokens come from the builder's public helpers.
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
