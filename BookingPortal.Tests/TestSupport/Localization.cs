using System.Globalization;
using BookingPortal.Features.Localization;
using Microsoft.Extensions.Localization;

namespace BookingPortal.Tests.TestSupport;

/// <summary>The portal's resource-file localizer outside a host, and a way to read it in another language.</summary>
public static class Localization
{
    /// <summary>The localizer the portal registers (the resources read once per language and key).</summary>
    public static IStringLocalizer<PortalText> PortalText() => new CachedText<PortalText>(ResourceFiles());

    public static IStringLocalizerFactory ResourceFiles() =>
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    /// <summary>Runs the test body in a culture (formatting and resources), putting the previous one back afterwards.</summary>
    public static IDisposable InCulture(string name)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        return new Restore(() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
