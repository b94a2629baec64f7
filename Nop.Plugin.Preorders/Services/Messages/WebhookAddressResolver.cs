using System.Net;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>Resolves a webhook URL's host to its addresses (DNS in a shop; tests feed addresses).</summary>
public interface IWebhookAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default);
}

/// <summary>The system resolver (DNS, hosts file); an IP literal resolves to itself.</summary>
public class DnsWebhookAddressResolver : IWebhookAddressResolver
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default) =>
        IPAddress.TryParse(host, out var literal) ? Task.FromResult(new[] { literal }) : Dns.GetHostAddressesAsync(host, cancellationToken);
}
