namespace Nop.Web.Framework.Menu;

public partial class AdminMenuItem
{
    protected IList<string> _permissionNames;
    protected string _url;

    protected virtual bool Insert(string itemSystemName, AdminMenuItem newMenuItem, bool before) => throw null;

    public bool ContainsSystemName(string systemName) => throw null;

    public AdminMenuItem GetItemBySystemName(string systemName) => throw null;

    public virtual bool InsertBefore(string itemSystemName, AdminMenuItem newMenuItem) => throw null;

    public virtual bool InsertAfter(string itemSystemName, AdminMenuItem newMenuItem) => throw null;

    public IList<string> PermissionNames { get => _permissionNames ?? throw null; set => _permissionNames = value; }

    public string SystemName { get; set; }

    public string Title { get; set; }

    public string Url { get => _url; set => _url = value; }

    public IList<AdminMenuItem> ChildNodes { get; set; } = new List<AdminMenuItem>();

    public string IconClass { get; set; }

    public bool Visible { get; set; } = true;

    public bool OpenUrlInNewTab { get; set; }

    public string ControllerName { get => throw null; protected set => throw null; }

    public string ActionName { get => throw null; protected set => throw null; }
}
