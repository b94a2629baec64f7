namespace FluentMigrator;

[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public class MigrationAttribute : Attribute
{
    public MigrationAttribute(long version, string description)
        : this(version, TransactionBehavior.Default, description)
    {
    }

    public MigrationAttribute(long version, TransactionBehavior transactionBehavior = TransactionBehavior.Default, string description = null)
    {
        Version = version;
        TransactionBehavior = transactionBehavior;
        Description = description;
    }

    public long Version { get; }

    public TransactionBehavior TransactionBehavior { get; }

    public string Description { get; }

    public bool BreakingChange { get; set; }
}
