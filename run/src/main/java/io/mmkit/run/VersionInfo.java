package io.mmkit.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: the project version and the git commit it was built from. Both are written into
 * the jar at build time ({@code version.properties} by resource filtering, {@code git.properties} by the
 * git-commit-id plugin); a build outside a git checkout, such as from a source tarball, has no commit and says
 * {@code unknown}, so it still builds and still answers.
 */
public final class VersionInfo implements IVersionProvider {
    static final String UNKNOWN = "unknown";

    private final String version;
    private final String commit;

    VersionInfo(String version, String commit) {
        this.version = known(version);
        this.commit = known(commit);
    }

    /** For picocli, which needs a no-argument constructor: reads the resources on this class's class path. */
    public VersionInfo() {
        this(read("version.properties"), read("git.properties"));
    }

    private VersionInfo(Properties version, Properties git) {
        this(version.getProperty("version"), git.getProperty("git.commit.id.abbrev"));
    }

    public String version() {
        return version;
    }

    /** The abbreviated commit id, or {@code unknown}. */
    public String commit() {
        return commit;
    }

    /** One line, e.g. {@code mmkit 0.1.0-SNAPSHOT (commit 1a2b3c4)}. */
    public String line() {
        return "mmkit " + version + " (commit " + commit + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {line(), "Java " + System.getProperty("java.version") + " (" + System.getProperty(
                "java.vm.name") + ")"};
    }

    private static String known(String value) {
        // An unfiltered placeholder (a build that skipped filtering) is as good as nothing.
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.trim();
    }

    private static Properties read(String name) {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the jar", e);
        }
        return p;
    }
}
