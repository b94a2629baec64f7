namespace Nop.Plugin.Preorders.Services;

/// <summary>Free text cut to the length its column holds, so a long reason or error never fails the write that records it.</summary>
public static class StoredText
{
    public static string Truncate(string value, int maxLength) => value?.Length > maxLength ? value[..maxLength] : value;
}
