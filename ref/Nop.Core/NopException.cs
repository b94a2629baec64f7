namespace Nop.Core;

public partial class NopException : Exception
{
    public NopException()
    {
    }

    public NopException(string message)
        : base(message)
    {
    }

    public NopException(string messageFormat, params object[] args)
        : base(messageFormat)
    {
        throw null;
    }

    public NopException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
