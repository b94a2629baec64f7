namespace Nop.Web.Framework.Models.DataTables;

public partial class RenderDate : IRender
{
    public string Format { get; set; }
}
