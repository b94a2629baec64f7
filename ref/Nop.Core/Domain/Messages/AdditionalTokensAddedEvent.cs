namespace Nop.Core.Domain.Messages;

public partial class AdditionalTokensAddedEvent
{
    public virtual void AddTokens(params string[] additionalTokens) => throw null;

    public IList<string> AdditionalTokens { get; } = new List<string>();
}
