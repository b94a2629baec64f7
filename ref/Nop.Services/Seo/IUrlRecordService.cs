namespace Nop.Services.Seo;

public partial interface IUrlRecordService
{
    Task<string> GetSeNameAsync(int entityId, string entityName, int? languageId = null,
        bool returnDefaultValue = true, bool ensureTwoPublishedLanguages = true);
}
