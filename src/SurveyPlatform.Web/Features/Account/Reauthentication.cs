using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>
/// Remembers, in memory only, when each user last confirmed their password. Exporting rows, purging and
/// changing sharing need a recent confirmation, so that a console left open cannot be used for them.
/// </summary>
public sealed class Reauthentication(TimeProvider time, IOptions<AccountOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _confirmed = new(StringComparer.Ordinal);

    public void Confirmed(string userId) => _confirmed[userId] = time.GetUtcNow();

    public bool IsFresh(string? userId) =>
        userId is not null && _confirmed.TryGetValue(userId, out var at)
        && time.GetUtcNow() - at < TimeSpan.FromMinutes(options.Value.ReauthenticationMinutes);

    public void Forget(string userId) => _confirmed.TryRemove(userId, out _);
}
