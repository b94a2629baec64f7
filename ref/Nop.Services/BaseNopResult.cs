namespace Nop.Services;

public abstract partial class BaseNopResult
{
    public bool Success => throw null;

    public virtual void AddError(string error) => throw null;

    public IList<string> Errors { get; set; } = new List<string>();
}
