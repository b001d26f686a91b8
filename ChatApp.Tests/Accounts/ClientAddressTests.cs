using System.Net;
using ChatApp.Web.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace ChatApp.Tests.Accounts;

public sealed class ClientAddressTests
{
    private static string KeyOf(string? address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = address is null ? null : IPAddress.Parse(address);
        return ClientAddress.Key(context);
    }

    [Fact]
    public void OneIpv6SubscriberCountsAsOneWhateverAddressOfTheirNetworkTheyUse() =>
        Assert.Equal(KeyOf("2001:db8:1:2::1"), KeyOf("2001:db8:1:2:ffff:ffff:ffff:ffff"));

    [Fact]
    public void NeighbouringIpv6NetworksCountApart() =>
        Assert.NotEqual(KeyOf("2001:db8:1:2::1"), KeyOf("2001:db8:1:3::1"));

    [Fact]
    public void Ipv4CountsPerAddressAndAMappedOneAsItself()
    {
        Assert.Equal("203.0.113.5", KeyOf("::ffff:203.0.113.5"));
        Assert.NotEqual(KeyOf("203.0.113.5"), KeyOf("203.0.113.6"));
    }

    [Fact]
    public void AConnectionWithoutAnAddressStillHasAKey() =>
        Assert.Equal("unknown", KeyOf(null));
}
