namespace Nop.Web.Framework.Models.DataTables;

public partial class RenderButtonView : IRender
{
    public RenderButtonView(DataUrl url) => throw null;

    public DataUrl Url { get; set; }

    public string ClassName { get; set; }
}
