using ChatApp.LoadTest.Scenarios;

namespace ChatApp.E2E.LoadTest;

/// <summary>Fan-out is charged only the server CPU above what the same tabs cost with nobody sending.</summary>
public sealed class DeliveryCostTests
{
    [Fact]
    public void ADeliveryIsChargedOnlyTheCpuAboveTheIdleRateOverTheSameTime()
    {
        // Idle: 0.5 s of CPU in 10 s (50 ms/s). Sending: 2.5 s in 20 s, of which 1 s is that idle rate.
        var cost = new DeliveryCost(new CpuWindow(0.5, 10), new CpuWindow(2.5, 20), Deliveries: 1_000);

        Assert.Equal(1.5, cost.NetCpuSeconds, precision: 9);
        Assert.Equal(1.5, cost.NetMsPerDelivery, precision: 9);
        Assert.Equal(2.5, cost.GrossMsPerDelivery, precision: 9);
    }

    [Fact]
    public void NoDeliveriesGiveNoFigureRatherThanInfinity() =>
        Assert.True(double.IsNaN(new DeliveryCost(new CpuWindow(0.5, 10), new CpuWindow(2.5, 20), 0).NetMsPerDelivery));
}
