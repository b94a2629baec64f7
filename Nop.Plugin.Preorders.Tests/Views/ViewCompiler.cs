using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Razor.Extensions;
using Microsoft.AspNetCore.Razor.Language;
using Microsoft.AspNetCore.Razor.Language.Extensions;
using Microsoft.AspNetCore.Razor.Language.Intermediate;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Razor;

namespace Nop.Plugin.Preorders.Tests.Views;

/// <summary>
/// Compiles the plugin's views the way nopCommerce does at run time (Razor with the MVC extensions, then Roslyn),
/// against the plugin assembly, the nopCommerce declarations of ref/ and the net9.0 shared framework, and reports
/// every error per view with the .cshtml path and line. Razor also resolves the tag helpers of the referenced
/// assemblies (@addTagHelper), so an element or attribute that no tag helper takes is reported too.
/// </summary>
public sealed class ViewCompiler
{
    private static readonly Regex UnboundNopElement = new(@"<nop-[a-z0-9-]+", RegexOptions.Compiled);
    private static readonly Regex UnboundAspAttribute = new(@"\sasp-[A-Za-z0-9-]+\s*=", RegexOptions.Compiled);

    private readonly IReadOnlyList<MetadataReference> _references;
    private readonly RazorProjectFileSystem _fileSystem;
    private readonly RazorProjectEngine _engine;
    private readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>> _errors;

