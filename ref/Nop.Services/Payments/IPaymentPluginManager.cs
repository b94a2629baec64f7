using Nop.Core.Domain.Customers;
using Nop.Services.Plugins;

namespace Nop.Services.Payments;

public partial interface IPaymentPluginManager : IPluginManager<IPaymentMethod>
{
    Task<IList<IPaymentMethod>> LoadActivePluginsAsync(Customer customer = null, int storeId = 0, int countryId = 0);

    bool IsPluginActive(IPaymentMethod paymentMethod);

    Task<bool> IsPluginActiveAsync(string systemName, Customer customer = null, int storeId = 0);
}
