using System.Net;

namespace ChatApp.Web.Hosting.Security;

/// <summary>
/// The reverse proxies whose X-Forwarded-For, -Proto and -Host headers the app believes (section "ForwardedHeaders").
/// Anyone else's are ignored, so a client cannot claim to be on https or to come from another address.
/// Loopback (127.0.0.0/8, ::1) is always trusted, as ASP.NET Core does by default: a proxy on the same machine
/// works without configuration, and only a process on that machine could forge the headers.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Single proxy addresses, e.g. <c>10.0.0.5</c> or <c>fd00::5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Address ranges in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public IEnumerable<string> Invalid() =>
        KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Concat(KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)));
}