    public ViewCompiler(string pluginDirectory, IReadOnlyList<string> referencePaths)
    {
        PluginDirectory = pluginDirectory;
        _references = referencePaths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToList();
        // the plugin folder stands for nopCommerce's Plugins/Misc.Preorders: the _ViewImports chain is the same
        _fileSystem = RazorProjectFileSystem.Create(pluginDirectory);
        _engine = RazorProjectEngine.Create(RazorConfiguration.Default, _fileSystem, builder =>
        {
            // as Microsoft.AspNetCore.Mvc.Razor.RuntimeCompilation configures its engine
            RazorExtensions.Register(builder);
            builder.Features.Add(new DefaultMetadataReferenceFeature { References = _references });
            builder.Features.Add(new CompilationTagHelperFeature());
            // RazorExtensions.Register has added the tag helper descriptor providers (default and view components)
            builder.SetCSharpLanguageVersion(LanguageVersion.Latest);
        });
        _errors = new Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>>(CompileAll, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string PluginDirectory { get; }

    /// <summary>Views as Razor paths ("/Views/Admin/List.cshtml"), _ViewImports excluded (they are part of every view).</summary>
    public static IEnumerable<string> ViewPaths(string pluginDirectory) =>
        Directory.GetFiles(Path.Combine(pluginDirectory, "Views"), "*.cshtml", SearchOption.AllDirectories)
            .Where(file => !string.Equals(Path.GetFileName(file), "_ViewImports.cshtml", StringComparison.OrdinalIgnoreCase))
            .Select(file => "/" + Path.GetRelativePath(pluginDirectory, file).Replace('\\', '/'))
            .OrderBy(path => path, StringComparer.Ordinal);

    /// <summary>The errors of one view ("/Views/Admin/List.cshtml"), each with its .cshtml path and line.</summary>
    public IReadOnlyList<string> ErrorsOf(string viewPath) =>
        _errors.Value.TryGetValue(viewPath, out var errors) ? errors : throw new ArgumentException($"no such view: {viewPath}");

    /// <summary>The tag helpers Razor found for one view, as "element: Type".</summary>
    public IReadOnlyList<string> TagHelpersOf(string viewPath) =>
        Generate(viewPath).GetTagHelperContext()?.TagHelpers
            .SelectMany(helper => helper.TagMatchingRules.Select(rule => $"{rule.TagName}: {helper.GetTypeName()}"))
            .OrderBy(text => text, StringComparer.Ordinal).ToList() ?? [];

    private RazorCodeDocument Generate(string viewPath) => _engine.Process(_fileSystem.GetItem(viewPath, FileKinds.Legacy));

    private IReadOnlyDictionary<string, IReadOnlyList<string>> CompileAll()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var trees = new Dictionary<SyntaxTree, string>();

        foreach (var viewPath in ViewPaths(PluginDirectory))
        {
            var viewErrors = errors[viewPath] = new List<string>();
            var document = Generate(viewPath);
            var csharp = document.GetCSharpDocument();

            foreach (var diagnostic in csharp.Diagnostics.Where(d => d.Severity == RazorDiagnosticSeverity.Error))
                viewErrors.Add($"{Where(diagnostic.Span, viewPath)}: error {diagnostic.Id}: {diagnostic.GetMessage()}");

            viewErrors.AddRange(UnboundTagHelperMarkup(document, viewPath));

            var tree = CSharpSyntaxTree.ParseText(csharp.GeneratedCode, parseOptions, path: viewPath + ".g.cs", encoding: Encoding.UTF8);
            trees[tree] = viewPath;
        }

        // one assembly for all views, as a build would; a diagnostic belongs to the view whose generated file it is in
        var compilation = CSharpCompilation.Create("Nop.Plugin.Preorders.Views", trees.Keys, _references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Disable)
                // as MVC's runtime compilation: assembly version unification is not an error
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                    ["CS1705"] = ReportDiagnostic.Suppress
                }));

        foreach (var diagnostic in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var tree = diagnostic.Location.SourceTree;
            var viewPath = tree != null && trees.TryGetValue(tree, out var path) ? path : null;
            var text = $"{Where(diagnostic)}: error {diagnostic.Id}: {diagnostic.GetMessage()}";
            if (viewPath != null)
                errors[viewPath].Add(text);
            else
                foreach (var list in errors.Values)
                    list.Add("(whole compilation) " + text);
        }

        return errors.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value.Distinct().ToList(), StringComparer.Ordinal);
    }

    /// <summary>
    /// A nop-* element that no tag helper takes (a required attribute missing, a misspelt name) is written out to the
    /// browser as it is; an asp-* attribute that no tag helper takes (misspelt, unknown) is written as an HTML attribute.
    /// Neither is a Razor or C# error, so they are looked for here.
    /// </summary>
    private static IEnumerable<string> UnboundTagHelperMarkup(RazorCodeDocument document, string viewPath)
    {
        var errors = new List<string>();
        var preallocated = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(document.GetDocumentIntermediateNode());
        Visit(document.GetDocumentIntermediateNode(), null);
        return errors;

        void Collect(IntermediateNode node)
        {
            if (node.GetType().Name == "PreallocatedTagHelperHtmlAttributeValueIntermediateNode" && Property(node, "VariableName") is { } variable)
                preallocated[variable] = Property(node, "AttributeName");
            foreach (var child in node.Children)
                Collect(child);
        }

        void Visit(IntermediateNode node, TagHelperIntermediateNode element)
        {
            switch (node)
            {
                case HtmlContentIntermediateNode html:
                    var text = string.Concat(html.Children.OfType<IntermediateToken>().Select(token => token.Content));
                    var unboundStartTags = new List<(int Start, int End)>();
                    foreach (Match nopElement in UnboundNopElement.Matches(text))
                    {
                        var end = text.IndexOf('>', nopElement.Index);
                        unboundStartTags.Add((nopElement.Index, end < 0 ? text.Length : end));
                        errors.Add($"{Where(html.Source, text, nopElement.Index, viewPath)}: error NOPVIEW1: <{nopElement.Value.TrimStart('<')}> is not a tag helper " +
                                   "(no tag helper of the referenced assemblies takes this element with these attributes)");
                    }
                    foreach (Match attribute in UnboundAspAttribute.Matches(text))
                        if (!unboundStartTags.Any(tag => attribute.Index > tag.Start && attribute.Index < tag.End))
                            errors.Add($"{Where(html.Source, text, attribute.Index + 1, viewPath)}: error NOPVIEW2: '{attribute.Value.Trim().TrimEnd('=').Trim()}' is bound by no tag helper");
                    break;
                case HtmlAttributeIntermediateNode attribute when IsAsp(attribute.AttributeName):
                    errors.Add($"{Where(attribute.Source, viewPath)}: error NOPVIEW2: '{attribute.AttributeName}' is bound by no tag helper");
                    break;
                // a tag helper element's attribute that none of its tag helpers binds: in the lowered document it is
                // one of these three (static values are preallocated)
                case TagHelperHtmlAttributeIntermediateNode attribute when IsAsp(attribute.AttributeName):
                    errors.Add(UnboundOnElement(attribute.AttributeName, attribute.Source, element));
                    break;
                case DefaultTagHelperHtmlAttributeIntermediateNode attribute when IsAsp(attribute.AttributeName):
                    errors.Add(UnboundOnElement(attribute.AttributeName, attribute.Source, element));
                    break;
                case ExtensionIntermediateNode extension when extension.GetType().Name == "PreallocatedTagHelperHtmlAttributeIntermediateNode":
                    // internal in Razor: it names a class-level preallocated value, which holds the attribute's name
                    var variable = Property(extension, "VariableName");
                    var name = preallocated.TryGetValue(variable ?? "", out var n) ? n : null;
                    if (IsAsp(name))
                        errors.Add(UnboundOnElement(name, extension.Source ?? element?.Source, element));
                    break;
            }

            foreach (var child in node.Children)
                Visit(child, node as TagHelperIntermediateNode ?? element);
        }

        string UnboundOnElement(string name, SourceSpan? source, TagHelperIntermediateNode element) =>
            $"{Where(source ?? element?.Source, viewPath)}: error NOPVIEW2: '{name}' on <{element?.TagName}> is bound by none of its tag helpers";

        static string Property(object node, string name) => node.GetType().GetProperty(name)?.GetValue(node) as string;

        static bool IsAsp(string name) => name != null && name.StartsWith("asp-", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The line and column of a position inside an HTML node's text.</summary>
    private static string Where(SourceSpan? span, string text, int index, string viewPath)
    {
        if (span is not { } s)
            return viewPath;
        var before = text[..index];
        var lines = before.Count(c => c == '\n');
        var column = lines == 0 ? s.CharacterIndex + index : index - before.LastIndexOf('\n') - 1;
        return $"{(string.IsNullOrEmpty(s.FilePath) ? viewPath : ToRazorPath(s.FilePath))}({s.LineIndex + lines + 1},{column + 1})";
    }

    private static string Where(SourceSpan? span, string viewPath) =>
        span is { } s ? $"{(string.IsNullOrEmpty(s.FilePath) ? viewPath : ToRazorPath(s.FilePath))}({s.LineIndex + 1},{s.CharacterIndex + 1})" : viewPath;

    private static string Where(SourceSpan span, string viewPath) => Where((SourceSpan?)span, viewPath);

    private static string Where(Diagnostic diagnostic)
    {
        var mapped = diagnostic.Location.GetMappedLineSpan();
        if (mapped.HasMappedPath)
            return $"{ToRazorPath(mapped.Path)}({mapped.StartLinePosition.Line + 1},{mapped.StartLinePosition.Character + 1})";
        var generated = diagnostic.Location.GetLineSpan();
        var line = diagnostic.Location.SourceTree?.GetText().Lines[generated.StartLinePosition.Line].ToString().Trim();
        return $"{generated.Path}({generated.StartLinePosition.Line + 1}) [generated: {line}]";
    }

    private static string ToRazorPath(string path)
    {
        var index = path.Replace('\\', '/').IndexOf("/Views/", StringComparison.Ordinal);
        return index >= 0 ? path.Replace('\\', '/')[index..] : path;
    }
}
