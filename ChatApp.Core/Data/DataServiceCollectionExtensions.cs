using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Core.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddChatData(this IServiceCollection services, Func<IServiceProvider, ChatDatabase> database)
    {
        services.AddDbContextFactory<ChatDbContext>((sp, options) => database(sp).Configure(options));
        services.AddScoped<ChatSeeder>();
        return services;
    }

    /// <summary>
    /// Users and roles on the chat database. The schema version is part of the EF model, so the app and
    /// every test must register Identity through here to match the migrations.
    /// </summary>
    public static IdentityBuilder AddChatIdentityCore(this IServiceCollection services, Action<IdentityOptions>? configure = null) =>
        services.AddIdentityCore<ChatUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                configure?.Invoke(options);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ChatDbContext>()
            .AddUserValidator<DisplayNameValidator>()
            .AddClaimsPrincipalFactory<ChatClaimsPrincipalFactory>();
}
