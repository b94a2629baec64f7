using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Nop.Plugin.Preorders.Services.Admin;

/// <summary>
/// A download written straight to the response body by a callback (nothing is buffered whole), for
/// exports of any size. Response buffering is switched off so the client receives rows as they are written.
/// </summary>
public class StreamedFileResult : IActionResult
{
    private readonly Func<Stream, CancellationToken, Task> _writeAsync;

    public StreamedFileResult(string contentType, string fileName, Func<Stream, CancellationToken, Task> writeAsync)
    {
        ContentType = contentType;
        FileName = fileName;
        _writeAsync = writeAsync ?? throw new ArgumentNullException(nameof(writeAsync));
    }

    public string ContentType { get; }

    public string FileName { get; }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = ContentType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(FileName);
        response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        response.Headers[HeaderNames.CacheControl] = "no-store";
        context.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await _writeAsync(response.Body, context.HttpContext.RequestAborted);
    }
}
