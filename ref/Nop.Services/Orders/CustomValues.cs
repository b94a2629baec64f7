namespace Nop.Services.Orders;

public partial class CustomValues : List<CustomValue>
{
    public virtual string SerializeToXml() => throw null;

    public virtual void FillByXml(string customValuesXml, bool displayToCustomerOnly = false) => throw null;

    public virtual string this[string name]
    {
        get => throw null;
        set => throw null;
    }
}
