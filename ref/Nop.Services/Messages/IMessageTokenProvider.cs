using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Messages;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Stores;

namespace Nop.Services.Messages;

public partial interface IMessageTokenProvider
{
    Task AddStoreTokensAsync(IList<Token> tokens, Store store, EmailAccount emailAccount, int languageId);

    Task AddOrderTokensAsync(IList<Token> tokens, Order order, int languageId, int vendorId = 0);

    Task AddCustomerTokensAsync(IList<Token> tokens, int customerId);

    Task AddProductTokensAsync(IList<Token> tokens, Product product, int languageId);

    Task<IEnumerable<string>> GetListOfAllowedTokensAsync(IList<string> tokenGroups = null);
}
