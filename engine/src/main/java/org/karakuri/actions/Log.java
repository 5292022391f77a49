package org.karakuri.actions;

import java.util.List;
import java.util.Map;
import org.karakuri.expr.Template;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code log: text}: writes a line to the terminal, the log and the run's trail (masked). */
public final class Log implements SimpleAction<Log.Params> {
    private static final Logger log = LoggerFactory.getLogger("karakuri.scenario");

    public record Params(@Shorthand @Required @Doc(value = "The text to write.", ja = "書き出す文。") Template text) {}

    @Override
    public String name() {
        return "log";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Write a line to the terminal, the log and the run's trail.";
    }

    @Override
    public String docJa() {
        return "画面・ログ・実行記録に1行書き出します。";
    }

    @Override
    public List<String> examples() {
        return List.of("log: ${row.受付番号} を登録しました");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public void run(Params params, StepContext ctx) {
        String text = ctx.mask(ctx.text(params.text()));
        log.info("{} {}", ctx.run().id(), text);
        ctx.progress(text);
        ctx.emit("log", Map.of("text", text));
    }
}
