using System.Diagnostics;
using System.IO.Compression;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Foundation;

/// <summary>Builds the upload-ready zip with the README's command and checks what nopCommerce's uploader expects.</summary>
[TestFixture]
[NonParallelizable]
public class PackageTests
{
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Preorders.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Test]
    public void The_zip_holds_one_plugin_folder_with_plugin_json_and_no_host_assemblies()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(Path.GetTempPath(), "preorders-pack-" + Guid.NewGuid().ToString("N"));
        var build = Process.Start(new ProcessStartInfo("dotnet",
            $"build \"{Path.Combine(root, "Nop.Plugin.Preorders", "Nop.Plugin.Preorders.csproj")}\" -c Release -t:PackPlugin -p:PackOutputDir=\"{output}\" -nologo -v:q")
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var log = build.StandardOutput.ReadToEnd() + build.StandardError.ReadToEnd();
        build.WaitForExit();
        Assert.That(build.ExitCode, Is.EqualTo(0), log);

        var zipPath = Directory.GetFiles(output, "Nop.Plugin.Preorders.*.zip").Single();
        using var zip = ZipFile.OpenRead(zipPath);
        var names = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).Where(n => !n.EndsWith('/')).ToList();

        Assert.That(names.Select(n => n.Split('/')[0]).Distinct(), Is.EqualTo(new[] { "Misc.Preorders" }), "one root folder");
        Assert.That(names, Does.Contain("Misc.Preorders/plugin.json"));
        Assert.That(names, Does.Contain("Misc.Preorders/Nop.Plugin.Preorders.dll"));
        Assert.That(names, Does.Contain("Misc.Preorders/logo.png"));
        Assert.That(names.Any(n => n.StartsWith("Misc.Preorders/Views/") && n.EndsWith(".cshtml")), Is.True);
        Assert.That(names, Does.Contain("Misc.Preorders/Views/Public/_ViewImports.cshtml"));
        Assert.That(names, Does.Contain(PreorderDefaults.Stylesheet.Replace("~/Plugins/", "")), "the storefront stylesheet the views add");
        var dlls = names.Where(n => n.EndsWith(".dll")).ToList();
        Assert.That(dlls, Is.EqualTo(new[] { "Misc.Preorders/Nop.Plugin.Preorders.dll" }), "no nopCommerce, framework or package assemblies");

        using var reader = new StreamReader(zip.GetEntry("Misc.Preorders/plugin.json")!.Open());
        var descriptor = JObject.Parse(reader.ReadToEnd());
        Assert.That((string)descriptor["SystemName"], Is.EqualTo(PreorderDefaults.SystemName));
        Assert.That(descriptor["SupportedVersions"]!.Values<string>(), Does.Contain("4.90"));
        Assert.That((string)descriptor["FileName"], Is.EqualTo("Nop.Plugin.Preorders.dll"));
        foreach (var field in new[] { "Group", "FriendlyName", "Version", "Author", "DisplayOrder", "Description" })
            Assert.That(descriptor[field], Is.Not.Null, field);
        Assert.That(Path.GetFileName(zipPath), Is.EqualTo($"Nop.Plugin.Preorders.{(string)descriptor["Version"]}.zip"), "zip named after the plugin version");

        Directory.Delete(output, true);
    }
}
