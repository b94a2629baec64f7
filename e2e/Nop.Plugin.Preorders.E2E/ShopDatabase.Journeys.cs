using Npgsql;

namespace Nop.Plugin.Preorders.E2E;

/// <summary>
/// What journeys 13 and 14 need of the shop's database beyond the e-mails to one address: the store owner's e-mails
/// (they go to the store's e-mail account, found by subject), and two changes no page can make: a ship date in the
/// past (the product block refuses one) and time passing after a missed ship date notice (the refund waits days).
/// </summary>
public static partial class ShopDatabase
{
    /// <summary>E-mails whose subject contains <paramref name="subjectPart"/>, newest first, with the address of the account they are sent from.</summary>
    public static async Task<List<(string To, string Subject, string Body, string AccountEmail)>> QueuedEmailsWithSubjectAsync(string subjectPart)
    {
        var rows = new List<(string, string, string, string)>();
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select coalesce(q.\"To\", ''), coalesce(q.\"Subject\", ''), coalesce(q.\"Body\", ''), coalesce(a.\"Email\", '') " +
            "from \"QueuedEmail\" q left join \"EmailAccount\" a on a.\"Id\" = q.\"EmailAccountId\" " +
            "where strpos(q.\"Subject\", @part) > 0 order by q.\"Id\" desc", connection);
        command.Parameters.AddWithValue("part", subjectPart);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return rows;
    }

    /// <summary>The ids of the order's pre-order lines.</summary>
    public static async Task<List<int>> PreorderLineIdsAsync(int orderId)
    {
        var ids = new List<int>();
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id from preorder_line where order_id = @order order by id", connection);
        command.Parameters.AddWithValue("order", orderId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt32(0));
        return ids;
    }

    /// <summary>
    /// The product's expected ship date (and the snapshot its order lines took) <paramref name="daysAgo"/> days back:
    /// what a campaign whose date came and went looks like. Returns the lines changed.
    /// </summary>
    public static async Task<int> MoveShipDateIntoThePastAsync(int productId, int daysAgo)
    {
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        // the plugin's dates are UTC in "timestamp without time zone" columns: written as such (no Kind)
        var shipDate = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(-daysAgo), DateTimeKind.Unspecified);
        await using (var profile = new NpgsqlCommand("update preorder_profile set expected_ship_date_utc = @ship where product_id = @product", connection))
        {
            profile.Parameters.AddWithValue("ship", shipDate);
            profile.Parameters.AddWithValue("product", productId);
            if (await profile.ExecuteNonQueryAsync() != 1)
                throw new InvalidOperationException($"product {productId} has no pre-order profile");
        }
        await using var lines = new NpgsqlCommand("update preorder_line set expected_ship_date_utc = @ship where product_id = @product", connection);
        lines.Parameters.AddWithValue("ship", shipDate);
        lines.Parameters.AddWithValue("product", productId);
        return await lines.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The missed ship date notice of the line as if sent <paramref name="days"/> days earlier (its refund date with it):
    /// the days the store waits before refunding, passed. Returns the rows changed.
    /// </summary>
    public static async Task<int> AgeMissedShipDateNoticeAsync(int lineId, int days)
    {
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "update preorder_missed_ship_date set notified_on_utc = notified_on_utc - make_interval(days => @days), " +
            "refund_due_on_utc = refund_due_on_utc - make_interval(days => @days) where preorder_line_id = @line", connection);
        command.Parameters.AddWithValue("days", days);
        command.Parameters.AddWithValue("line", lineId);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The line's missed ship date record: when the shopper was told, when the refund is due, whether it was refunded (null: none).</summary>
    public static async Task<(DateTime NotifiedOn, DateTime? RefundDueOn, bool Refunded)?> MissedShipDateAsync(int lineId)
    {
        await using var connection = new NpgsqlConnection(E2EConfig.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select notified_on_utc, refund_due_on_utc, refunded from preorder_missed_ship_date where preorder_line_id = @line", connection);
        command.Parameters.AddWithValue("line", lineId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return (reader.GetDateTime(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1), reader.GetBoolean(2));
    }
}
