namespace ChatApp.LoadTest.Scenarios;

/// <summary>The server's CPU seconds used over a window of wall-clock seconds.</summary>
public readonly record struct CpuWindow(double CpuSeconds, double Seconds)
{
    public double MsPerSecond => Seconds > 0 ? CpuSeconds * 1000 / Seconds : double.NaN;
}

/// <summary>
/// What fan-out costs the server per receiving tab. The sending window's CPU includes what the server spends anyway
/// with the same tabs open and nobody sending (keep-alives, timers, GC), so that idle rate, measured over a window of
/// its own just before, is taken off first. A delivery is one message shown in one other tab of its room.
/// </summary>
public sealed record DeliveryCost(CpuWindow Idle, CpuWindow Sending, long Deliveries)
{
    /// <summary>The sending window's CPU above the idle rate over the same length of time (noise can make it negative).</summary>
    public double NetCpuSeconds => Sending.CpuSeconds - Idle.CpuSeconds / Idle.Seconds * Sending.Seconds;

    public double NetMsPerDelivery => Deliveries > 0 ? NetCpuSeconds * 1000 / Deliveries : double.NaN;

    /// <summary>The old figure: the whole window's CPU over the deliveries, idle work included.</summary>
    public double GrossMsPerDelivery => Deliveries > 0 ? Sending.CpuSeconds * 1000 / Deliveries : double.NaN;
}
