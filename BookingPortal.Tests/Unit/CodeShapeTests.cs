using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BookingPortal.Tests.Unit;

/// <summary>
/// The sizes a newcomer can read (issue 20), measured on the portal's source (BookingPortal/), outside the
/// generated migrations: no C# file over 250 lines, no
/// method over 40, no Razor component over 150, Program.cs at most 60. A method's length is the lines its body
/// spans, braces included (or its => expression), for methods, constructors, operators, local functions and
/// accessors alike, read with Roslyn.
/// </summary>
public class CodeShapeTests
{
    private const int MaxFileLines = 250;
    private const int MaxMethodLines = 40;
    private const int MaxComponentLines = 150;
    private const int MaxProgramLines = 60;

    /// <summary>Files or methods allowed past a limit for good, with the reason. Keep it rare; "Path" or "Path:Member".</summary>
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        ["Features/Branding/PortalTheme.cs:Create"] = "the light and dark palettes as one object initializer: data, no logic to split",
        ["Components/Account/IdentityComponentsEndpointRouteBuilderExtensions.cs:MapAdditionalIdentityEndpoints"] =
            "the Identity template's endpoints, each a lambda mapped in one place as the template lays them out",
    };

    private static readonly string PortalDirectory = Path.Combine(RepositoryRoot(), "BookingPortal");

    [Fact]
    public void No_csharp_file_is_over_250_lines() =>
        Offenders(SourceFiles("*.cs").Select(file => (Name: Relative(file), Lines: LineCount(file))), MaxFileLines).Should().BeEmpty();

    [Fact]
    public void No_razor_component_is_over_150_lines() =>
        Offenders(SourceFiles("*.razor").Select(file => (Name: Relative(file), Lines: LineCount(file))), MaxComponentLines).Should().BeEmpty();

    [Fact]
    public void Program_cs_is_at_most_60_lines() =>
        LineCount(Path.Combine(PortalDirectory, "Program.cs")).Should().BeLessThanOrEqualTo(MaxProgramLines);

    [Fact]
    public void No_method_is_over_40_lines()
    {
        var methods = SourceFiles("*.cs").SelectMany(MethodLengths).ToList();

        methods.Should().NotBeEmpty("the test must find methods to judge them");
        Offenders(methods, MaxMethodLines).Should().BeEmpty();
    }

    [Fact]
    public void Every_exception_still_names_a_file_or_method_over_its_limit()
    {
        var overLimit = SourceFiles("*.cs").Select(file => (Name: Relative(file), Lines: LineCount(file))).Where(f => f.Lines > MaxFileLines)
            .Concat(SourceFiles("*.razor").Select(file => (Name: Relative(file), Lines: LineCount(file))).Where(f => f.Lines > MaxComponentLines))
            .Concat(SourceFiles("*.cs").SelectMany(MethodLengths).Where(m => m.Lines > MaxMethodLines))
            .Select(item => item.Name)
            .ToHashSet(StringComparer.Ordinal);

        Exceptions.Keys.Where(name => !overLimit.Contains(name)).Should().BeEmpty("an exception the code no longer needs is taken out of the list");
    }

    private static List<string> Offenders(IEnumerable<(string Name, int Lines)> measured, int limit) => measured
        .Where(item => item.Lines > limit && !Exceptions.ContainsKey(item.Name))
        .OrderByDescending(item => item.Lines)
        .Select(item => $"{item.Name}: {item.Lines} lines (limit {limit})")
        .ToList();

    private static IEnumerable<(string Name, int Lines)> MethodLengths(string file)
    {
        var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
        foreach (var node in root.DescendantNodes())
        {
            var (name, body) = node switch
            {
                BaseMethodDeclarationSyntax m => (NameOf(m), (SyntaxNode?)m.Body ?? m.ExpressionBody),
                LocalFunctionStatementSyntax f => (f.Identifier.Text, (SyntaxNode?)f.Body ?? f.ExpressionBody),
                AccessorDeclarationSyntax a => ($"{OwnerOf(a)}.{a.Keyword.Text}", (SyntaxNode?)a.Body ?? a.ExpressionBody),
                _ => (null, null),
            };
            if (name is not null && body is not null)
            {
                var span = body.GetLocation().GetLineSpan();
                yield return ($"{Relative(file)}:{name}", span.EndLinePosition.Line - span.StartLinePosition.Line + 1);
            }
        }
    }

    private static string NameOf(BaseMethodDeclarationSyntax method) => method switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Identifier.Text,
        _ => method.Kind().ToString(),
    };

    private static string OwnerOf(AccessorDeclarationSyntax accessor) => accessor.Parent?.Parent switch
    {
        PropertyDeclarationSyntax p => p.Identifier.Text,
        EventDeclarationSyntax e => e.Identifier.Text,
        _ => "this[]",
    };

    private static IEnumerable<string> SourceFiles(string pattern) =>
        Directory.EnumerateFiles(PortalDirectory, pattern, SearchOption.AllDirectories)
            .Where(file => !IsUnder(file, "bin") && !IsUnder(file, "obj") && !IsUnder(file, Path.Combine("Data", "Migrations")));

    private static bool IsUnder(string file, string folder) =>
        Path.GetRelativePath(PortalDirectory, file).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(PortalDirectory, file).Replace('\\', '/');

    private static int LineCount(string file) => File.ReadAllLines(file).Length;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BookingPortal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No BookingPortal.sln above {AppContext.BaseDirectory}: the shape tests read the source tree.");
    }
}
