using Nop.Core;

namespace Nop.Plugin.Preorders.Domain;

/// <summary>A personal balance-payment link. Only the SHA-256 hash of the random token is stored.</summary>
public class PreorderBalanceToken : BaseEntity
{
    public int OrderId { get; set; }

    public string TokenHash { get; set; }

    public DateTime CreatedOnUtc { get; set; }

    public DateTime ExpiresOnUtc { get; set; }

    public DateTime? RevokedOnUtc { get; set; }

    public DateTime? LastUsedOnUtc { get; set; }
}
