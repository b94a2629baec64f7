namespace Nop.Web.Framework.Models.DataTables;

public partial class RenderButtonRemove : IRender
{
    public RenderButtonRemove(string title) => throw null;

    public string Title { get; set; }

    public string ClassName { get; set; }
}
