using Nop.Web.Framework.Models;

namespace Nop.Web.Models.Customer;

public partial record CustomerNavigationModel : BaseNopModel
{
    public IList<CustomerNavigationItemModel> CustomerNavigationItems { get; set; } = new List<CustomerNavigationItemModel>();

    public int SelectedTab { get; set; }
}

public partial record CustomerNavigationItemModel : BaseNopModel
{
    public string RouteName { get; set; }

    public string Title { get; set; }

    public int Tab { get; set; }

    public string ItemClass { get; set; }
}
