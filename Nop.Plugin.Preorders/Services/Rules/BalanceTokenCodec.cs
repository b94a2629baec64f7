using System.Security.Cryptography;
using System.Text;

namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>
/// Balance-link tokens: 256 random bits, URL-safe; only their SHA-256 is stored, so a database leak
/// reveals no usable link. Comparison is constant-time.
/// </summary>
public static class BalanceTokenCodec
{
    public const int TokenBytes = 32;

    public static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[TokenBytes];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Hash(string token)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty));
        return Convert.ToHexString(digest).ToLowerInvariant();
    }

    /// <summary>Well-formed: the length and alphabet of a token we issue (anything else is refused before any lookup).</summary>
    public static bool IsWellFormed(string token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');

    public static bool HashEquals(string storedHash, string token)
    {
        var expected = Encoding.ASCII.GetBytes(storedHash ?? string.Empty);
        var actual = Encoding.ASCII.GetBytes(Hash(token));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
