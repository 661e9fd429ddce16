namespace BookingPortal.Tests.Unit.Operations;

/// <summary>
/// The backup lines the README and deploy/systemd give to run on a schedule. Cron ends a command at a bare %, and
/// systemd reads % as a specifier and runs no shell, so a line with either, such as a dump named $(date +%F), never
/// runs as written on a schedule.
/// </summary>
public class BackupScheduleTests
{
    [Fact]
    public void The_scheduled_backup_lines_have_no_percent_sign_or_shell_substitution()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("\n### Backups", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n### ", 5, StringComparison.Ordinal)];
        // The lines of its code blocks that are cron lines or run a backup (the install line copies the script).
        var documented = section.Split("```").Where((_, index) => index % 2 == 1).SelectMany(block => block.Split('\n'))
            .Where(line => Regex.IsMatch(line, @"^(\S+\s+){5}bookingportal\s") || (Regex.IsMatch(line, @"^[^#]*\b(pg_dump|bookingportal-backup|backup\.sh)\b") && !line.StartsWith("install", StringComparison.Ordinal)))
            .ToList();
        var unit = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "deploy", "systemd", "bookingportal-backup.service"))
            .Where(line => line.StartsWith("ExecStart", StringComparison.Ordinal)).ToList();

        foreach (var line in documented.Concat(unit))
        {
            line.Replace("%%", "", StringComparison.Ordinal).Should().NotContain("%").And.NotContain("$(", "a scheduled line runs as written");
        }

        documented.Should().Contain(line => line.StartsWith("30 2 * * * bookingportal /usr/local/sbin/bookingportal-backup sqlite ", StringComparison.Ordinal));
        unit.Should().Contain(line => line.StartsWith("ExecStart=/usr/local/sbin/bookingportal-backup postgres ", StringComparison.Ordinal), "as the service's env example sets up");
    }
}
