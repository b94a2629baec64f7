using Microsoft.AspNetCore.Mvc.Rendering;
using Nop.Web.Framework.Models;

namespace Nop.Plugin.Preorders.Models.Admin;

/// <summary>The "Campaign updates" panel of the campaign dashboard: the form to post one and the updates posted so far.</summary>
public record CampaignUpdatesPanelModel : BaseNopModel
{
    public int ProductId { get; set; }
    public bool CanManage { get; set; }
    public int MaxTextLength { get; set; }
    public IList<SelectListItem> AvailableStages { get; set; } = new List<SelectListItem>();
    public IList<CampaignUpdateRowModel> Updates { get; set; } = new List<CampaignUpdateRowModel>();
}

/// <summary>One posted update, with how far its e-mails got; the text is plain (HTML-encoded by the view).</summary>
public record CampaignUpdateRowModel(int Id, string PostedText, string StageText, string Text, string EmailsText, bool Deleted);
