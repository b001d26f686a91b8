using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Integration.Security;

/// <summary>
/// The app in memory as a server on the internet sees it: requests from a chosen client address (TestServer has no
/// real connection), in a chosen environment, with an address that fails the way a broken database would.
/// </summary>
internal static partial class SecurityTestHost
{
    /// <summary>A trusted proxy configured in the tests' ForwardedHeaders:KnownProxies.</summary>
    public const string Proxy = "10.0.0.5";
    public const string Stranger = "203.0.113.9";
    public const string PublicHost = "chat.example.test";
    public const string FailingPath = "/test/fails";
    public const string SecretErrorText = "SQLite Error 1: 'no such table: Secrets' in /srv/chatapp/Data/SecretStore.cs";

    private const string RemoteAddressHeader = "X-Test-Remote-Address";

    public static WebApplicationFactory<Program> In(this ChatAppFactory app, string environment)
    {
        app.Settings.TryAdd("ForwardedHeaders:KnownProxies:0", Proxy);
        return app.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, TestHooks>());
        });
    }

    public static HttpClient Client(this WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A GET from <paramref name="from"/>, with any more headers (Host, X-Forwarded-*).</summary>
    public static Task<HttpResponseMessage> GetFromAsync(this HttpClient client, string path, string from, params (string Name, string Value)[] headers) =>
        client.SendAsync(Request(HttpMethod.Get, path, from, headers));

    public static HttpRequestMessage Request(HttpMethod method, string path, string from, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(RemoteAddressHeader, from);
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return request;
    }

    /// <summary>The cookie of that name as the response set it (its attributes included), or null.</summary>
    public static string? SetCookie(this HttpResponseMessage response, string namePrefix) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(namePrefix, StringComparison.Ordinal))
            : null;

    public static bool IsSecure(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Contains("secure", StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Signs the seeded administrator in through the real form, sending every request with the given headers;
    /// returns the form post's response.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string from, params (string Name, string Value)[] headers)
    {
        var form = await client.GetFromAsync("/Account/Login", from, headers);
        var html = await form.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        var antiforgery = form.SetCookie(".AspNetCore.Antiforgery")!.Split(';')[0];
        var post = Request(HttpMethod.Post, "/Account/Login", from, [.. headers, ("Cookie", antiforgery)]);
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = ChatAppFactory.AdminEmail,
            ["Input.Password"] = ChatAppFactory.AdminPassword,
        });
        return await client.SendAsync(post);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private sealed class TestHooks : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Outermost: the connection's address, as Kestrel would report it.
            app.Use((context, inner) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteAddressHeader, out var from))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(from!);
                }
                return inner(context);
            });
            next(app);
            // Innermost, after the app's endpoints: an address whose handling throws, inside every error handler.
            app.Use((context, inner) => context.Request.Path == FailingPath
                ? throw new InvalidOperationException(SecretErrorText)
                : inner(context));
        };
    }
}
