using System.Xml.Serialization;

namespace Nop.Web.Framework.Models;

public partial record BaseNopModel
{
    public BaseNopModel()
    {
        PostInitialize();
    }

    protected virtual void PostInitialize()
    {
    }

    [XmlIgnore]
    public Dictionary<string, string> CustomProperties { get; set; } = new Dictionary<string, string>();
}
