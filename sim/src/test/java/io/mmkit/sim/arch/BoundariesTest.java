package io.mmkit.sim.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator obeys core's rules (DESIGN.md §1 and §3): it sees core only, and it never reads the wall clock,
 * sleeps or draws unseeded randomness, so the same feed, seed and calls give the same fills.
 */
class BoundariesTest {
    private static JavaClasses simClasses;

    @BeforeAll
    static void importMainClasses() {
        simClasses = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.mmkit.sim");
    }

    @Test
    void shouldHaveImportedTheEngine() {
        assertThat(simClasses.contain("io.mmkit.sim.MatchingEngine")).isTrue();
        assertThat(simClasses.contain("io.mmkit.sim.feed.RandomWalkFeed")).isTrue();
    }

    @Test
    void shouldSeeCoreOnly() {
        simSeesCoreOnly.check(simClasses);
    }

    @Test
    void shouldNotReadTheWallClockSleepOrDrawUnseededRandomness() {
        noWallClockSleepOrUnseededRandomness.check(simClasses);
    }

    private static final ArchRule simSeesCoreOnly = noClasses().that().resideInAPackage("io.mmkit.sim..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..",
                    "okhttp3..", "com.fasterxml.jackson..", "io.mmkit.exchange..", "io.mmkit.strategies..",
                    "io.mmkit.backtest..", "io.mmkit.run..")
            .because("core-only code (strategies' tests, paper trading) must be able to put the simulator beside it");

    private static final ArchRule noWallClockSleepOrUnseededRandomness = noClasses()
            .that().resideInAPackage("io.mmkit.sim..")
            .should().callMethod(Thread.class, "sleep", long.class)
            .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callConstructor(Random.class)
            .orShould().callMethod(UUID.class, "randomUUID")
            .because("time comes from the TimeSource the exchange is given and randomness from seeds, so a run "
                    + "repeated gives the same fills (DESIGN.md §3)");
}
