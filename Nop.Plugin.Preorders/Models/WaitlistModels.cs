namespace Nop.Plugin.Preorders.Models
{
    /// <summary>The product page's "coming soon" part: the opening date and the Notify me form, or the shopper's place on the list.</summary>
    public record WaitlistBlockModel
    {
        public int ProductId { get; init; }

        /// <summary>The window's opening in the shopper's time zone.</summary>
        public string OpensOnText { get; init; }

        public bool IsRegistered { get; init; }

        /// <summary>On the list (confirmed, or a guest's row waiting for confirmation in this session's address).</summary>
        public bool Joined { get; init; }

        public bool AwaitingConfirmation { get; init; }

        /// <summary>The first-access hours members get; 0 when none.</summary>
        public int FirstAccessHours { get; init; }
    }

    /// <summary>The e-mail's leave link page: one button that posts the signed link back.</summary>
    public record WaitlistLeaveModel
    {
        public int EntryId { get; init; }

        public string Signature { get; init; }
    }
}

namespace Nop.Plugin.Preorders.Models.Admin
{
    /// <summary>The waitlist panel of the product block and the campaign page: counts, first-access hours, CSV link.</summary>
    public record WaitlistAdminPanelModel
    {
        public int ProductId { get; init; }

        public int Confirmed { get; init; }

        public int Pending { get; init; }

        public int FirstAccessHours { get; init; }

        public int MaxFirstAccessHours { get; init; }

        public bool CanManage { get; init; }
    }
}
