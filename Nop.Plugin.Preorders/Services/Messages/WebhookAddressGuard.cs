using System.Net;
using System.Net.Sockets;

namespace Nop.Plugin.Preorders.Services.Messages;

/// <summary>A webhook host resolved to an address the shop does not deliver to (see <see cref="WebhookAddressGuard"/>).</summary>
public class WebhookAddressRefusedException : Exception
{
    public WebhookAddressRefusedException(string message) : base(message)
    {
    }
}

/// <summary>
/// Keeps webhooks away from the shop's own network (SSRF): unless the store allows internal addresses, every
/// address a webhook host resolves to must be public. Checked before the request, and again by the HTTP
/// handler when it connects (it connects to the addresses it checked, so a DNS answer that changes in between
/// cannot point the request elsewhere). The handler follows no redirects and uses no proxy.
/// </summary>
public static class WebhookAddressGuard
{
    /// <summary>Request option read by the handler: true when the store allows internal addresses.</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowInternalOption = new("Nop.Plugin.Preorders.Webhooks.AllowInternal");

    /// <summary>Loopback, link-local, private (10/8, 172.16/12, 192.168/16), CGNAT (100.64/10), "this network" (0/8), multicast, reserved and broadcast; IPv6 loopback, unspecified, link-local, site-local, unique-local (fc00::/7), multicast, and IPv4 embedded in IPv6 (mapped, NAT64) by its IPv4 address.</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            return IsInternal(address.MapToIPv4());
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 0                                   // 0.0.0.0/8: unspecified, "this network"
                || b[0] == 127                                 // loopback
                || b[0] == 10                                  // private
                || (b[0] == 172 && (b[1] & 0xF0) == 16)        // private 172.16/12
                || (b[0] == 192 && b[1] == 168)                // private
                || (b[0] == 169 && b[1] == 254)                // link-local, cloud metadata
                || (b[0] == 100 && (b[1] & 0xC0) == 64)        // CGNAT 100.64/10
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)     // IETF protocol assignments 192.0.0/24
                || (b[0] == 198 && (b[1] & 0xFE) == 18)        // benchmarking 198.18/15
                || b[0] >= 224;                                // multicast 224/4, reserved 240/4, broadcast
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address))
                return true;
            var b = address.GetAddressBytes();
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC)
                return true;
            // NAT64 well-known prefix 64:ff9b::/96 and IPv4-compatible ::a.b.c.d: judged by the embedded IPv4 address
            var nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.Skip(4).Take(8).All(x => x == 0);
            var compatible = b.Take(12).All(x => x == 0);
            if (nat64 || compatible)
                return IsInternal(new IPAddress(b[12..]));
            return false;
        }
        return true; // not an IP address we know how to judge
    }

    /// <summary>Resolves a host (an IP literal is itself) and, unless internal addresses are allowed, refuses it when any of its addresses is internal.</summary>
    public static async Task<IPAddress[]> ResolveCheckedAsync(IWebhookAddressResolver resolver, string host, bool allowInternal, CancellationToken cancellationToken = default)
    {
        var name = (host ?? string.Empty).Trim('[', ']');
        var addresses = IPAddress.TryParse(name, out var literal) ? new[] { literal } : await resolver.ResolveAsync(name, cancellationToken) ?? Array.Empty<IPAddress>();
        if (addresses.Length == 0)
            throw new WebhookAddressRefusedException($"{name} does not resolve to any address");
        if (!allowInternal && addresses.FirstOrDefault(IsInternal) is { } refused)
            throw new WebhookAddressRefusedException($"refused: {name} resolves to the internal address {refused}; deliveries to internal addresses are off (setting \"Allow deliveries to internal addresses\")");
        return addresses;
    }

    /// <summary>The primary handler of the webhook HTTP client: no redirects, no proxy, every connection checked.</summary>
    public static SocketsHttpHandler CreateHandler(IWebhookAddressResolver resolver) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var allowInternal = context.InitialRequestMessage?.Options.TryGetValue(AllowInternalOption, out var allowed) == true && allowed;
            var addresses = await ResolveCheckedAsync(resolver, context.DnsEndPoint.Host, allowInternal, cancellationToken);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    };
}
