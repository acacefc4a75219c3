package io.ghlsync;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The allowed dependencies between ghl-sync's packages (docs/architecture.md). Each feature package may use only the
 * packages listed for it, all below it; the wiring root (io.ghlsync: Application, Wiring) alone builds and connects
 * them, and alone reaches the GHL simulator.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                // ArchUnit's own test filter knows only target/test-classes; CI builds into target/<pass>/test-classes.
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("io.ghlsync");
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.ghlsync.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void packagesDependOnlyOnTheLayersBelowThem() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Wiring").definedBy("io.ghlsync")
                .layer("Config").definedBy("io.ghlsync.config..")
                .layer("Security").definedBy("io.ghlsync.security..")
                .layer("Simulator").definedBy("io.ghlsync.simulator..")
                .layer("Outbox").definedBy("io.ghlsync.outbox..")
                .layer("Ghl").definedBy("io.ghlsync.ghl..")
                .layer("DeadLetter").definedBy("io.ghlsync.deadletter..")
                .layer("Booking").definedBy("io.ghlsync.booking..")
                .layer("Monitor").definedBy("io.ghlsync.monitor..")
                .layer("Sync").definedBy("io.ghlsync.sync..")
                .layer("Webhook").definedBy("io.ghlsync.webhook..")
                .layer("Retention").definedBy("io.ghlsync.retention..")
                // bottom: settings, database, SQL files, JSON, API errors, request validation
                .whereLayer("Config").mayNotAccessAnyLayer()
                // the HTTP access gate knows no feature
                .whereLayer("Security").mayOnlyAccessLayers("Config")
                .whereLayer("Simulator").mayOnlyAccessLayers("Config")
                .whereLayer("Simulator").mayOnlyBeAccessedByLayers("Wiring")
                .whereLayer("Outbox").mayOnlyAccessLayers("Config")
                .whereLayer("Ghl").mayOnlyAccessLayers("Config")
                .whereLayer("DeadLetter").mayOnlyAccessLayers("Config", "Outbox")
                .whereLayer("Booking").mayOnlyAccessLayers("Config", "Outbox")
                .whereLayer("Monitor").mayOnlyAccessLayers("Config", "Ghl", "DeadLetter")
                .whereLayer("Sync").mayOnlyAccessLayers("Config", "Outbox", "Ghl", "DeadLetter", "Booking", "Monitor")
                .whereLayer("Webhook").mayOnlyAccessLayers("Config", "Ghl", "Booking")
                .whereLayer("Retention").mayOnlyAccessLayers("Config", "Outbox", "Webhook")
                .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
                .check(classes);
    }
}
