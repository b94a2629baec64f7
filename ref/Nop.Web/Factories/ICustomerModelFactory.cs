namespace Nop.Web.Factories;

public partial interface ICustomerModelFactory;
