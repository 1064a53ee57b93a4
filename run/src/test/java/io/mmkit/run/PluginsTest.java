package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.core.spi.StrategyProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plugins DIR} / {@code MMKIT_PLUGINS}: which folder, its jars, and a catalog that sees them. */
class PluginsTest {
    @TempDir
    Path dir;

    /** Registered only by the jar the test writes: the application class path has no service entry for it. */
    public static final class JarOnlyProvider implements StrategyProvider {
        @Override
        public String name() {
            return "jar_only";
        }

        @Override
        public String description() {
            return "found through a plug-in jar's service entry";
        }

        @Override
        public ConfiguredStrategy configure(StrategyParams params) {
            throw new UnsupportedOperationException("never run");
        }
    }

    @Test
    void shouldAddTheStrategiesOfEveryJarInTheFolderToTheBuiltInOnes() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        writeServiceJar(plugins.resolve("mine.jar"), JarOnlyProvider.class.getName());
        Files.writeString(plugins.resolve("README.txt"), "not a jar, ignored");

        Plugins found = Plugins.find(new String[] {"--plugins", plugins.toString(), "--strategy", "jar_only"},
                Map.of());

        assertThat(found.jars()).containsExactly(plugins.resolve("mine.jar"));
        assertThat(StrategyCatalog.load(getClass().getClassLoader()).names()).doesNotContain("jar_only");
        assertThat(StrategyCatalog.load(found.loader(getClass().getClassLoader())).names())
                .contains("jar_only", "grid", "standard");
    }

    @Test
    void shouldTakeTheOptionOverTheEnvironmentAndEitherOverNothing() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Map<String, String> env = Map.of(Plugins.ENV, b.toString());

        assertThat(Plugins.find(new String[] {"backtest", "--plugins=" + a}, env).dir()).isEqualTo(a);
        assertThat(Plugins.find(new String[] {"--strategy", "grid"}, env).dir()).isEqualTo(b);
        assertThat(Plugins.find(new String[] {"--strategy", "grid"}, Map.of())).isNull();
        assertThat(Plugins.find(new String[] {"--", "--plugins", a.toString()}, Map.of())).isNull();
    }

    @Test
    void shouldNameTheOptionOrVariableForAMissingFolder() {
        assertThatThrownBy(() -> Plugins.find(new String[] {"--plugins", dir.resolve("nope").toString()}, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("--plugins: no such folder: " + dir.resolve("nope"));
        assertThatThrownBy(() -> Plugins.find(new String[0], Map.of(Plugins.ENV, dir.resolve("gone").toString())))
                .isInstanceOf(ConfigException.class).hasMessage("MMKIT_PLUGINS: no such folder: " + dir.resolve("gone"));
        assertThatThrownBy(() -> Plugins.find(new String[] {"--plugins"}, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("--plugins: needs a folder of strategy jars");
    }

    @Test
    void shouldHandTheLoadedFolderToTheProcessesItStarts() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("for-children"));
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Map<String, String> child = new HashMap<>();
        try {
            Plugins.passTo(child);
            assertThat(child).as("nothing loaded, nothing passed").isEmpty();

            Plugins.open(Plugins.OPTION, plugins.toString()).install();
            Plugins.passTo(child);

            assertThat(child).containsExactly(Map.entry(Plugins.ENV, plugins.toString()));
            assertThat(Thread.currentThread().getContextClassLoader().getParent()).isSameAs(before);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
            System.clearProperty(Plugins.LOADED_PROPERTY);
        }
    }

    private static void writeServiceJar(Path jar, String providerClass) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + StrategyProvider.class.getName()));
            out.write((providerClass + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
