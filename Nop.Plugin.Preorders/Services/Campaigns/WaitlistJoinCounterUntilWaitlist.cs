namespace Nop.Plugin.Preorders.Services.Campaigns;

/// <summary>
/// Stands in for the waitlist until its branch is merged: no product has joins yet. The waitlist branch registers its
/// own <see cref="IWaitlistJoinCounter"/>, which replaces this one (this file is deleted at the merge).
/// </summary>
public class WaitlistJoinCounterUntilWaitlist : IWaitlistJoinCounter
{
    public virtual Task<IDictionary<int, int>> CountJoinsAsync(IReadOnlyCollection<int> productIds) =>
        Task.FromResult<IDictionary<int, int>>(new Dictionary<int, int>());
}
