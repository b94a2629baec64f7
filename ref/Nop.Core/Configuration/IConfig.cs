namespace Nop.Core.Configuration;

public partial interface IConfig
{
}
