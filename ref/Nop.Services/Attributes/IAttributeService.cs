using Nop.Core.Domain.Attributes;

namespace Nop.Services.Attributes;

public partial interface IAttributeService<TAttribute, TAttributeValue>
    where TAttribute : BaseAttribute
    where TAttributeValue : BaseAttributeValue
{
}
