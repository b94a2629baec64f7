using System.Data;

namespace LinqToDB.Data;

public class DataParameter
{
    public DataParameter()
    {
    }

    public DataParameter(string name, object value)
    {
        Name = name;
        Value = value;
    }

    public DataParameter(string name, object value, DataType dataType)
    {
        Name = name;
        Value = value;
        DataType = dataType;
    }

    public DataType DataType { get; set; }

    public string DbType { get; set; }

    public ParameterDirection? Direction { get; set; }

    public string Name { get; set; }

    public int? Precision { get; set; }

    public int? Scale { get; set; }

    public int? Size { get; set; }

    public object Value { get; set; }
}
