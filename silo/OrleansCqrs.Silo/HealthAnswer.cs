using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansCqrs.Silo;

/// <summary>The health endpoints' body: <c>{"status":"healthy|degraded|unhealthy","checks":[…]}</c>, lower case, with each check's reason.</summary>
internal static class HealthAnswer
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString().ToLowerInvariant(), reason = e.Value.Description }),
        }));
    }
}
