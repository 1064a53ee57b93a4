package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Strategy plug-ins from a folder of jars ({@code --plugins DIR}, else {@code $MMKIT_PLUGINS}): every
 * {@code *.jar} in it goes into one class loader under the application's, which becomes the thread's context
 * class loader before any command runs. Each {@code StrategyCatalog.load()} — the run, the daemon's checks, the
 * backtest — then finds their {@code StrategyProvider}s through {@code ServiceLoader} by name, next to the built-in
 * ones, without anyone editing a {@code -cp}. A child process (the daemon's supervisor and bot) gets the folder
 * through {@code MMKIT_PLUGINS}.
 */
public final class Plugins {
    public static final String OPTION = "--plugins";
    public static final String ENV = "MMKIT_PLUGINS";
    /** Set by {@link #install()}: the folder this process loaded, for the processes it starts. */
    static final String LOADED_PROPERTY = "mmkit.plugins";

    private final Path dir;
    private final List<Path> jars;

    private Plugins(Path dir, List<Path> jars) {
        this.dir = dir;
        this.jars = List.copyOf(jars);
    }

    /**
     * The folder named on the command line ({@code --plugins DIR} or {@code --plugins=DIR}, anywhere before a
     * {@code --}), else in the environment; null when neither names one. Read before picocli parses, because the
     * strategies must be known to build the command (its help lists them).
     *
     * @throws ConfigException naming {@code --plugins} or {@code MMKIT_PLUGINS}: a missing value, no such folder
     */
    public static Plugins find(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals(OPTION)) {
                if (i + 1 >= args.length) {
                    throw new ConfigException(OPTION, "needs a folder of strategy jars");
                }
                return open(OPTION, args[i + 1]);
            }
            if (args[i].startsWith(OPTION + "=")) {
                return open(OPTION, args[i].substring(OPTION.length() + 1));
            }
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : open(ENV, fromEnv);
    }

    static Plugins open(String key, String folder) {
        Path dir = Path.of(folder).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(key, "no such folder: " + dir);
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().toList());
        } catch (IOException e) {
            throw new ConfigException(key, "cannot list " + dir + ": " + e.getMessage());
        }
        return new Plugins(dir, jars);
    }

    public Path dir() {
        return dir;
    }

    /** The jars found, in name order (possibly none: an empty folder is allowed, it adds nothing). */
    public List<Path> jars() {
        return jars;
    }

    /** A loader over the jars whose parent is {@code parent}; it lives as long as the process. */
    public ClassLoader loader(ClassLoader parent) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("not a loadable path: " + jars.get(i), e);
            }
        }
        return new URLClassLoader("mmkit-plugins", urls, parent);
    }

    /** Makes the jars visible to every later {@code StrategyCatalog.load()} on this thread. */
    public void install() {
        Thread t = Thread.currentThread();
        t.setContextClassLoader(loader(t.getContextClassLoader()));
        System.setProperty(LOADED_PROPERTY, dir.toString());
    }

    /** Gives a child process's environment the folder this process loaded its plug-ins from, if any. */
    public static void passTo(Map<String, String> childEnvironment) {
        String loaded = System.getProperty(LOADED_PROPERTY);
        if (loaded != null) {
            childEnvironment.put(ENV, loaded);
        }
    }
}
