namespace Nop.Core.Domain.Logging;

public enum LogLevel
{
    Debug = 10,
    Information = 20,
    Warning = 30,
    Error = 40,
    Fatal = 50
}
