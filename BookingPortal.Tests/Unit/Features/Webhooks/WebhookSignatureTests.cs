using BookingPortal.Features.Webhooks.Ports;

namespace BookingPortal.Tests.Unit.Features.Webhooks;

public class WebhookSignatureTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private const string Secret = "whsec_test";
    private const string Body = """{"id":"evt_1","type":"booking.created"}""";

    [Fact]
    public void The_header_carries_the_timestamp_and_the_hmac_of_timestamp_dot_body()
    {
        var header = WebhookSignature.Sign(Secret, SentAt, Body);

        var seconds = SentAt.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes($"{seconds}.{Body}")));
        header.Should().Be($"t={seconds},v1={expected}");
        WebhookSignature.Verify(Secret, header, Body, SentAt.AddMinutes(1), TimeSpan.FromMinutes(5)).Should().BeTrue();
    }

    [Fact]
    public void A_changed_body_another_secret_or_an_old_timestamp_fails_the_check()
    {
        var header = WebhookSignature.Sign(Secret, SentAt, Body);

        WebhookSignature.Verify(Secret, header, Body.Replace("created", "cancelled"), SentAt, TimeSpan.FromMinutes(5)).Should().BeFalse();
        WebhookSignature.Verify("whsec_other", header, Body, SentAt, TimeSpan.FromMinutes(5)).Should().BeFalse();
        WebhookSignature.Verify(Secret, header, Body, SentAt.AddMinutes(6), TimeSpan.FromMinutes(5)).Should().BeFalse("a replay after the tolerance is refused");
        WebhookSignature.Verify(Secret, "v1=abc", Body, SentAt, TimeSpan.FromMinutes(5)).Should().BeFalse("no timestamp");
    }
}
