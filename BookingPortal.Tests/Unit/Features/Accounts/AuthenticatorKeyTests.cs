using System.Text.Encodings.Web;
using BookingPortal.Components.Account;

namespace BookingPortal.Tests.Unit.Features.Accounts;

/// <summary>What Manage → Enable authenticator shows and reads: the key in groups of four, its otpauth URI, the code typed.</summary>
public class AuthenticatorKeyTests
{
    [Theory]
    [InlineData("JBSWY3DPEHPK3PXP", "jbsw y3dp ehpk 3pxp")]
    [InlineData("ABCDEFGHIJ", "abcd efgh ij")]
    [InlineData("ABC", "abc")]
    public void The_key_is_shown_lower_case_in_groups_of_four(string key, string shown) =>
        AuthenticatorKey.Format(key).Should().Be(shown);

    [Fact]
    public void The_uri_names_the_issuer_and_the_encoded_address() =>
        AuthenticatorKey.OtpAuthUri(UrlEncoder.Default, "ana+1@test.local", "JBSWY3DP").Should().Be(
            "otpauth://totp/Microsoft.AspNetCore.Identity.UI:ana%2B1@test.local?secret=JBSWY3DP&issuer=Microsoft.AspNetCore.Identity.UI&digits=6");

    [Theory]
    [InlineData("123 456")]
    [InlineData("123-456")]
    public void A_code_is_read_without_spaces_or_hyphens(string typed) => AuthenticatorKey.Code(typed).Should().Be("123456");
}
