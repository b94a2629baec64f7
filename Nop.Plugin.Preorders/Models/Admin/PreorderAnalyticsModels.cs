using Nop.Web.Framework.Models;

namespace Nop.Plugin.Preorders.Models.Admin;

/// <summary>The store-wide pre-order analytics page: every campaign, every month, and the chart's series.</summary>
public record AnalyticsModel : BaseNopModel
{
    /// <summary>How many months back the page covers (lines placed and money moved since the first day of the first one).</summary>
    public int Months { get; set; }

    public IList<AnalyticsRowModel> Campaigns { get; set; } = new List<AnalyticsRowModel>();

    public IList<AnalyticsRowModel> MonthRows { get; set; } = new List<AnalyticsRowModel>();

    public AnalyticsRowModel Total { get; set; }

    public IList<string> ChartLabels { get; set; } = new List<string>();

    public IList<decimal> ChartMoneyIn { get; set; } = new List<decimal>();

    public IList<decimal> ChartRefunded { get; set; } = new List<decimal>();

    public IList<decimal> ChartOutstanding { get; set; } = new List<decimal>();

    /// <summary>Conversion percent per month; null where no deposit came in.</summary>
    public IList<decimal?> ChartConversion { get; set; } = new List<decimal?>();
}

/// <summary>One row of the analytics tables (a campaign, a month or the total), formatted.</summary>
public record AnalyticsRowModel : BaseNopModel
{
    public string Label { get; set; }

    /// <summary>The campaign's product (its dashboard is linked); 0 for a month or the total.</summary>
    public int ProductId { get; set; }

    public int Lines { get; set; }

    public int Units { get; set; }

    public int DepositLines { get; set; }

    public int ConvertedLines { get; set; }

    public string Conversion { get; set; }

    public string AverageDaysToBalance { get; set; }

    public int CancelledLines { get; set; }

    /// <summary>"Ship date too late: 2; Found it cheaper elsewhere: 1".</summary>
    public string CancellationReasons { get; set; }

    public string DepositsCollected { get; set; }

    public string Outstanding { get; set; }

    public string MoneyIn { get; set; }

    public string Refunded { get; set; }
}
