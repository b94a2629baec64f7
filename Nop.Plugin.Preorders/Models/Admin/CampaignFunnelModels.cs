namespace Nop.Plugin.Preorders.Models.Admin;

/// <summary>A row of the funnel panel: a step, its count and its conversion from its base step ("—" when there is none).</summary>
public record CampaignFunnelRowModel(string Step, string StepKey, long Count, string ConversionText, string FromStep);

/// <summary>The campaign dashboard's funnel panel.</summary>
public class CampaignFunnelPanelModel
{
    public int ProductId { get; set; }

    public IList<CampaignFunnelRowModel> Rows { get; } = new List<CampaignFunnelRowModel>();
}
