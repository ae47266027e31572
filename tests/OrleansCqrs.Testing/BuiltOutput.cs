namespace OrleansCqrs.Testing;

/// <summary>Where another project of the solution put its build, in the same configuration and framework as the running test.</summary>
public static class BuiltOutput
{
    /// <param name="project">The project's folder relative to the solution, such as <c>client/OrleansCqrs.Client</c>.</param>
    public static string Of(string project, string file)
    {
        // …/tests/X/bin/<Configuration>/<framework> → …/<project>/bin/<Configuration>/<framework>/<file>
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OrleansCqrs.sln")))
        {
            root = root.Parent;
        }

        return Path.Combine(
            root?.FullName ?? throw new InvalidOperationException("The solution folder is not above the test's output."),
            project, "bin", here.Parent!.Name, here.Name, file);
    }
}
