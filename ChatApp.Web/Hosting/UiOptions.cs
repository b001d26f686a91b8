namespace ChatApp.Web.Hosting;

/// <summary>Bound from the <c>Ui</c> configuration section: what the component library does on the server per tab.</summary>
public sealed class UiOptions
{
    public const string SectionName = "Ui";

    /// <summary>
    /// How often MudBlazor's popover service of each tab wakes to tell the browser about popovers that were removed.
    /// MudBlazor's own default, half a second, woke every open tab twice a second for nothing (the app's popovers
    /// live in the app bar for the tab's whole life, so the queue is almost always empty): about four thread-pool
    /// work items per tab per second, the whole of an idle tab's server CPU. A removed popover's browser-side
    /// listeners now linger at most this long; its content leaves the page at once.
    /// </summary>
    public TimeSpan PopoverDetachDelay { get; set; } = TimeSpan.FromMinutes(10);
}
