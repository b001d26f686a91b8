using ChatApp.Web.Components.Account;

namespace ChatApp.Tests.Accounts;

public sealed class ReturnUrlsTests
{
    [Theory]
    [InlineData("//evil.com")]
    [InlineData("/\\evil.com")]
    [InlineData("\\\\evil.com")]
    [InlineData("https://evil.com")]
    [InlineData("HTTPS://evil.com/rooms")]
    [InlineData("javascript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData(" //evil.com")]
    [InlineData("http://localhost//evil.com")]
    [InlineData("http://localhost.evil.com/")]
    [InlineData("data:text/html,hi")]
    public void AddressesOutsideTheAppAreRefused(string url) =>
        Assert.Null(ReturnUrls.LocalPathOrNull(url, "http://localhost/"));

    [Theory]
    [InlineData("/rooms/lobby", "rooms/lobby")]
    [InlineData("rooms/lobby?x=1", "rooms/lobby?x=1")]
    [InlineData("http://localhost/rooms/lobby", "rooms/lobby")]
    [InlineData("/", "")]
    [InlineData("rooms/a:b", "rooms/a:b")]
    public void PagesOfTheAppAreKeptRelativeToItsBase(string url, string expected) =>
        Assert.Equal(expected, ReturnUrls.LocalPathOrNull(url, "http://localhost/"));

    [Fact]
    public void UnderAPathBaseOnlyItsOwnPagesCount()
    {
        Assert.Equal("rooms", ReturnUrls.LocalPathOrNull("/chat/rooms", "https://example.test/chat/"));
        Assert.Null(ReturnUrls.LocalPathOrNull("/other-app/rooms", "https://example.test/chat/"));
    }
}
