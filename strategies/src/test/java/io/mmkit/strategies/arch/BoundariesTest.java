package io.mmkit.strategies.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the build enforces about strategies and core main code (DESIGN.md §1 and §3): strategies see core
 * only, and nothing reads the wall clock, sleeps, or draws unseeded randomness outside core's
 * {@code SystemTimeSource}.
 */
class BoundariesTest {
    private static JavaClasses mainClasses;

    /** Leaves out core's test-jar (fixtures such as FixedSpreadMaker), wherever Maven resolved it from. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .withImportOption(new NoTestJars()).importPackages("io.mmkit.core", "io.mmkit.strategies");
    }

    @Test
    void shouldKeepStrategiesOnCoreOnly() {
        strategiesSeeCoreOnly.check(mainClasses);
    }

    @Test
    void shouldNotReadTheWallClockSleepOrDrawUnseededRandomness() {
        noWallClockSleepOrUnseededRandomness.check(mainClasses);
    }

    @Test
    void shouldHaveImportedBothModules() {
        org.assertj.core.api.Assertions.assertThat(mainClasses.containPackage("io.mmkit.strategies.grid")).isTrue();
        org.assertj.core.api.Assertions.assertThat(mainClasses.containPackage("io.mmkit.core.engine")).isTrue();
        org.assertj.core.api.Assertions.assertThat(mainClasses.stream()
                .noneMatch(c -> c.getName().startsWith("io.mmkit.core.testing"))).isTrue();
    }

    private static final ArchRule strategiesSeeCoreOnly = noClasses().that().resideInAPackage("io.mmkit.strategies..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..",
                    "okhttp3..", "com.fasterxml.jackson.databind..", "io.mmkit.exchange..", "io.mmkit.run..",
                    "io.mmkit.sim..", "io.mmkit.backtest..")
            .because("a strategy needs only core on its classpath (no JDBC, HTTP or JSON binding; the simulator is for tests)");

    private static final ArchRule noWallClockSleepOrUnseededRandomness = noClasses()
            .that().resideInAnyPackage("io.mmkit.core..", "io.mmkit.strategies..")
            .and().doNotHaveFullyQualifiedName("io.mmkit.core.time.SystemTimeSource")
            .should().callMethod(Thread.class, "sleep", long.class)
            .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callConstructor(Random.class)
            .orShould().callMethod(UUID.class, "randomUUID")
            .because("time, waits and randomness come through TimeSource and seeds, so a backtest run twice "
                    + "gives the same bytes (DESIGN.md §3)");
}
