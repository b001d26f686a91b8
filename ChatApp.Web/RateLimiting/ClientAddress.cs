using System.Net;
using System.Net.Sockets;

namespace ChatApp.Web.RateLimiting;

/// <summary>Who is asking, for limits and logs: the connection's address (forwarded headers are applied before).</summary>
public static class ClientAddress
{
    /// <summary>
    /// The address as limits count it. One IPv6 subscriber usually holds a whole /64, so counting single addresses
    /// would give them billions of budgets; an IPv4 address mapped into IPv6 counts as that IPv4 address.
    /// </summary>
    public static string Key(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
