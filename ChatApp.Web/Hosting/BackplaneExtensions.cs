using ChatApp.Redis;
using ChatApp.Redis.Limits;
using ChatApp.Redis.Presence;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;

namespace ChatApp.Web.Hosting;

public static class BackplaneExtensions
{
    /// <summary>
    /// Several instances, one chat: with `Backplane:Redis` set, the nodes share the event bus, presence, limits and
    /// the data-protection key ring through Redis (a cookie one node signed is good on every other). Without it,
    /// nothing is added and every feature keeps its in-process default. Before the features: they add their
    /// defaults only where nothing else was registered.
    /// </summary>
    public static void AddChatBackplane(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BackplaneOptions>().BindConfiguration(BackplaneOptions.SectionName)
            .Validate(o => o.NodeDownAfter > TimeSpan.Zero, "Backplane:NodeDownAfter must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Prefix), "Backplane:Prefix must not be empty.")
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{BackplaneOptions.SectionName}:Redis"]))
        {
            return;
        }
        services.AddRedisBackplane();
        services.AddRedisEventBus();
        services.AddRedisPresence();
        services.AddRedisLimits();
        // The shared key ring replaces a local `DataProtection:KeysPath` (configured earlier, so this one wins).
        services.AddOptions<KeyManagementOptions>().Configure<RedisBackplane>((keys, redis) =>
            keys.XmlRepository = new RedisXmlRepository(() => redis.Database, redis.Key("data-protection-keys")));
    }
}
