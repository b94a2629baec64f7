namespace Nop.Plugin.Preorders;

/// <summary>
/// Declared in the plugin's root namespace on purpose: nopCommerce puts its own ToListAsync etc. in
/// System.Linq (imported everywhere); an enclosing namespace is searched first, so these win without ambiguity.
/// Async execution of LINQ queries over nopCommerce repositories without binding to linq2db: nopCommerce's
/// queries (linq2db's) implement <see cref="IAsyncEnumerable{T}"/>, so rows stream asynchronously; scalar
/// aggregates are one small statement and run synchronously.
/// </summary>
public static class QueryableExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken = default)
    {
        if (query is not IAsyncEnumerable<T> asyncQuery)
            return query.ToList();

        var list = new List<T>();
        await foreach (var item in asyncQuery.WithCancellation(cancellationToken))
            list.Add(item);
        return list;
    }

    public static async Task<T> FirstOrDefaultAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken = default)
    {
        var page = await query.Take(1).ToListAsync(cancellationToken);
        return page.Count > 0 ? page[0] : default;
    }

    public static async Task<bool> AnyAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken = default) =>
        (await query.Take(1).ToListAsync(cancellationToken)).Count > 0;

    /// <summary>Streams a query in keyset pages, so a huge result never sits in memory (CSV export, allocation).</summary>
    public static async IAsyncEnumerable<T> StreamAsync<T>(this IQueryable<T> query)
    {
        if (query is IAsyncEnumerable<T> asyncQuery)
        {
            await foreach (var item in asyncQuery)
                yield return item;
            yield break;
        }
        foreach (var item in query)
            yield return item;
    }
}
