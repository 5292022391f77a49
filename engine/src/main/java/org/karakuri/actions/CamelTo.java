package org.karakuri.actions;

import java.util.List;
import java.util.Map;
import org.karakuri.expr.Template;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Reaches;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;

/**
 * {@code camel: {to: uri}}: sends the current value to a Camel endpoint and keeps what comes
 * back, the door to Camel's connectors ({@code file:}, {@code log:}, {@code seda:}…) that the
 * engine's capability policy allows ({@link org.karakuri.spi.Capabilities}).
 */
public final class CamelTo implements SimpleAction<CamelTo.Params> {

    public record Params(
        @Shorthand @Required @Reaches(Reaches.Kind.CAMEL_ENDPOINT) @Doc(value = "Camel endpoint URI, e.g. log:tennyu or file:./out?fileName=a.txt",
            ja = "Camel のエンドポイント URI。例: log:tennyu、file:./out?fileName=a.txt")
        Template to,
        @Doc(value = "The value to send (default: the current value).", ja = "送る値（既定: 現在の値）。")
        Template body,
        @Doc(value = "Variable that receives the answer.", ja = "応答を受け取る変数名。")
        String into) {}

    @Override
    public String name() {
        return "camel";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Send the current value to a Camel endpoint URI and keep the answer.";
    }

    @Override
    public String docJa() {
        return "現在の値を Camel のエンドポイントに送り、応答を受け取ります。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            camel:
              to: seda:notifications
              body: ${row.受付番号}
            """);
    }

    @Override
    public void run(Params p, StepContext ctx) {
        String uri = ctx.capabilities().camelUri(ctx.text(p.to()));
        Object body = p.body() != null ? ctx.value(p.body()) : ctx.body();
        Object answer = ctx.producer().requestBody(uri, body);
        ctx.body(answer);
        if (p.into() != null) {
            ctx.setVariable(p.into(), answer);
        }
        ctx.emit("camel", Map.of("to", ctx.mask(uri)));
    }
}
