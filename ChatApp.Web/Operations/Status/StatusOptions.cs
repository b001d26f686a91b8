namespace ChatApp.Web.Operations.Status;

/// <summary>The live status page's sampling (section <c>Status</c>).</summary>
public sealed class StatusOptions
{
    public const string SectionName = "Status";

    /// <summary>How often each instance samples its instruments and publishes the sample (one chart point).</summary>
    public TimeSpan SampleEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An instance not heard from for this long is shown as down.</summary>
    public TimeSpan NodeDownAfter { get; set; } = TimeSpan.FromSeconds(30);
}
