using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Nop.Web.Framework;
using Nop.Web.Framework.Mvc.Routing;
using Nop.Web.Infrastructure;

namespace Nop.Plugin.Preorders.Infrastructure;

public class RouteProvider : BaseRouteProvider, IRouteProvider
{
    public void RegisterRoutes(IEndpointRouteBuilder endpointRouteBuilder)
    {
        var lang = GetLanguageRoutePattern();

        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.Configure, "Admin/Preorders/Configure",
            new { controller = "PreorderConfiguration", action = "Configure", area = AreaNames.ADMIN });
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.AdminList, "Admin/Preorders/List",
            new { controller = "PreorderAdmin", action = "List", area = AreaNames.ADMIN });
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.AdminLedger, "Admin/Preorders/Ledger",
            new { controller = "PreorderAdmin", action = "Ledger", area = AreaNames.ADMIN });
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.AdminCampaign, "Admin/Preorders/Campaign/{productId:int}",
            new { controller = "PreorderAdmin", action = "Campaign", area = AreaNames.ADMIN });
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.DiscountRequirementConfigure, "Admin/Preorders/DiscountRequirement",
            new { controller = "PreorderDiscountRequirement", action = "Configure", area = AreaNames.ADMIN });

        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.CombinationUnits, "preorders/product/{productId:int}/units-left",
            new { controller = "PreorderProduct", action = "CombinationUnits" });
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.Reserve, "preorders/product/{productId:int}/reserve",
            new { controller = "PreorderReservation", action = "Reserve" });
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.WaitlistConfirm, "preorders/waitlist/confirm/{entryId:int}/{signature}",
            new { controller = "PreorderWaitlist", action = "Confirm" });
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.WaitlistLeaveByLink, "preorders/waitlist/leave/{entryId:int}/{signature}",
            new { controller = "PreorderWaitlist", action = "LeaveByLink" });
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.WaitlistJoin, "preorders/waitlist/join",
            new { controller = "PreorderWaitlist", action = "Join" });
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.WaitlistLeave, "preorders/waitlist/leave",
            new { controller = "PreorderWaitlist", action = "Leave" });
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.CustomerPreorders, $"{lang}/customer/preorders",
            new { controller = "PreorderCustomer", action = "List" });
        // the token-free page first: "order/{id}" has two segments, the link's token one
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.BalanceOrder, $"{lang}/" + Services.Payments.BalanceLinkService.BalanceOrderPathPrefix + "{orderId:int}",
            new { controller = "PreorderCustomer", action = "BalanceOrder" });
        endpointRouteBuilder.MapControllerRoute(PreorderDefaults.Routes.BalancePage, $"{lang}/" + Services.Payments.BalanceLinkService.BalancePathPrefix + "{token}",
            new { controller = "PreorderCustomer", action = "Balance" });
    }

    public int Priority => 0;
}
