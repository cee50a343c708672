using System.Net;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Tests.Hosting;

public sealed class ClientAddressKeyTests
{
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly IPAddress A = IPAddress.Parse("203.0.113.5");
    private static readonly IPAddress B = IPAddress.Parse("203.0.113.6");

    [Fact]
    public void One_address_has_one_key_all_day_and_another_address_another_key()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 3, 1, 0, 0, 1, TimeSpan.Zero));
        var keys = new ClientAddressKey(time);
        var morning = keys.For(A);
        time.Now = time.Now.AddHours(23.9);

        Assert.Equal(morning, keys.For(A));
        Assert.NotEqual(morning, keys.For(B));
        Assert.DoesNotContain("203.0.113", morning);
    }

    [Fact]
    public void The_salt_changes_with_the_day_so_yesterdays_keys_mean_nothing_today()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 3, 1, 23, 59, 0, TimeSpan.Zero));
        var keys = new ClientAddressKey(time);
        var before = keys.For(A);
        time.Now = time.Now.AddMinutes(2);

        Assert.NotEqual(before, keys.For(A));
        Assert.NotEqual(before, new ClientAddressKey(new ManualTime(time.Now.AddMinutes(-2))).For(A)); // the salt is random, not derived
    }

    [Fact]
    public void IPv6_addresses_count_per_64_block_and_mapped_IPv4_as_IPv4()
    {
        var keys = new ClientAddressKey(TimeProvider.System);

        Assert.Equal(keys.For(IPAddress.Parse("2001:db8:1:2::1")), keys.For(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(keys.For(IPAddress.Parse("2001:db8:1:2::1")), keys.For(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal(keys.For(A), keys.For(A.MapToIPv6()));
        Assert.Equal(keys.For(null), keys.For(null));
    }
}
