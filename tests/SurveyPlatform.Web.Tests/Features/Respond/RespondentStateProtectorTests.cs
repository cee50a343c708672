using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SurveyPlatform.Web.Features.Respond;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Tests.Features.Respond;

/// <summary>The sealing of respondents' form state with the application's Data Protection key ring: what opens, and everything that must not.</summary>
public sealed class RespondentStateProtectorTests : IDisposable
{
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("sp-keys-");
    private readonly Guid _run = Guid.NewGuid();

    public void Dispose() => _keys.Delete(recursive: true);

    private RespondentStateProtector Protector(double hours = 6) =>
        new(DataProtectionProvider.Create(_keys, b => b.SetApplicationName("SurveyPlatform")),
            Options.Create(new RespondentOptions { StateLifetimeHours = hours }));

    private RespondentState State() => WithAnswer(RespondentState.Start(_run, "es", new byte[16]));

    private static RespondentState WithAnswer(RespondentState state)
    {
        state.Page = 3;
        state.Answers["comments"] = "secret-answer";
        return state;
    }

    [Fact]
    public void A_sealed_state_opens_to_what_was_sealed_and_hides_it()
    {
        var protector = Protector();

        var token = protector.Protect(State(), preview: false);
        var opened = protector.Unprotect(token, _run, preview: false);

        Assert.NotNull(opened);
        Assert.Equal(3, opened.Page);
        Assert.Equal("es", opened.Lang);
        Assert.Equal("secret-answer", opened.Answers["comments"]);
        Assert.DoesNotContain("secret", Encoding.Latin1.GetString(Base64Url.DecodeFromChars(token)), StringComparison.Ordinal);
    }

    [Fact]
    public void Any_change_to_a_token_makes_it_unreadable()
    {
        var protector = Protector();
        var token = Base64Url.DecodeFromChars(protector.Protect(State(), preview: false));

        for (var i = 0; i < token.Length; i++)
        {
            var changed = token.ToArray();
            changed[i] ^= 0x01;
            Assert.Null(protector.Unprotect(Base64Url.EncodeToString(changed), _run, preview: false));
        }
        Assert.Null(protector.Unprotect(Base64Url.EncodeToString(token[..^1]), _run, preview: false));
        Assert.Null(protector.Unprotect("not a token", _run, preview: false));
        Assert.Null(protector.Unprotect(new string('A', 70_000), _run, preview: false));
    }

    [Fact]
    public void A_state_opens_only_for_its_own_run_and_surface()
    {
        var protector = Protector();
        var survey = protector.Protect(State(), preview: false);
        var preview = protector.Protect(State(), preview: true);

        Assert.Null(protector.Unprotect(survey, Guid.NewGuid(), preview: false));
        Assert.Null(protector.Unprotect(preview, _run, preview: false));
        Assert.Null(protector.Unprotect(survey, _run, preview: true));
        Assert.NotNull(protector.Unprotect(preview, _run, preview: true));
    }

    [Fact]
    public void A_state_sealed_before_a_restart_still_opens_and_an_expired_one_never()
    {
        var token = Protector().Protect(State(), preview: false);
        Assert.NotNull(Protector().Unprotect(token, _run, preview: false)); // a new process with the same key ring

        var shortLived = Protector(hours: 0.000001); // 3.6 ms
        var expiring = shortLived.Protect(State(), preview: false);
        Thread.Sleep(50);
        Assert.Null(shortLived.Unprotect(expiring, _run, preview: false));
    }

    [Fact]
    public void A_state_of_another_key_ring_never_opens()
    {
        var other = Directory.CreateTempSubdirectory("sp-keys-");
        try
        {
            var foreign = new RespondentStateProtector(DataProtectionProvider.Create(other, b => b.SetApplicationName("SurveyPlatform")),
                Options.Create(new RespondentOptions())).Protect(State(), preview: false);
            Assert.Null(Protector().Unprotect(foreign, _run, preview: false));
        }
        finally
        {
            other.Delete(recursive: true);
        }
    }
}
