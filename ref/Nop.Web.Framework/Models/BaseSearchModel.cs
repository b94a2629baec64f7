namespace Nop.Web.Framework.Models;

public abstract partial record BaseSearchModel : BaseNopModel, IPagingRequestModel
{
    protected BaseSearchModel()
    {
    }

    public int Page => throw null;

    public int PageSize => throw null;

    public string AvailablePageSizes { get; set; }

    public string Draw { get; set; }

    public int Start { get; set; }

    public int Length { get; set; } = 10;

    public virtual void SetGridPageSize() => throw null;

    public virtual void SetPopupGridPageSize() => throw null;

    public virtual void SetGridPageSize(int pageSize, string availablePageSizes = null) => throw null;
}
