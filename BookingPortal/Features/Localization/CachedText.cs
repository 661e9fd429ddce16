namespace BookingPortal.Features.Localization;

/// <summary>
/// A text resource (the portal's, MudBlazor's translations) read once per language and key. ResourceManager takes two locks
/// on every look-up, and a waiting room redrawn for ten thousand circuits at once spent a share of its
/// time queued on them (a thread-time profile of the benchmark's update rounds). Keys are the literal
/// texts of the markup and the languages are fixed, so the cache stays small. Formatting is done at each
/// call, in the current culture, as ResourceManagerStringLocalizer does.
/// </summary>
public sealed class CachedText<TResource>(IStringLocalizerFactory factory) : IStringLocalizer<TResource>
{
    private readonly IStringLocalizer resources = factory.Create(typeof(TResource));
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> texts = new();

    public LocalizedString this[string name] =>
        texts.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), static (key, resources) => resources[key.Name], resources);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => resources.GetAllStrings(includeParentCultures);
}
