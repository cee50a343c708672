using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace SurveyPlatform.Web.Hosting;

/// <summary>
/// Turns a client's address into a rate-limit partition key: an HMAC under a random salt that exists only
/// in this process's memory and is replaced every UTC day (anonymity.md rule 6). The address itself is
/// never kept, and yesterday's keys cannot be recomputed once the salt is gone.
/// </summary>
public sealed class ClientAddressKey(TimeProvider time)
{
    private volatile DaySalt? _current;

    /// <summary>The key of <paramref name="address"/>. IPv6 addresses count per /64, the block one subscriber usually holds.</summary>
    public string For(IPAddress? address)
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = 0;
        if (address is not null)
        {
            if (address.IsIPv4MappedToIPv6)
                address = address.MapToIPv4();
            address.TryWriteBytes(bytes, out length);
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
                length = 8;
        }
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Salt(), bytes[..length], hash);
        return Convert.ToBase64String(hash[..16]);
    }

    private byte[] Salt()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var current = _current;
        if (current is null || current.Day != today)
        {
            // Two requests racing at midnight may each draw a salt; one wins, and the other's key is simply new.
            current = new DaySalt(today, RandomNumberGenerator.GetBytes(32));
            _current = current;
        }
        return current.Salt;
    }

    private sealed record DaySalt(DateOnly Day, byte[] Salt);
}
