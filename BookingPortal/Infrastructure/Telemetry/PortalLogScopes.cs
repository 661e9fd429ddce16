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

    public IDisposable Push(object? state) => scopes.Push(state);

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
        if (secretPaths.IsEmpty || scope is not IReadOnlyList<KeyValuePair<string, object?>> items)
        {
            return scope;
        }

        foreach (var item in items)
        {
            if (item is { Key: RequestPathKey, Value: string path }
                && secretPaths.FirstOrDefault(secret => path.StartsWith(secret.Start, StringComparison.OrdinalIgnoreCase)) is { Pattern: { } pattern })
            {
                return new Scope([.. items.Select(i => i.Key == RequestPathKey ? new KeyValuePair<string, object?>(RequestPathKey, pattern) : i)], " ");
            }
        }

        return scope;
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
        var scope = new Scope(
        [
            new("SpanId", w3c ? activity.SpanId.ToHexString() : activity.Id),
            new("TraceId", w3c ? activity.TraceId.ToHexString() : activity.RootId),
            new("ParentId", w3c ? activity.ParentSpanId.ToHexString() : activity.ParentId),
        ], ", ");
        activity.SetCustomProperty(ScopeProperty, scope);
        return scope;
    }

    /// <summary>A scope of named values that prints as "Name:value", separated as the framework's scope of the same kind.</summary>
    private sealed class Scope(KeyValuePair<string, object?>[] items, string separator) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => items.Length;

        public KeyValuePair<string, object?> this[int index] => items[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(separator, items.Select(item => $"{item.Key}:{item.Value}"));
    }
}
