using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;

namespace BookingPortal.Components.Shared;

/// <summary>
/// Pieces of markup that are the same for everyone reading a page in one language with the same few
/// choices (signed in or not, staff or not, the theme), built once per combination and shared by
/// every circuit. Why not Razor elements: every circuit keeps its components' render trees at 40 bytes a
/// frame (an element, each of its attributes and each text are a frame each; a piece of markup is one),
/// and the waiting room is held open by tens of thousands of circuits.
/// </summary>
public static class SharedMarkup
{
    private static readonly ConcurrentDictionary<(Type Owner, string Piece, string Culture, int Choice), MarkupString> Cache = new();

    /// <param name="owner">The type that writes the piece.</param>
    /// <param name="piece">Names the piece within its owner; with the current UI language and <paramref name="choice"/> they are the key.</param>
    /// <param name="choice">Everything else the markup depends on, from a small fixed set (the cache is never emptied).</param>
    /// <param name="build">Writes the markup; it must encode every text it puts in.</param>
    public static MarkupString Get<TState>(Type owner, string piece, int choice, TState state, Func<TState, int, string> build) =>
        Cache.GetOrAdd(
            (owner, piece, CultureInfo.CurrentUICulture.Name, choice),
            static (key, arguments) => new MarkupString(arguments.build(arguments.state, key.Choice)),
            (state, build));

    /// <summary>A text or attribute value made safe to put in markup.</summary>
    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
