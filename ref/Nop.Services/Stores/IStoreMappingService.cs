namespace Nop.Services.Stores;

public partial interface IStoreMappingService
{
}
