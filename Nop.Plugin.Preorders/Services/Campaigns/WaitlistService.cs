using System.Text;
using Nop.Data;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Admin;
using Nop.Plugin.Preorders.Services.Catalog;
using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>What a join did.</summary>
public enum WaitlistJoinOutcome
{
    /// <summary>On the list and confirmed (a signed-in shopper).</summary>
    Joined,
    /// <summary>On the list, waiting for the guest to confirm through the e-mailed link.</summary>
    ConfirmationPending,
    /// <summary>Already on the list: nothing changed (joining twice is idempotent).</summary>
    AlreadyJoined,
    /// <summary>The product has no window opening later: nothing to wait for.</summary>
    NotComingSoon,
    InvalidEmail
}

/// <summary>
/// The waitlist's shopper side (join, confirm, leave) and the merchant's (count, first-access hours, CSV). The e-mails
/// are not sent here: the scheduled task records them (<see cref="WaitlistNoticeService"/>). A row is unique per
/// product and address, so joining twice, or two requests of one join, leave one row.
/// </summary>
public class WaitlistService
{
    public const string ConfirmPurpose = "confirm";
    public const string LeavePurpose = "leave";

    private readonly IRepository<PreorderWaitlistEntry> _entryRepository;
    private readonly IRepository<PreorderWaitlistProduct> _productRepository;
    private readonly PreorderCatalogService _catalogService;
    private readonly PreorderClock _clock;

    public WaitlistService(IRepository<PreorderWaitlistEntry> entryRepository,
        IRepository<PreorderWaitlistProduct> productRepository,
        PreorderCatalogService catalogService,
        PreorderClock clock)
    {
        _entryRepository = entryRepository;
        _productRepository = productRepository;
        _catalogService = catalogService;
        _clock = clock;
    }

    /// <summary>
    /// Puts a shopper on a product's list: <paramref name="customerId"/> &gt; 0 for a signed-in shopper (confirmed at once,
    /// their account's address), 0 for a guest (the address they typed, confirmed later by the link).
    /// </summary>
    public virtual async Task<WaitlistJoinOutcome> JoinAsync(int productId, int storeId, int languageId, int customerId, string email)
    {
        var profile = (await _catalogService.GetSnapshotAsync(productId)).Profile;
        if (!WaitlistRules.CanJoin(WaitlistRules.StateOf(profile, _clock.UtcNow)))
            return WaitlistJoinOutcome.NotComingSoon;
        if (!WaitlistRules.IsValidEmail(email))
            return WaitlistJoinOutcome.InvalidEmail;
        var address = WaitlistRules.NormalizeEmail(email);
        var now = _clock.UtcNow;

        var existing = await FindAsync(productId, address);
        if (existing != null)
            return await RejoinAsync(existing, customerId, now);

        var entry = new PreorderWaitlistEntry
        {
            ProductId = productId,
            StoreId = storeId,
            CustomerId = customerId,
            Email = address,
            LanguageId = languageId,
            LinkSecret = WaitlistRules.NewLinkSecret(),
            CreatedOnUtc = now,
            // a signed-in shopper's address is the account's: nothing to confirm, and no confirmation e-mail
            ConfirmedOnUtc = customerId > 0 ? now : null,
            ConfirmRecordedOnUtc = customerId > 0 ? now : null
        };
        try
        {
            await _entryRepository.InsertAsync(entry, false);
        }
        catch (Exception)
        {
            // the same join on another request or node inserted first (unique product + address)
            if (await FindAsync(productId, address) is { } twin)
                return await RejoinAsync(twin, customerId, now);
            throw;
        }
        return customerId > 0 ? WaitlistJoinOutcome.Joined : WaitlistJoinOutcome.ConfirmationPending;
    }

    /// <summary>Joining again: a signed-in shopper confirms a row a guest left unconfirmed under the same address; otherwise nothing changes.</summary>
    private async Task<WaitlistJoinOutcome> RejoinAsync(PreorderWaitlistEntry entry, int customerId, DateTime now)
    {
        if (customerId > 0 && (entry.ConfirmedOnUtc == null || entry.CustomerId == 0))
        {
            entry.CustomerId = customerId;
            entry.ConfirmedOnUtc ??= now;
            // the signed-in shopper needs no confirmation e-mail any more
            entry.ConfirmRecordedOnUtc ??= now;
            await _entryRepository.UpdateAsync(entry, false);
            return WaitlistJoinOutcome.Joined;
        }
        return WaitlistJoinOutcome.AlreadyJoined;
    }

    /// <summary>The confirmation link: true when the signature is the row's and the row is now confirmed (again: still true).</summary>
    public virtual async Task<PreorderWaitlistEntry> ConfirmAsync(int entryId, string signature)
    {
        var entry = await _entryRepository.GetByIdAsync(entryId);
        if (entry == null || !WaitlistRules.Verify(entry.LinkSecret, ConfirmPurpose, entry.Id, entry.Email, signature))
            return null;
        if (entry.ConfirmedOnUtc == null)
        {
            entry.ConfirmedOnUtc = _clock.UtcNow;
            await _entryRepository.UpdateAsync(entry, false);
        }
        return entry;
    }

    /// <summary>The e-mails' leave link: removes the row when the signature is its own; the product id, or 0 when nothing matched.</summary>
    public virtual async Task<int> LeaveByLinkAsync(int entryId, string signature)
    {
        var entry = await _entryRepository.GetByIdAsync(entryId);
        if (entry == null || !WaitlistRules.Verify(entry.LinkSecret, LeavePurpose, entry.Id, entry.Email, signature))
            return 0;
        await _entryRepository.DeleteAsync(entry, false);
        return entry.ProductId;
    }

