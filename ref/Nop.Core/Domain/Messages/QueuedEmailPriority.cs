namespace Nop.Core.Domain.Messages;

public enum QueuedEmailPriority
{
    Low = 0,
    High = 5
}
