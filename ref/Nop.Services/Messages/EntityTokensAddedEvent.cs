using Nop.Core;

namespace Nop.Services.Messages;

public partial class EntityTokensAddedEvent<T> where T : BaseEntity
{
    public EntityTokensAddedEvent(T entity, IList<Token> tokens)
    {
        Entity = entity;
        Tokens = tokens;
    }

    public T Entity { get; }

    public IList<Token> Tokens { get; }
}
