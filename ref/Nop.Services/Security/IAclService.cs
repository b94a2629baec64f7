namespace Nop.Services.Security;

public partial interface IAclService
{
}
