namespace ChatApp.Web.Hosting;

public static class ContentRoot
{
    /// <summary>
    /// A published app (wwwroot beside its dll) finds its settings and files beside itself, so that
    /// <c>dotnet out/ChatApp.Web.dll</c> works from any folder; ASP.NET would look in the current folder.
    /// <c>dotnet run</c>, the test hosts and an explicit <c>--contentRoot</c> keep ASP.NET's own choice.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var published = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        var chosen = args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 };
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = published && !chosen ? AppContext.BaseDirectory : null,
        };
    }
}
