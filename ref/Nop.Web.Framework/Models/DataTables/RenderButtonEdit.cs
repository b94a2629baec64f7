namespace Nop.Web.Framework.Models.DataTables;

public partial class RenderButtonEdit : IRender
{
    public RenderButtonEdit(DataUrl url) => throw null;

    public DataUrl Url { get; set; }

    public string ClassName { get; set; }
}
