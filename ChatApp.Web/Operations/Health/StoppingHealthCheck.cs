using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatApp.Web.Operations.Health;

/// <summary>Not ready from the moment the app starts stopping: a load balancer sends new tabs elsewhere.</summary>
internal sealed class StoppingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? new HealthCheckResult(context.Registration.FailureStatus, "The app is stopping.")
            : HealthCheckResult.Healthy("Running."));
}
