using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Data;

/// <summary>A one-time code is claimed on its own, once, atomically; a used code and an unknown one are told apart.</summary>
public sealed class CodeClaimTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new();
    private Guid _run, _otherRun;
    private readonly byte[] _code = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var runs = await db.Runs.ToListAsync();
        _run = runs[0].Id;
        var other = new SurveyRun { Slug = "other", Name = "Other", SurveyVersionId = runs[0].SurveyVersionId, Status = RunStatus.Open };
        db.Runs.Add(other);
        db.RunCodes.Add(new RunCode { RunId = _run, CodeHash = _code });
        await db.SaveChangesAsync();
        _otherRun = other.Id;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Of_many_people_with_one_code_exactly_one_claims_it()
    {
        var store = _factory.Service<ResponseStore>();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.ClaimCodeAsync(_run, _code, CancellationToken.None))));

        Assert.Equal(1, claims.Count(c => c == CodeClaim.Claimed));
        Assert.Equal(7, claims.Count(c => c == CodeClaim.AlreadyUsed));
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.True((await db.RunCodes.SingleAsync()).Used);
        Assert.Equal(0, await db.Responses.CountAsync());
    }

    [Fact]
    public async Task A_code_the_run_does_not_have_is_unknown_not_used()
    {
        var store = _factory.Service<ResponseStore>();

        Assert.Equal(CodeClaim.Unknown, await store.ClaimCodeAsync(_run, new byte[32], CancellationToken.None));
        Assert.Equal(CodeClaim.Unknown, await store.ClaimCodeAsync(_otherRun, _code, CancellationToken.None));
        Assert.Equal(CodeClaim.Claimed, await store.ClaimCodeAsync(_run, _code, CancellationToken.None));
    }
}
