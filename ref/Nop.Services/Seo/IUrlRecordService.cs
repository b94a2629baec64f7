namespace Nop.Services.Seo;

public partial interface IUrlRecordService
{
}
