using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Routing;

namespace Nop.Web.Framework.Controllers;

public sealed class FormValueRequiredAttribute : ActionMethodSelectorAttribute
{
    private readonly string[] _submitButtonNames;
    private readonly FormValueRequirement _requirement;
    private readonly bool _validateNameOnly;

    public FormValueRequiredAttribute(params string[] submitButtonNames) :
        this(FormValueRequirement.Equal, submitButtonNames)
    {
    }

    public FormValueRequiredAttribute(FormValueRequirement requirement, params string[] submitButtonNames) :
        this(requirement, true, submitButtonNames)
    {
    }

    public FormValueRequiredAttribute(FormValueRequirement requirement, bool validateNameOnly, params string[] submitButtonNames)
    {
        _submitButtonNames = submitButtonNames;
        _validateNameOnly = validateNameOnly;
        _requirement = requirement;
    }

    public override bool IsValidForRequest(RouteContext routeContext, ActionDescriptor action) => throw null;
}

public enum FormValueRequirement
{
    Equal,
    StartsWith
}
