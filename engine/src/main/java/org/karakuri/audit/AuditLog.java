package org.karakuri.audit;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.sift.MDCBasedDiscriminator;
import ch.qos.logback.classic.sift.SiftingAppender;
import ch.qos.logback.core.util.Duration;
import java.nio.file.Path;
import org.karakuri.event.EventSink;
import org.karakuri.event.RunEvent;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The audit trail goes through one Logback logger, {@code karakuri.audit}, kept apart from
 * ordinary logs (no additivity). A sifting appender keyed by the MDC's trail file gives each
 * run its own hash-chained {@code audit.jsonl}; MDC also carries run, scenario, step and row.
 */
public final class AuditLog implements EventSink {
    public static final String LOGGER = "karakuri.audit";
    static final String MDC_FILE = "karakuri.trail";
    static final String MDC_RUN = "run";
    static final String MDC_SCENARIO = "scenario";
    static final String MDC_STEP = "step";
    static final String MDC_ROW = "row";

    private static final org.slf4j.Logger audit = LoggerFactory.getLogger(LOGGER);

    private final Path file;
    private String lastRow;

    /** What the seal event brings back from the appender. */
    static final class Seal {
        volatile String hash;
        volatile long records;
    }

    private AuditLog(Path file) {
        this.file = file;
    }

    /** Starts the trail of one run at {@code file} (which must not exist yet). */
    public static AuditLog open(Path file) {
        install();
        return new AuditLog(file.toAbsolutePath().normalize());
    }

    public Path file() {
        return file;
    }

    @Override
    public void accept(RunEvent e) {
        if ("item-started".equals(e.type())) {
            lastRow = String.valueOf(e.get("label"));
        }
        with(e, () -> audit.info("{}", e));
        if ("item-ended".equals(e.type())) {
            lastRow = null;
        }
    }

    /** Seals the trail; returns the seal's hash. */
    public String seal() {
        Seal seal = new Seal();
        with(null, () -> audit.info(ClassicConstants.FINALIZE_SESSION_MARKER, "{}", seal));
        return seal.hash;
    }

    @Override
    public void close() {
        // sealing is explicit: the runner seals after the last event, then links the seal into the run chain
    }

    private void with(RunEvent e, Runnable log) {
        var previous = MDC.getCopyOfContextMap();
        try {
            MDC.put(MDC_FILE, file.toString());
            if (e != null) {
                MDC.put(MDC_RUN, e.runId());
                MDC.put(MDC_SCENARIO, e.scenario());
                if (e.step() != null) {
                    MDC.put(MDC_STEP, e.step());
                }
                if (lastRow != null) {
                    MDC.put(MDC_ROW, lastRow);
                }
            }
            log.run();
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    private static synchronized void install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger(LOGGER);
        if (logger.getAppender("AUDIT") != null) {
            return;
        }
        SiftingAppender sift = new SiftingAppender();
        sift.setName("AUDIT");
        sift.setContext(context);
        MDCBasedDiscriminator discriminator = new MDCBasedDiscriminator();
        discriminator.setKey(MDC_FILE);
        discriminator.setDefaultValue("none");
        discriminator.setContext(context);
        discriminator.start();
        sift.setDiscriminator(discriminator);
        sift.setTimeout(Duration.buildByHours(24));
        sift.setAppenderFactory((ctx, value) -> {
            AuditAppender a = new AuditAppender(Path.of(value));
            a.setContext(ctx);
            a.setName("audit:" + value);
            a.start();
            return a;
        });
        sift.start();
        logger.addAppender(sift);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
    }

}
