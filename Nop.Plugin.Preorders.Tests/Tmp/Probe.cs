using NUnit.Framework;
using Nop.Plugin.Preorders.Tests.Infrastructure;
namespace Nop.Plugin.Preorders.Tests.Tmp;
[TestFixture, Explicit]
public class Probe
{
    [Test]
    public void Ddl()
    {
        using var db = TestDatabase.CreateMigrated();
        TestContext.Out.WriteLine(db.ExecuteScalar("SELECT string_agg(a.attname || ':' || a.attidentity::text || ':' || coalesce(pg_get_expr(d.adbin, d.adrelid),''), ',') FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid=a.attrelid AND d.adnum=a.attnum WHERE a.attrelid='preorder_line'::regclass AND a.attname in ('id','version','extension_count')"));
        TestContext.Out.WriteLine(db.ExecuteScalar("SELECT pg_get_serial_sequence('preorder_line','id')"));
        TestContext.Out.WriteLine(db.ExecuteScalar("SELECT string_agg(column_name||':'||data_type, ',') FROM information_schema.columns WHERE table_name='preorder_account'"));
    }
}
