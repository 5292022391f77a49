package org.karakuri.robots.browser;

import java.util.ArrayList;
import java.util.List;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Step;
import org.karakuri.spi.BlockAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.spi.StepContext;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code within-frame: {frame: main, steps: […]}} — runs steps inside a frame. The path is
 * followed from the top of the window ({@code main > detail} for nested frames; inside another
 * {@code within-frame} a path not found from the top is also tried from the enclosing frame);
 * each frame is found by name, id, title or number (1 = the first). Afterwards the steps that
 * follow are back where they were before the block, also when a step inside failed.
 */
public final class WithinFrame implements BlockAction<WithinFrame.Params> {
    private static final Logger log = LoggerFactory.getLogger(WithinFrame.class);

    @Doc(value = "A frame and the steps to run inside it.", ja = "フレームと、その中で行う手順。")
    public record Params(
        @Required @Doc(value = "Frame name, id, title or number (1 = first); nested frames as \"outer > inner\".",
            ja = "フレームの name・id・title・番号（1 = 最初）。入れ子は \"外 > 内\"。")
        String frame,
        @Required @Doc(value = "The steps to run inside the frame.", ja = "フレームの中で行う手順。")
        List<Step> steps) {

        public Params {
            if (frame == null || Frames.parse(frame).isEmpty()) {
                throw new KarakuriException("browser.frame.empty");
            }
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    @Override
    public java.util.Set<org.karakuri.spi.Need> needs() {
        return java.util.Set.of(org.karakuri.spi.Need.BROWSER);
    }

    @Override
    public String name() {
        return "within-frame";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Runs steps inside a frame (by name, id, title or number; \"a > b\" for nested frames), then returns to where it was.";
    }

    @Override
    public String docJa() {
        return "フレームの中で手順を行い（name・id・title・番号で指定。入れ子は \"a > b\"）、終わったら元の場所に戻ります。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            within-frame:
              frame: menu
              steps:
                - click: 新規登録""", """
            within-frame:
              frame: main > detail
              steps:
                - expect-text: 登録しました""");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public List<Step> body(Params params) {
        return params.steps();
    }

    @Override
    public AutoCloseable enter(Params params, StepContext ctx) throws Exception {
        BrowserSession browser = BrowserSession.of(ctx);
        List<String> outer = browser.context().framePath();
        List<String> path = Frames.parse(params.frame());
        browser.perform(ctx, () -> {
            List<List<String>> candidates = new ArrayList<>();
            candidates.add(path);
            if (!outer.isEmpty()) {
                List<String> relative = new ArrayList<>(outer);
                relative.addAll(path);
                candidates.add(relative);
            }
            browser.context().enterFrames(candidates, ctx.timeout(), params.frame());
        }, false);
        browser.context().pushFrames(outer);
        return () -> {
            try {
                browser.context().popFrames(ctx.timeout());
            } catch (WebDriverException | KarakuriException e) {
                log.debug("could not go back to frame {} after within-frame: {}", outer, e.getMessage());
                browser.context().resetToTop();
            }
        };
    }
}
