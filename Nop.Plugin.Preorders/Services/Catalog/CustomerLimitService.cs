using System.Security.Cryptography;
using System.Text;
using LinqToDB.Data;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Domain;

namespace Nop.Plugin.Preorders.Services.Catalog;

/// <summary>
/// The per-customer limit (<see cref="PreorderProfile.PerCustomerLimit"/>) enforced in the database, the way caps are:
/// a placement takes its units from one counter row per shopper identity (the customer account, and the order's
/// billing e-mail address so a guest checkout under an address already used counts with it) with one conditional
/// UPDATE ("held + q &lt;= limit"). Two checkouts of one shopper on two nodes therefore cannot both pass the limit.
/// Each identity is held to the limit on its own. A counter is created on first use from the lines it stands for;
/// the product's counters are dropped when the limit is switched on or off (<see cref="ResetAsync"/>), so a limit set
/// later counts the units bought before it.
/// </summary>
public class CustomerLimitService
{
    private static readonly string ReserveSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCustomerCounter>()} SET held = held + @quantity WHERE product_id = @product AND identity_key = @identity AND held + @quantity <= @limit";

    private static readonly string ReleaseSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCustomerCounter>()} SET held = held - @quantity WHERE product_id = @product AND identity_key = @identity AND held >= @quantity";

    private static readonly string RecountSql =
        $"UPDATE {PreorderDbNames.Table<PreorderCustomerCounter>()} SET held = @counted WHERE product_id = @product AND identity_key = @identity AND held = @observed";

    private static readonly string ResetSql = $"DELETE FROM {PreorderDbNames.Table<PreorderCustomerCounter>()} WHERE product_id = @product";

    private readonly INopDataProvider _dataProvider;
    private readonly IRepository<PreorderCustomerCounter> _counterRepository;
    private readonly IRepository<PreorderLine> _lineRepository;

    public CustomerLimitService(INopDataProvider dataProvider, IRepository<PreorderCustomerCounter> counterRepository, IRepository<PreorderLine> lineRepository)
    {
        _dataProvider = dataProvider;
        _counterRepository = counterRepository;
        _lineRepository = lineRepository;
    }

    /// <summary>SHA-256 (lower-case hex) of an e-mail address, trimmed and lower-cased; null for none.</summary>
    public static string HashEmail(string email)
    {
        if (string.IsNullOrWhiteSpace(email))
            return null;
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant()))).ToLowerInvariant();
    }

    /// <summary>The identities a placement counts against: the account, and the billing e-mail's hash when there is one.</summary>
    public static IReadOnlyList<string> IdentityKeys(int customerId, string emailHash)
    {
        var keys = new List<string>(2);
        if (customerId > 0)
            keys.Add(CustomerKey(customerId));
        if (!string.IsNullOrEmpty(emailHash))
            keys.Add(EmailKey(emailHash));
        return keys;
    }

    public static string CustomerKey(int customerId) => "c:" + customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string EmailKey(string emailHash) => "e:" + emailHash;

    /// <summary>
    /// Takes <paramref name="quantity"/> units of the product for every identity, all or nothing: the identities
    /// reserved before a refusal are given back. False: one of them would pass <paramref name="limit"/>.
    /// </summary>
    public virtual async Task<bool> TryReserveAsync(int productId, int limit, int customerId, string emailHash, int quantity)
    {
        if (quantity <= 0)
            throw new ArgumentOutOfRangeException(nameof(quantity));
        var reserved = new List<string>();
        foreach (var identity in IdentityKeys(customerId, emailHash))
        {
            await EnsureCounterAsync(productId, identity);
            if (await ExecuteAsync(ReserveSql, productId, identity, quantity, limit))
            {
                reserved.Add(identity);
                continue;
            }
            foreach (var done in reserved)
                await ExecuteAsync(ReleaseSql, productId, done, quantity);
            return false;
        }
        return true;
    }

    /// <summary>
    /// Gives a closed line's units back to its identities (called once per unit-holding change, like the cap's
    /// release). Never below zero; nothing when the product has no counters (no limit).
    /// </summary>
    public virtual async Task ReleaseAsync(int productId, int customerId, string emailHash, int quantity)
    {
        if (quantity <= 0)
            return;
        foreach (var identity in IdentityKeys(customerId, emailHash))
            await ExecuteAsync(ReleaseSql, productId, identity, quantity);
    }

    /// <summary>
    /// Sets an identity's counter to what its lines hold, with compare-and-set on the value read (a placement the
    /// task resumes: its crashed attempt may have taken units its lines never got).
    /// </summary>
    public virtual async Task RecountAsync(int productId, int customerId, string emailHash)
    {
        foreach (var identity in IdentityKeys(customerId, emailHash))
        {
            if (await GetCounterAsync(productId, identity) is not { } counter)
                continue;
            var held = await HeldByLinesAsync(productId, identity);
            if (held != counter.Held)
                await _dataProvider.ExecuteNonQueryAsync(RecountSql, new DataParameter("counted", held), new DataParameter("product", productId),
                    new DataParameter("identity", identity), new DataParameter("observed", counter.Held));
        }
    }

    /// <summary>The limit was switched on or off: the product's counters go, the next placement counts from the lines.</summary>
    public virtual async Task ResetAsync(int productId) =>
        await _dataProvider.ExecuteNonQueryAsync(ResetSql, new DataParameter("product", productId));

    public virtual async Task<PreorderCustomerCounter> GetCounterAsync(int productId, string identity) =>
        await _counterRepository.Table.Where(c => c.ProductId == productId && c.IdentityKey == identity).FirstOrDefaultAsync();

    /// <summary>Units the live lines of the product hold for the account or the e-mail address, the larger of the two (the cart's check).</summary>
    public virtual async Task<int> HeldAsync(int productId, int customerId, string emailHash)
    {
        var held = 0;
        foreach (var identity in IdentityKeys(customerId, emailHash))
            held = Math.Max(held, await HeldByLinesAsync(productId, identity));
        return held;
    }

    private Task<int> HeldByLinesAsync(int productId, string identity)
    {
        var lines = _lineRepository.Table.Where(l => l.ProductId == productId
            && l.StateId != (int)PreorderLineState.Cancelled && l.StateId != (int)PreorderLineState.Expired);
        if (identity.StartsWith("e:", StringComparison.Ordinal))
        {
            var hash = identity[2..];
            lines = lines.Where(l => l.EmailHash == hash);
        }
        else
        {
            var customerId = int.Parse(identity[2..], System.Globalization.CultureInfo.InvariantCulture);
            lines = lines.Where(l => l.CustomerId == customerId);
        }
        return Task.FromResult(lines.Sum(l => (int?)l.Quantity) ?? 0);
    }

    /// <summary>The identity's counter, created from its lines on first use (two nodes creating it at once: the unique index keeps one).</summary>
    private async Task EnsureCounterAsync(int productId, string identity)
    {
        if (await GetCounterAsync(productId, identity) != null)
            return;
        try
        {
            await _counterRepository.InsertAsync(new PreorderCustomerCounter
            {
                ProductId = productId,
                IdentityKey = identity,
                Held = await HeldByLinesAsync(productId, identity)
            }, false);
        }
        catch (Exception)
        {
            // another node created it first (unique index): theirs counts
            if (await GetCounterAsync(productId, identity) == null)
                throw;
        }
    }

    private async Task<bool> ExecuteAsync(string sql, int productId, string identity, int quantity, int? limit = null)
    {
        var parameters = new List<DataParameter>
        {
            new("product", productId), new("identity", identity), new("quantity", quantity)
        };
        if (limit.HasValue)
            parameters.Add(new DataParameter("limit", limit.Value));
        return await _dataProvider.ExecuteNonQueryAsync(sql, parameters.ToArray()) == 1;
    }
}
