using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Tests.Unit.Infrastructure.Hosting;

public sealed class ContentRootCheckTests : IDisposable
{
    private readonly string appFolder = Directory.CreateTempSubdirectory("portal-app-").FullName;
    private readonly string elsewhere = Directory.CreateTempSubdirectory("portal-cwd-").FullName;

    public ContentRootCheckTests() => File.WriteAllText(Path.Combine(appFolder, "appsettings.json"), "{}");

    [Fact]
    public void Started_from_another_folder_it_says_which_settings_are_not_read_and_how_to_start_it()
    {
        var problem = ContentRootCheck.Problem(elsewhere, appFolder);

        problem.Should().Contain($"started in {elsewhere}").And.Contain($"shipped in {appFolder} are not read")
            .And.Contain("SQLite database").And.Contain($"--contentRoot {appFolder}");
    }

    [Fact]
    public void Started_from_its_own_folder_or_one_with_its_own_settings_there_is_nothing_to_say()
    {
        ContentRootCheck.Problem(appFolder, appFolder).Should().BeNull();
        File.WriteAllText(Path.Combine(elsewhere, "appsettings.json"), "{}");
        ContentRootCheck.Problem(elsewhere, appFolder).Should().BeNull("a folder with settings of its own was chosen on purpose");
    }

    public void Dispose()
    {
        Directory.Delete(appFolder, recursive: true);
        Directory.Delete(elsewhere, recursive: true);
    }
}