    /// <summary>A signed-in shopper leaves a product's list (their rows by account and by address); true when one was removed.</summary>
    public virtual async Task<bool> LeaveAsync(int productId, int customerId, string email)
    {
        if (customerId <= 0)
            return false;
        var address = WaitlistRules.NormalizeEmail(email);
        var rows = await _entryRepository.Table
            .Where(e => e.ProductId == productId && (e.CustomerId == customerId || (address != null && e.Email == address))).ToListAsync();
        foreach (var row in rows)
            await _entryRepository.DeleteAsync(row, false);
        return rows.Count > 0;
    }

    /// <summary>The shopper's row of a product's list, by account or address; null when not on it.</summary>
    public virtual async Task<PreorderWaitlistEntry> GetMembershipAsync(int productId, int customerId, string email)
    {
        var address = WaitlistRules.NormalizeEmail(email);
        if (customerId <= 0 && address == null)
            return null;
        return await _entryRepository.Table
            .Where(e => e.ProductId == productId && ((customerId > 0 && e.CustomerId == customerId) || (address != null && e.Email == address)))
            .OrderByDescending(e => e.ConfirmedOnUtc != null).ThenBy(e => e.Id).FirstOrDefaultAsync();
    }

    /// <summary>Confirmed members and guests still to confirm, for the merchant's panels.</summary>
    public virtual async Task<(int Confirmed, int Pending)> CountAsync(int productId)
    {
        // one small grouped statement (scalar aggregates run synchronously, as elsewhere in the plugin)
        var counts = await _entryRepository.Table.Where(e => e.ProductId == productId)
            .GroupBy(e => e.ConfirmedOnUtc != null).Select(g => new { Confirmed = g.Key, Count = g.Count() }).ToListAsync();
        return (counts.Where(c => c.Confirmed).Sum(c => c.Count), counts.Where(c => !c.Confirmed).Sum(c => c.Count));
    }

    /// <summary>The product's first-access hours; 0 when none is set.</summary>
    public virtual async Task<int> GetFirstAccessHoursAsync(int productId) =>
        await _productRepository.Table.Where(p => p.ProductId == productId).Select(p => p.FirstAccessHours).FirstOrDefaultAsync();

    /// <summary>Sets the product's first-access hours; false (nothing changed) when out of range.</summary>
    public virtual async Task<bool> SetFirstAccessHoursAsync(int productId, int hours)
    {
        if (productId <= 0 || !WaitlistRules.IsValidFirstAccessHours(hours))
            return false;
        var row = await _productRepository.Table.Where(p => p.ProductId == productId).FirstOrDefaultAsync();
        if (row == null)
        {
            try
            {
                await _productRepository.InsertAsync(new PreorderWaitlistProduct { ProductId = productId, FirstAccessHours = hours, UpdatedOnUtc = _clock.UtcNow }, false);
                return true;
            }
            catch (Exception)
            {
                // another save inserted the product's row first (unique): update it below
                row = await _productRepository.Table.Where(p => p.ProductId == productId).FirstOrDefaultAsync();
                if (row == null)
                    throw;
            }
        }
        row.FirstAccessHours = hours;
        row.UpdatedOnUtc = _clock.UtcNow;
        await _productRepository.UpdateAsync(row, false);
        return true;
    }

    /// <summary>The list as CSV (address, account, joined, confirmed, launch e-mail recorded), oldest first.</summary>
    public virtual async Task<string> ExportCsvAsync(int productId)
    {
        var sb = new StringBuilder();
        sb.Append(CsvFormat.Line(new[] { "Email", "CustomerId", "JoinedUtc", "ConfirmedUtc", "LaunchEmailUtc" }));
        var rows = await _entryRepository.Table.Where(e => e.ProductId == productId).OrderBy(e => e.Id).ToListAsync();
        foreach (var row in rows)
            sb.Append(CsvFormat.Line(new[]
            {
                CsvFormat.Text(row.Email), CsvFormat.Number(row.CustomerId), CsvFormat.Date(row.CreatedOnUtc),
                CsvFormat.Date(row.ConfirmedOnUtc), CsvFormat.Date(row.LaunchRecordedOnUtc)
            }));
        return sb.ToString();
    }

    private Task<PreorderWaitlistEntry> FindAsync(int productId, string address) =>
        _entryRepository.Table.Where(e => e.ProductId == productId && e.Email == address).FirstOrDefaultAsync();
}

/// <summary>The campaign funnel's waitlist step (<see cref="IWaitlistJoinCounter"/>): confirmed rows per product, one grouped query.</summary>
public class WaitlistJoinCounter : IWaitlistJoinCounter
{
    private readonly IRepository<PreorderWaitlistEntry> _entryRepository;

    public WaitlistJoinCounter(IRepository<PreorderWaitlistEntry> entryRepository)
    {
        _entryRepository = entryRepository;
    }

    public virtual async Task<IDictionary<int, int>> CountJoinsAsync(IReadOnlyCollection<int> productIds)
    {
        if (productIds == null || productIds.Count == 0)
            return new Dictionary<int, int>();
        var ids = productIds.Distinct().ToArray();
        var counts = await _entryRepository.Table
            .Where(e => ids.Contains(e.ProductId) && e.ConfirmedOnUtc != null)
            .GroupBy(e => e.ProductId)
            .Select(g => new { ProductId = g.Key, Count = g.Count() })
            .ToListAsync();
        return counts.ToDictionary(c => c.ProductId, c => c.Count);
    }
}
