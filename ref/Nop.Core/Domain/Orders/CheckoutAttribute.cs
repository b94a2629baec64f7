using Nop.Core.Domain.Attributes;
using Nop.Core.Domain.Stores;

namespace Nop.Core.Domain.Orders;

public partial class CheckoutAttribute : BaseAttribute, IStoreMappingSupported
{
    public bool LimitedToStores { get; set; }
}
