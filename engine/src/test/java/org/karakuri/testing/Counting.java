package org.karakuri.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.karakuri.model.Step;
import org.karakuri.model.Doc;
import org.karakuri.spi.LoopAction;
import org.karakuri.model.Required;
import org.karakuri.spi.StepContext;

/** A test loop: {@code count: {to: 3, skip: 2, steps: […]}} binds {@code n} = 1..to and records when each is taken. */
public final class Counting implements LoopAction<Counting.Params> {
    public static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());

    public record Params(@Required @Doc("last number") Integer to, @Doc("a number to skip") Integer skip,
                         @Required @Doc("steps") List<Step> steps) {}

    @Override
    public String name() {
        return "count";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Counts (tests only).";
    }

    @Override
    public String docJa() {
        return "数えます（テスト用）。";
    }

    @Override
    public List<String> examples() {
        return List.of("count: {to: 2, steps: [{log: x}]}");
    }

    @Override
    public List<Step> body(Params p) {
        return p.steps();
    }

    @Override
    public Items open(Params p, StepContext ctx) {
        return new Items() {
            int n;

            @Override
            public Item next() {
                if (n >= p.to()) {
                    return null;
                }
                int value = ++n;
                LOG.add("take " + value);
                return new Item() {
                    @Override
                    public Map<String, Object> variables() {
                        return Map.of("n", value);
                    }

                    @Override
                    public String label() {
                        return "n=" + value;
                    }

                    @Override
                    public String skipReason() {
                        return p.skip() != null && p.skip() == value ? "skipped on purpose" : null;
                    }

                    @Override
                    public void succeeded(StepContext c) {
                        LOG.add("ok " + value);
                    }

                    @Override
                    public void failed(StepContext c, Exception e) {
                        LOG.add("failed " + value);
                    }
                };
            }

            @Override
            public int total() {
                return p.to();
            }

            @Override
            public void close() {
                LOG.add("close");
            }
        };
    }
}
