package org.karakuri.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.load.ScenarioLoader;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Step;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.LoopAction;
import org.karakuri.spi.Need;
import org.karakuri.spi.SimpleAction;
import org.karakuri.spi.StepContext;

/** How many of a serve node's browser slots a run takes: none without a browser, one per browser its widest loop drives. */
class BrowserUseTest {
    @TempDir
    Path dir;

    /** A step that needs a browser, as {@code fill} does. */
    public static final class Touch implements SimpleAction<Touch.Params> {
        public record Params(@org.karakuri.model.Shorthand @Required @Doc("what") String what) {}

        @Override
        public String name() {
            return "touch";
        }

        @Override
        public Class<Params> paramsType() {
            return Params.class;
        }

        @Override
        public String doc() {
            return "test";
        }

        @Override
        public String docJa() {
            return "テスト";
        }

        @Override
        public List<String> examples() {
            return List.of();
        }

        @Override
        public java.util.Set<Need> needs() {
            return java.util.Set.of(Need.BROWSER);
        }

        @Override
        public void run(Params p, StepContext ctx) {}
    }

    /** A loop whose items several browsers may take, as {@code for-each-row} with {@code browsers: N}. */
    public static final class Spread implements LoopAction<Spread.Params> {
        public record Params(@Doc("browsers") Integer browsers, @Required @Doc("steps") List<Step> steps) {}

        @Override
        public String name() {
            return "spread";
        }

        @Override
        public Class<Params> paramsType() {
            return Params.class;
        }

        @Override
        public String doc() {
            return "test";
        }

        @Override
        public String docJa() {
            return "テスト";
        }

        @Override
        public List<String> examples() {
            return List.of();
        }

        @Override
        public int browsers(Params p) {
            return p.browsers() == null ? 1 : p.browsers();
        }

        @Override
        public List<Step> body(Params p) {
            return p.steps();
        }

        @Override
        public Items open(Params p, StepContext ctx) {
            return () -> null;
        }
    }

    private int slots(String yaml) throws Exception {
        List<Action<?>> actions = new ArrayList<>(ActionRegistry.installed().all());
        actions.add(new Touch());
        actions.add(new Spread());
        ActionRegistry registry = ActionRegistry.of(actions);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        return BrowserUse.slots(new ScenarioLoader(registry).load(file), registry);
    }

    @Test
    void aRunTakesOneSlotPerBrowserOfItsWidestLoopAndNoneWithoutABrowser() throws Exception {
        assertThat(slots("scenario: s\nsteps:\n  - log: no browser\n")).isZero();
        assertThat(slots("scenario: s\nsteps:\n  - touch: a\n")).isEqualTo(1);
        assertThat(slots("scenario: s\nsteps:\n  - spread:\n      steps:\n        - log: files only\n")).isZero();
        assertThat(slots("""
            scenario: s
            vars:
              x: 1
            steps:
              - touch: log in
              - spread:
                  browsers: 2
                  steps:
                    - touch: a row
              - spread:
                  browsers: 3
                  steps:
                    - if: ${x} == 1
                      then:
                        - touch: a nested row
            """)).isEqualTo(3);
    }
}
