package org.karakuri.robots.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.model.Scenario;
import org.karakuri.model.Step;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.BlockAction;
import org.karakuri.spi.SimpleAction;

/**
 * Base of the browser tests: pages served by the test class, the suite's shared Chromium, and
 * steps written in YAML, loaded and validated like a scenario, run one after the other.
 */
@Tag("browser")
@ExtendWith(SharedBrowser.class)
abstract class BrowserTest {
    static PageServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = new PageServer();
        Messages.setDefault(java.util.Locale.ENGLISH);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void backToOneWindow() {
        SharedBrowser.reset();
    }

    BrowserSession browser() {
        return SharedBrowser.get();
    }

    /** Runs {@code steps} (a YAML list) with a 3 s timeout. */
    TestContext run(String steps) throws Exception {
        return run(steps, c -> {});
    }

    TestContext run(String steps, Consumer<TestContext> setup) throws Exception {
        return runScenario("browser:\n  timeout: 3s\n", steps, setup);
    }

    /** Runs {@code steps} of a scenario whose other top-level keys are {@code head}. */
    TestContext runScenario(String head, String steps, Consumer<TestContext> setup) throws Exception {
        return runScenario(head, steps, setup, browser());
    }

    /** Runs {@code steps} with {@code session} as the run's browser. */
    TestContext runScenario(String head, String steps, Consumer<TestContext> setup, BrowserSession session) throws Exception {
        Scenario scenario = load(head, steps);
        TestContext ctx = new TestContext(dir, scenario, session);
        setup.accept(ctx);
        runSteps(scenario.steps(), ctx);
        return ctx;
    }

    /** The error of running {@code steps} with a 1 s timeout. */
    KarakuriException failure(String steps) {
        return failure(steps, c -> {});
    }

    KarakuriException failure(String steps, Consumer<TestContext> setup) {
        KarakuriException e = catchThrowableOfType(KarakuriException.class,
            () -> runScenario("browser:\n  timeout: 1s\n", steps, setup));
        assertThat(e).as("the steps should fail").isNotNull();
        return e;
    }

    Scenario load(String head, String steps) {
        String yaml = "scenario: test\n" + head + "steps:\n" + steps.stripIndent().lines().map(l -> "  " + l)
            .reduce("", (a, b) -> a + b + "\n");
        ScenarioLoader.Result r = new ScenarioLoader(ActionRegistry.installed()).checkText(yaml, dir.resolve("test.yaml"));
        assertThat(r.problems()).as("problems in\n" + yaml).isEmpty();
        return r.scenario();
    }

    static void runSteps(List<Step> steps, TestContext ctx) throws Exception {
        for (Step step : steps) {
            ctx.step(step);
            Action<?> action = ActionRegistry.installed().get(step.action()).orElseThrow();
            runStep(action, step, ctx);
        }
    }

    private static <P extends Record> void runStep(Action<P> action, Step step, TestContext ctx) throws Exception {
        P params = action.paramsType().cast(step.params());
        if (action instanceof BlockAction<P> block) {
            AutoCloseable inside = block.enter(params, ctx);
            try {
                runSteps(block.body(params), ctx);
            } finally {
                inside.close();
            }
        } else if (action instanceof SimpleAction<P> simple) {
            simple.run(params, ctx);
        } else {
            throw new IllegalArgumentException(action.name() + " is neither a simple nor a block action");
        }
    }

    /** What a script in the current page says. */
    Object js(String script) {
        return ((org.openqa.selenium.JavascriptExecutor) browser().driver()).executeScript(script);
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
