namespace Nop.Web.Framework.UI;

public enum ResourceLocation
{
    Auto = 0,
    None = 1,
    Head = 2,
    Footer = 3
}
