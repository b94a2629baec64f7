namespace Nop.Web.Framework.Factories;

public partial interface IWidgetModelFactory
{
}
