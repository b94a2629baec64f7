using Npgsql;

namespace Nop.Plugin.Preorders.E2E;

/// <summary>Journey 18 reads what placement recorded for an order: its lines' deposits and its ledger's deposit entries.</summary>
public static partial class ShopDatabase
{
    /// <summary>The sum of the order's pre-order lines' deposits, and its ledger's deposit entries as (amount, status id).</summary>
    public static async Task<(decimal LineDeposits, List<(decimal Amount, int StatusId)> LedgerDeposits)> OrderDepositsAsync(int orderId)
    {
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        await using var lines = new NpgsqlCommand("select coalesce(sum(deposit_amount), 0) from preorder_line where order_id = @order", connection);
        lines.Parameters.AddWithValue("order", orderId);
        var lineDeposits = (decimal)(await lines.ExecuteScalarAsync())!;

        var entries = new List<(decimal, int)>();
        await using var ledger = new NpgsqlCommand("select amount, status_id from preorder_ledger_entry where order_id = @order and kind_id = 10 order by id", connection);
        ledger.Parameters.AddWithValue("order", orderId);
        await using var reader = await ledger.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            entries.Add((reader.GetDecimal(0), reader.GetInt32(1)));
        return (lineDeposits, entries);
    }
}
