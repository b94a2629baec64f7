using Nop.Core.Domain.Messages;

namespace Nop.Services.Messages;

public partial interface IQueuedEmailService
{
    Task InsertQueuedEmailAsync(QueuedEmail queuedEmail);

    Task<QueuedEmail> GetQueuedEmailByIdAsync(int queuedEmailId);
}
