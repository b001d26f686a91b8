using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;

namespace ChatApp.TabProbe;

/// <summary>
/// <c>chat</c> with real Chromium tabs against a running app: the load generator's command line (the same options,
/// defaults and bounds) and its result table and JSON, so the two runs read alike.
/// </summary>
public static class BrowserChatCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        RunOptions options;
        try
        {
            options = RunOptions.Parse(args);
        }
        catch (LoadTestException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        using var run = new CancellationTokenSource(options.RunBound);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; run.Cancel(); };
        var result = await BrowserChat.RunAsync(options, run.Token);
        result.Print(Console.Out);
        if (options.JsonPath is not null)
        {
            await result.WriteJsonAsync(options.JsonPath);
        }
        return 0;
    }
}
