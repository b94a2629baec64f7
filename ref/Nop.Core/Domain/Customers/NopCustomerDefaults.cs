namespace Nop.Core.Domain.Customers;

public static partial class NopCustomerDefaults
{
    public static string AdministratorsRoleName => throw null;

    public static string RegisteredRoleName => throw null;

    public static string GuestsRoleName => throw null;
}
