using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Nop.Core.Http.Extensions;

public static class HttpRequestExtensions
{
    public static bool IsPostRequest(this HttpRequest request) => throw null;

    public static bool IsGetRequest(this HttpRequest request) => throw null;

    public static Task<(bool keyExists, StringValues formValue)> TryGetFormValueAsync(this HttpRequest request, string formKey) => throw null;
}
