using Nop.Web.Framework.Models;
using Nop.Web.Framework.Mvc.ModelBinding;

namespace Nop.Plugin.Preorders.Models.Admin;

/// <summary>The configuration box of the "bought as a pre-order" requirement on nopCommerce's discount page.</summary>
public record PreorderDiscountRequirementModel : BaseNopModel
{
    public int DiscountId { get; set; }

    /// <summary>0 while the requirement is being added (it is created on the first save).</summary>
    public int RequirementId { get; set; }

    /// <summary>N of "within the first N pre-ordered units"; 0 = no limit.</summary>
    [NopResourceDisplayName(PreorderDefaults.Resources.DiscountFirstUnits)]
    public int FirstUnits { get; set; }
}
