namespace Nop.Web.Framework.Models.DataTables;

public partial record DataTablesModel : BaseNopModel
{
    public string Name { get; set; }

    public DataUrl UrlRead { get; set; }

    public DataUrl UrlDelete { get; set; }

    public DataUrl UrlUpdate { get; set; }

    public string SearchButtonId { get; set; }

    public IList<FilterParameter> Filters { get; set; } = new List<FilterParameter>();

    public int Length { get; set; }

    public string LengthMenu { get; set; }

    public bool Ordering { get; set; }

    public string DrawCallback { get; set; }

    public IList<ColumnProperty> ColumnCollection { get; set; } = new List<ColumnProperty>();
}
