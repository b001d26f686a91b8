using ChatApp.Web.Hosting;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace ChatApp.Tests.Integration;

/// <summary>The settings that decide what an idle tab costs the server, as the running app resolves them.</summary>
public sealed class ServerSettingsTests : IAsyncLifetime
{
    private readonly ChatAppFactory factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public void AnIdleTabsPopoverServiceWakesAtMostEveryFewMinutes()
    {
        // MudBlazor's default (0.5 s) woke every open tab twice a second: about four work items per tab per second.
        var popovers = factory.Services.GetRequiredService<IOptions<PopoverOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(10), popovers.QueueDelay);
    }

    [Fact]
    public void ThePopoverWakeUpIsASetting()
    {
        factory.Settings["Ui:PopoverDetachDelay"] = "00:02:00";

        var popovers = factory.Services.GetRequiredService<IOptions<PopoverOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(2), popovers.QueueDelay);
    }

    [Fact]
    public void CircuitLimitsComeFromTheCircuitsSection()
    {
        factory.Settings["Circuits:DisconnectedRetention"] = "00:01:30";
        factory.Settings["Circuits:MaxRetainedDisconnected"] = "42";
        factory.Settings["Circuits:MaxUnacknowledgedRenderBatches"] = "7";
        factory.Settings["Circuits:JSInteropTimeout"] = "00:00:20";

        var circuits = factory.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(90), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(42, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(7, circuits.MaxBufferedUnacknowledgedRenderBatches);
        Assert.Equal(TimeSpan.FromSeconds(20), circuits.JSInteropDefaultCallTimeout);
    }

    [Fact]
    public void CircuitLimitsDefaultToTheDocumentedValues()
    {
        var circuits = factory.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        var defaults = new CircuitSettings();

        Assert.Equal(defaults.DisconnectedRetention, circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(defaults.MaxRetainedDisconnected, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(defaults.MaxUnacknowledgedRenderBatches, circuits.MaxBufferedUnacknowledgedRenderBatches);
        Assert.Equal(defaults.JSInteropTimeout, circuits.JSInteropDefaultCallTimeout);
    }
}
