package org.karakuri.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;

/** A test action: {@code flaky: {name: x, failures: 2}} fails its first {@code failures} calls, then succeeds. */
public final class Flaky implements SimpleAction<Flaky.Params> {
    public static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    public record Params(@Shorthand @Required @Doc("counter name") String name, @Doc("failures before success") Integer failures) {
        public Params {
            failures = failures == null ? 0 : failures;
        }
    }

    @Override
    public String name() {
        return "flaky";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Fails a number of times, then succeeds (tests only).";
    }

    @Override
    public String docJa() {
        return "指定回数だけ失敗し、その後成功します（テスト用）。";
    }

    @Override
    public List<String> examples() {
        return List.of("flaky: {name: a, failures: 1}");
    }

    @Override
    public void run(Params p, StepContext ctx) {
        int call = CALLS.computeIfAbsent(p.name(), k -> new AtomicInteger()).incrementAndGet();
        if (call <= p.failures()) {
            throw new KarakuriException("fail.by-scenario", "flaky " + p.name() + " call " + call);
        }
    }
}
