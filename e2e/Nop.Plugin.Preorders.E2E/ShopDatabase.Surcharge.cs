using Npgsql;

namespace Nop.Plugin.Preorders.E2E;

/// <summary>Journey 15 reads what nopCommerce recorded for an order of one line: the figures its total is made of.</summary>
public static partial class ShopDatabase
{
    public sealed record OrderFigures(decimal SubtotalExclTax, decimal SubtotalDiscountExclTax, decimal ShippingExclTax, decimal PaymentFeeExclTax,
        decimal Tax, decimal Discount, decimal Total, int ItemQuantity, decimal ItemUnitPriceExclTax, decimal ItemPriceExclTax, string ItemAttributes);

    /// <summary>The order's totals and its single order item (the first, by id).</summary>
    public static async Task<OrderFigures> OrderFiguresAsync(int orderId)
    {
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select o.\"OrderSubtotalExclTax\", o.\"OrderSubTotalDiscountExclTax\", o.\"OrderShippingExclTax\", o.\"PaymentMethodAdditionalFeeExclTax\", " +
            "o.\"OrderTax\", o.\"OrderDiscount\", o.\"OrderTotal\", i.\"Quantity\", i.\"UnitPriceExclTax\", i.\"PriceExclTax\", coalesce(i.\"AttributeDescription\", '') " +
            "from \"Order\" o join \"OrderItem\" i on i.\"OrderId\" = o.\"Id\" where o.\"Id\" = @order order by i.\"Id\" limit 1", connection);
        command.Parameters.AddWithValue("order", orderId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            throw new InvalidOperationException($"order {orderId} has no order item");
        return new OrderFigures(reader.GetDecimal(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4),
            reader.GetDecimal(5), reader.GetDecimal(6), reader.GetInt32(7), reader.GetDecimal(8), reader.GetDecimal(9), reader.GetString(10));
    }
}
