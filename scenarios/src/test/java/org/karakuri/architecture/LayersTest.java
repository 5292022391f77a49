package org.karakuri.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md hold: no package of the engine, the robots or the demo
 * depends on a package that depends back on it; robots see only the language and the SPI; the
 * language's packages know nothing of how a run is carried out.
 */
class LayersTest {
    /** What a robot may use of the engine: the SPI and the language's vocabulary. */
    static final String[] ROBOT_API = {"org.karakuri.spi..", "org.karakuri.model..", "org.karakuri.i18n..", "org.karakuri.expr..",
        "org.karakuri.yaml..", "org.karakuri.jp.."};

    static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // the engine's test helpers, shared with the other modules
            .importPackages("org.karakuri");
    }

    @Test
    void noPackageDependsOnAPackageThatDependsBackOnIt() {
        slices().matching("org.karakuri.(**)").should().beFreeOfCycles().check(all);
    }

    @Test
    void robotsSeeOnlyTheSpiAndTheLanguage() {
        noClasses().that().resideInAPackage("org.karakuri.robots..")
            .should().dependOnClassesThat(resideInAPackage("org.karakuri..")
                .and(not(resideInAPackage("org.karakuri.robots..")))
                .and(not(resideInAnyPackage(ROBOT_API))))
            .check(all);
    }

    @Test
    void theLanguageKnowsNothingOfHowARunIsCarriedOut() {
        noClasses().that().resideInAnyPackage("org.karakuri.spi..", "org.karakuri.model..", "org.karakuri.i18n..", "org.karakuri.expr..",
                "org.karakuri.yaml..", "org.karakuri.lang..", "org.karakuri.load..")
            .should().dependOnClassesThat().resideInAnyPackage("org.karakuri.context..", "org.karakuri.compile..", "org.karakuri.run..",
                "org.karakuri.audit..", "org.karakuri.ledger..", "org.karakuri.schedule..", "org.karakuri.server..", "org.karakuri.cli..",
                "org.karakuri.robots..")
            .check(all);
    }

    @Test
    void everyActionIsOneOfTheFourKinds() {
        classes().that().implement(org.karakuri.spi.Action.class).and().areNotInterfaces()
            .should().implement(org.karakuri.spi.SimpleAction.class)
            .orShould().implement(org.karakuri.spi.BlockAction.class)
            .orShould().implement(org.karakuri.spi.LoopAction.class)
            .orShould().implement(org.karakuri.spi.ControlAction.class)
            .check(all);
    }
}
