using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Services.Events;
using Nop.Services.Orders;
using Nop.Web.Framework.Events;
using Nop.Web.Framework.Models;
using Nop.Web.Models.ShoppingCart;

namespace Nop.Plugin.Preorders.Services.Orders;

/// <summary>
/// Shows the pre-order surcharge where the line is shown. In the cart and the checkout's order summary: nopCommerce
/// raises ModelPreparedEvent for the cart model (the page's controller and the order summary view component), and
/// the note joins the line's attribute text. In the placed order: the note joins the order item's attribute
/// description when nopCommerce moves the cart line into the order, so the order details page, the admin order page,
/// invoices and order e-mails show it with the amount charged then (the order item has no other place to keep it).
/// </summary>
public class SurchargeNoteEventConsumer :
    IConsumer<ModelPreparedEvent<BaseNopModel>>,
    IConsumer<ShoppingCartItemMovedToOrderItemEvent>
{
    private readonly IOrderService _orderService;
    private readonly IShoppingCartService _shoppingCartService;
    private readonly IStoreContext _storeContext;
    private readonly IWorkContext _workContext;
    private readonly SurchargeNoteService _noteService;

    public SurchargeNoteEventConsumer(IOrderService orderService,
        IShoppingCartService shoppingCartService,
        IStoreContext storeContext,
        IWorkContext workContext,
        SurchargeNoteService noteService)
    {
        _orderService = orderService;
        _shoppingCartService = shoppingCartService;
        _storeContext = storeContext;
        _workContext = workContext;
        _noteService = noteService;
    }

    public async Task HandleEventAsync(ModelPreparedEvent<BaseNopModel> eventMessage)
    {
        // every model of every page passes here: anything but a cart with lines is left at the type check
        if (eventMessage.Model is not ShoppingCartModel { Items.Count: > 0 } model)
            return;

        var customer = await _workContext.GetCurrentCustomerAsync();
        var store = await _storeContext.GetCurrentStoreAsync();
        var cart = await _shoppingCartService.GetShoppingCartAsync(customer, ShoppingCartType.ShoppingCart, store.Id);
        foreach (var line in model.Items)
            if (cart.FirstOrDefault(i => i.Id == line.Id) is { } item && await _noteService.GetNoteHtmlAsync(item) is { } note)
                line.AttributeInfo = SurchargeNoteService.AppendNote(line.AttributeInfo, note);
    }

    public async Task HandleEventAsync(ShoppingCartItemMovedToOrderItemEvent eventMessage)
    {
        if (eventMessage.ShoppingCartItem is not { } item || eventMessage.OrderItem is not { } orderItem)
            return;
        if (await _noteService.GetNoteHtmlAsync(item) is not { } note)
            return;
        var description = SurchargeNoteService.AppendNote(orderItem.AttributeDescription, note);
        if (description == orderItem.AttributeDescription)
            return;
        orderItem.AttributeDescription = description;
        await _orderService.UpdateOrderItemAsync(orderItem);
    }
}
