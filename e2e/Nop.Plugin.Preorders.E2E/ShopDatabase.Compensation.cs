using Npgsql;

namespace Nop.Plugin.Preorders.E2E;

/// <summary>What journey 20 checks in the shop's database: the nopCommerce discount the plugin made for a buyer's coupon.</summary>
public static partial class ShopDatabase
{
    /// <summary>nopCommerce discounts with this coupon code (the buyer's own: exactly one).</summary>
    public static async Task<int> DiscountCouponCountAsync(string code)
    {
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from \"Discount\" where \"CouponCode\" = @code and \"RequiresCouponCode\" and \"LimitationTimes\" = 1", connection);
        command.Parameters.AddWithValue("code", code);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
