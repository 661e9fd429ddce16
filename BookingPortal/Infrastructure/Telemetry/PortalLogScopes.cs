using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.AspNetCore.Routing.Patterns;

namespace BookingPortal.Infrastructure.Telemetry;

/// <summary>
/// The scopes every log line carries: the trace, span and parent ids of the current activity, then the scopes opened
/// around the line, as the framework's own provider gives them. One change: the host's request scope names the address
/// as it was asked for, and a line written during a request for an address that is its own key (the calendar feed,
/// on an error) carried that key into the console log. Such a path is logged as its route's pattern, as its span is.
/// </summary>
public sealed class PortalLogScopes : IExternalScopeProvider
{
    private const string RequestPathKey = "RequestPath";
    private static readonly string ScopeProperty = typeof(PortalLogScopes).FullName!;

    private readonly LoggerExternalScopeProvider scopes = new();
    private ImmutableArray<(string Start, string Pattern)> secretPaths = [];

    /// <summary>Logs the paths of the pattern's route as the pattern (every path under its literal start, to be safe).</summary>
    public void Protect(RoutePattern pattern)
    {
        var start = LiteralStart(pattern);
        var secret = (start, pattern.RawText ?? start);
        ImmutableInterlocked.Update(ref secretPaths, paths => paths.Contains(secret) ? paths : paths.Add(secret));
    }

    /// <summary>Whether the pattern's paths are logged as the pattern.</summary>
    public bool Protects(RoutePattern pattern) => secretPaths.Any(secret => secret.Pattern == pattern.RawText);

    public IDisposable Push(object? state) => scopes.Push(state);

    // The factory's ActivityTrackingOptions configure only its own provider, which this one replaces: the ids written
    // are these three, whatever those options say.
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        if (Activity.Current is { } activity)
        {
            callback(ActivityOf(activity), state);
        }

        scopes.ForEachScope(static (scope, each) => each.Callback(each.Self.Redacted(scope), each.State), (Callback: callback, Self: this, State: state));
    }

    private object? Redacted(object? scope)
    {
        var secrets = secretPaths;
        if (secrets.IsEmpty || scope is not IReadOnlyList<KeyValuePair<string, object?>> items)
        {
            return scope;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { Key: RequestPathKey, Value: string path } && PatternOf(path, secrets) is { } pattern)
            {
                var redacted = new KeyValuePair<string, object?>[items.Count];
                for (var j = 0; j < items.Count; j++)
                {
                    redacted[j] = j == i ? new(RequestPathKey, pattern) : items[j];
                }

                return new Scope(redacted, scope.ToString()?.Replace(path, pattern, StringComparison.Ordinal));
            }
        }

        return scope;
    }

    // Anywhere in the path, not only at its start: the host's scope prefixes the path base, where one is set.
    private static string? PatternOf(string path, ImmutableArray<(string Start, string Pattern)> secrets)
    {
        foreach (var (start, pattern) in secrets)
        {
            if (path.Contains(start, StringComparison.OrdinalIgnoreCase))
            {
                return pattern;
            }
        }

        return null;
    }

    /// <summary>"/calendar/practitioners/" for "/calendar/practitioners/{token}.ics": the path up to the first parameter.</summary>
    private static string LiteralStart(RoutePattern pattern)
    {
        var start = new System.Text.StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            start.Append('/');
            foreach (var part in segment.Parts)
            {
                if (part is not RoutePatternLiteralPart literal)
                {
                    return start.ToString();
                }

                start.Append(literal.Content);
            }
        }

        return start.ToString();
    }

    /// <summary>The activity's ids, as the framework's provider names them; made once an activity, not once a line.</summary>
    private static Scope ActivityOf(Activity activity)
    {
        if (activity.GetCustomProperty(ScopeProperty) is Scope known)
        {
            return known;
        }

        var w3c = activity.IdFormat == ActivityIdFormat.W3C;
        KeyValuePair<string, object?>[] ids =
        [
            new("SpanId", w3c ? activity.SpanId.ToHexString() : activity.Id),
            new("TraceId", w3c ? activity.TraceId.ToHexString() : activity.RootId),
            new("ParentId", w3c ? activity.ParentSpanId.ToHexString() : activity.ParentId),
        ];
        var scope = new Scope(ids, string.Join(", ", ids.Select(id => $"{id.Key}:{id.Value}")));
        activity.SetCustomProperty(ScopeProperty, scope);
        return scope;
    }

    /// <summary>A scope of named values, printed as the framework's scope it stands for is printed.</summary>
    private sealed class Scope(KeyValuePair<string, object?>[] items, string? printed) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => items.Length;

        public KeyValuePair<string, object?> this[int index] => items[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string? ToString() => printed;
    }
}
