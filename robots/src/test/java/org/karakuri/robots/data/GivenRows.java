package org.karakuri.robots.data;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;

/** A test action: {@code given-rows: name} sets the variable {@code name} to the rows a test put in {@link #ROWS}. */
public final class GivenRows implements SimpleAction<GivenRows.Params> {
    public static final Map<String, List<?>> ROWS = new ConcurrentHashMap<>();

    public record Params(@Shorthand @Required @Doc("variable") String name) {}

    @Override
    public String name() {
        return "given-rows";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Sets a variable to rows a test prepared (tests only).";
    }

    @Override
    public String docJa() {
        return "テストが用意した行を変数に入れます（テスト用）。";
    }

    @Override
    public List<String> examples() {
        return List.of("given-rows: found");
    }

    @Override
    public void run(Params p, StepContext ctx) {
        ctx.setVariable(p.name(), ROWS.get(p.name()));
    }
}
