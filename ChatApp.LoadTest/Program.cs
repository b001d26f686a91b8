using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;
using ChatApp.LoadTest.Scenarios;

namespace ChatApp.LoadTest;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        RunOptions options;
        try
        {
            options = RunOptions.Parse(args);
        }
        catch (LoadTestException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(RunOptions.Usage);
            return 2;
        }

        using var run = new CancellationTokenSource(options.RunBound);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; run.Cancel(); };
        try
        {
            var result = options.Scenario switch
            {
                "idle" => await IdleScenario.RunAsync(options, run.Token),
                "chat" => await ChatScenario.RunAsync(options, run.Token),
                "storm" => await StormScenario.RunAsync(options, run.Token),
                "churn" => await ChurnScenario.RunAsync(options, run.Token),
                "reconnect" => await ReconnectScenario.RunAsync(options, run.Token),
                "status" => await StatusScenario.RunAsync(options, run.Token),
                _ => throw new LoadTestException($"Unknown scenario '{options.Scenario}' (idle, chat, storm, churn, reconnect, status)."),
            };
            result.Print(Console.Out);
            if (options.JsonPath is not null)
            {
                await result.WriteJsonAsync(options.JsonPath);
            }
            return result.Errors.Count == 0 ? 0 : 1;
        }
        catch (LoadTestException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"The app at {options.Url} did not answer: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped: interrupted or the run's time bound was reached.");
            return 3;
        }
    }
}
