using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Tests.Components;
using ChatApp.Web.Operations.Shutdown;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Operations;

public sealed class ShutdownNoticeTests : ChatComponentTest
{
    [Fact]
    public async Task AnOpenTabShowsNothingUntilTheAppStopsThenSaysItIsRestarting()
    {
        var notice = Render<RestartingNotice>();
        Assert.Empty(notice.FindAll("[data-testid='server-restarting']"));

        await Services.GetRequiredService<GracefulShutdown>().StopAsync();

        notice.WaitForAssertion(() =>
            Assert.Contains("ChatApp is restarting", notice.Find("[data-testid='server-restarting']").TextContent));
    }

    [Fact]
    public async Task ATabOpenedWhileTheAppStopsSaysSoAtOnceAndCannotSend()
    {
        var shutdown = Services.GetRequiredService<GracefulShutdown>();

        await shutdown.StopAsync();
        var late = Render<RestartingNotice>();

        late.WaitForAssertion(() => Assert.NotNull(late.Find("[data-testid='server-restarting']")));
        Assert.True(Services.GetRequiredService<InFlightSends>().IsClosed);
    }
}
