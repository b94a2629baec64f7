using Nop.Core;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

/// <summary>
/// <see cref="IPagedList{T}"/> with nopCommerce's paging arithmetic (the ref <c>PagedList&lt;T&gt;</c>
/// constructor throws). <paramref name="source"/> is the page itself when <paramref name="totalCount"/> is
/// given, otherwise the whole list to cut the page from.
/// </summary>
public class TestPagedList<T> : List<T>, IPagedList<T>
{
    public TestPagedList(IList<T> source, int pageIndex, int pageSize, int? totalCount = null)
    {
        pageSize = Math.Max(pageSize, 1);
        TotalCount = totalCount ?? source.Count;
        TotalPages = TotalCount / pageSize + (TotalCount % pageSize > 0 ? 1 : 0);
        PageSize = pageSize;
        PageIndex = pageIndex;
        AddRange(totalCount != null ? source : source.Skip(SkipCount(pageIndex, pageSize)).Take(pageSize));
    }

    public int PageIndex { get; }

    public int PageSize { get; }

    public int TotalCount { get; }

    public int TotalPages { get; }

    public bool HasPreviousPage => PageIndex > 0;

    public bool HasNextPage => PageIndex + 1 < TotalPages;

    /// <summary>Rows before a page, without the int overflow of <c>pageIndex * int.MaxValue</c>.</summary>
    internal static int SkipCount(int pageIndex, int pageSize) => (int)Math.Min(int.MaxValue, (long)Math.Max(pageIndex, 0) * pageSize);
}
