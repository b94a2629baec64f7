using Npgsql;

namespace Nop.Plugin.Preorders.Farm;

/// <summary>The launch product and the arrival product in the shop's database, and the figures read back from it.</summary>
public sealed record LaunchProduct(int ProductId, string Slug, int MappingId, int[] ValueIds, int[] CombinationIds, int[] CombinationCaps, int Cap, int PerCustomerLimit);

/// <summary>
/// The shop's database, written only to set the scene before the nodes start (what a merchant would set on the
/// product and pre-order pages; the nodes' caches start empty so they read it) and read to count what happened.
/// </summary>
public static class FarmShop
{
    public static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(FarmConfig.Database);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] args)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, args);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T));
    }

    public static async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] args)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, args);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<object[]>> RowsAsync(string sql, params (string Name, object Value)[] args)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, args);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] args)
    {
        // generous: the grid benchmark writes a million rows in one statement
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        foreach (var (name, value) in args)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>
    /// The drop: a copy of a sample product (stock not tracked: the caps are the only limit) with one attribute
    /// of two values and a combination for each, capped <paramref name="cap"/> as a whole and per combination,
    /// <paramref name="limit"/> units per customer, a deposit at checkout.
    /// </summary>
    public static async Task<LaunchProduct> CreateLaunchProductAsync(string slug, int cap, int[] combinationCaps, int limit)
    {
        await using var connection = await OpenAsync();
        var productId = await CloneProductAsync(connection, $"Farm launch {slug}", slug, new()
        {
            ["ManageInventoryMethodId"] = 0,
            ["StockQuantity"] = 0,
            ["Price"] = 100m
        });
        var attributeId = await ScalarOnAsync<int>(connection, "select \"Id\" from \"ProductAttribute\" where \"Name\" = 'Color' order by \"Id\" limit 1");
        var mappingId = await InsertAsync(connection, "Product_ProductAttribute_Mapping", new()
        {
            ["ProductAttributeId"] = attributeId, ["ProductId"] = productId, ["IsRequired"] = true,
            ["AttributeControlTypeId"] = 2 // radio list
        });
        var names = new[] { "Midnight", "Silver" };
        var valueIds = new int[names.Length];
        var combinationIds = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            valueIds[i] = await InsertAsync(connection, "ProductAttributeValue", new()
            {
                ["Name"] = names[i], ["ProductAttributeMappingId"] = mappingId, ["DisplayOrder"] = i, ["Quantity"] = 1, ["IsPreSelected"] = i == 0
            });
            combinationIds[i] = await InsertAsync(connection, "ProductAttributeCombination", new()
            {
                ["ProductId"] = productId, ["Sku"] = $"{slug}-{names[i]}".ToUpperInvariant(),
                ["AttributesXml"] = AttributesXml(mappingId, valueIds[i]), ["StockQuantity"] = 0, ["AllowOutOfStockOrders"] = true
            });
        }

        await InsertProfileAsync(connection, productId, cap, limit);
        await InsertAsync(connection, "preorder_cap_counter", new() { ["product_id"] = productId, ["combination_id"] = 0, ["cap"] = cap, ["sold"] = 0 }, id: "id");
        for (var i = 0; i < names.Length; i++)
            await InsertAsync(connection, "preorder_cap_counter", new() { ["product_id"] = productId, ["combination_id"] = combinationIds[i], ["cap"] = combinationCaps[i], ["sold"] = 0 }, id: "id");
        return new LaunchProduct(productId, slug, mappingId, valueIds, combinationIds, combinationCaps, cap, limit);
    }

    /// <summary>A pre-order product whose stock nopCommerce tracks (it may go below zero while pre-ordered): what arrives is allocated.</summary>
    public static async Task<int> CreateArrivalProductAsync(string slug)
    {
        await using var connection = await OpenAsync();
        var productId = await CloneProductAsync(connection, $"Farm arrival {slug}", slug, new()
        {
            ["ManageInventoryMethodId"] = 1,
            ["StockQuantity"] = 0,
            ["BackorderModeId"] = 1,
            // the sample product's low-stock action would disable the buy button at the first pre-order (stock below zero)
            ["LowStockActivityId"] = 0,
            ["MinStockQuantity"] = 0,
            ["Price"] = 50m
        });
        await InsertProfileAsync(connection, productId, cap: null, limit: null);
        await InsertAsync(connection, "preorder_cap_counter", new() { ["product_id"] = productId, ["combination_id"] = 0, ["cap"] = null, ["sold"] = 0 }, id: "id");
        return productId;
    }

    public static string AttributesXml(int mappingId, int valueId) =>
        $"<Attributes><ProductAttribute ID=\"{mappingId}\"><ProductAttributeValue><Value>{valueId}</Value></ProductAttributeValue></ProductAttribute></Attributes>";

    private static async Task InsertProfileAsync(NpgsqlConnection connection, int productId, int? cap, int? limit)
    {
        var now = DateTime.UtcNow;
        await InsertAsync(connection, "preorder_profile", new()
        {
            ["product_id"] = productId, ["enabled"] = true, ["cap"] = cap,
            ["window_start_utc"] = now.AddDays(-1), ["window_end_utc"] = now.AddDays(30),
            ["expected_ship_date_utc"] = now.Date.AddDays(60), ["payment_mode_id"] = 20,
            ["per_customer_limit"] = limit, ["created_on_utc"] = now, ["updated_on_utc"] = now
        }, id: "id");
    }

    private static async Task<int> CloneProductAsync(NpgsqlConnection connection, string name, string slug, Dictionary<string, object> overrides)
    {
        var source = await ScalarOnAsync<int>(connection,
            "select p.\"Id\" from \"Product\" p where p.\"Published\" and not p.\"Deleted\" and p.\"ProductTypeId\" = 5 and p.\"VisibleIndividually\" " +
            "and not exists (select 1 from \"Product_ProductAttribute_Mapping\" m where m.\"ProductId\" = p.\"Id\") " +
            "and not p.\"IsGiftCard\" and not p.\"IsDownload\" and not p.\"IsRecurring\" and not p.\"IsRental\" and p.\"IsShipEnabled\" order by p.\"Id\" limit 1");
        var now = DateTime.UtcNow;
        var values = new Dictionary<string, object>(overrides)
        {
            ["Name"] = name, ["Sku"] = slug.ToUpperInvariant(), ["Published"] = true, ["Deleted"] = false,
            ["OrderMinimumQuantity"] = 1, ["OrderMaximumQuantity"] = 10, ["AllowedQuantities"] = null,
            ["CallForPrice"] = false, ["CustomerEntersPrice"] = false, ["DisableBuyButton"] = false,
            ["AvailableStartDateTimeUtc"] = null, ["AvailableEndDateTimeUtc"] = null, ["LimitedToStores"] = false,
            ["SubjectToAcl"] = false, ["HasTierPrices"] = false, ["HasDiscountsApplied"] = false,
            ["CreatedOnUtc"] = now, ["UpdatedOnUtc"] = now
        };
        var columns = (await ColumnsAsync(connection, "Product")).Select(c => c.Name).Where(c => c != "Id").ToList();
        var select = columns.Select(c => values.ContainsKey(c) ? $"@p_{c}" : $"\"{c}\"");
        await using var command = new NpgsqlCommand(
            $"insert into \"Product\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) select {string.Join(", ", select)} from \"Product\" where \"Id\" = @source returning \"Id\"", connection);
        command.Parameters.AddWithValue("source", source);
        foreach (var (column, value) in values.Where(v => columns.Contains(v.Key)))
            command.Parameters.AddWithValue("p_" + column, value ?? DBNull.Value);
        var productId = Convert.ToInt32(await command.ExecuteScalarAsync());
        await InsertAsync(connection, "UrlRecord", new() { ["EntityName"] = "Product", ["Slug"] = slug, ["EntityId"] = productId, ["IsActive"] = true, ["LanguageId"] = 0 });
        return productId;
    }

    private static async Task<T> ScalarOnAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType(await command.ExecuteScalarAsync(), typeof(T));
    }

    private static async Task<List<(string Name, string Type, bool Required)>> ColumnsAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand(
            "select column_name, data_type, is_nullable = 'NO' and column_default is null from information_schema.columns " +
            "where table_name = @table and table_schema = current_schema() order by ordinal_position", connection);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<(string, string, bool)>();
        while (await reader.ReadAsync())
            columns.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        return columns;
    }

    /// <summary>Inserts a row; required columns not given get their type's zero (as nopCommerce's entities default them).</summary>
    private static async Task<int> InsertAsync(NpgsqlConnection connection, string table, Dictionary<string, object> values, string id = "Id")
    {
        var columns = await ColumnsAsync(connection, table);
        foreach (var (name, type, required) in columns)
            if (required && name != id && !values.ContainsKey(name))
                values[name] = type switch
                {
                    "integer" or "bigint" or "smallint" => 0,
                    "numeric" or "double precision" or "real" => 0m,
                    "boolean" => false,
                    var t when t.StartsWith("timestamp", StringComparison.Ordinal) => DateTime.UtcNow,
                    _ => ""
                };
        await using var command = new NpgsqlCommand(
            $"insert into \"{table}\" ({string.Join(", ", values.Keys.Select(k => $"\"{k}\""))}) values ({string.Join(", ", values.Keys.Select((_, i) => $"@v{i}"))}) returning \"{id}\"", connection);
        var index = 0;
        foreach (var value in values.Values)
            command.Parameters.AddWithValue($"v{index++}", value ?? DBNull.Value);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
