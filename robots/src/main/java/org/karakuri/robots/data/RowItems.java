package org.karakuri.robots.data;

import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.karakuri.i18n.Messages;
import org.karakuri.spi.Hashes;
import org.karakuri.spi.RowOutcome;
import org.karakuri.spi.RowStatus;
import org.karakuri.jp.BusinessKeys;
import org.karakuri.spi.LoopAction;
import org.karakuri.spi.RowLedger;
import org.karakuri.spi.StepContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one {@code for-each-row}, decided one at a time: enter it, or skip it (done in an
 * earlier run, held for review after an interrupted run, invalid), and record what happened in
 * the ledger, the results file and the run's review file. With several browsers rows end out of
 * order: a row's lines wait until the rows before it have ended, so both files keep the file's
 * order. The engine calls in one at a time.
 */
final class RowItems implements LoopAction.Items {
    private static final Logger log = LoggerFactory.getLogger(RowItems.class);

    /**
     * The status column of results and review files, in the engine's language (状態: 完了, 失敗…;
     * status: done, failed…) like the headers: the words are {@code data.state.*} in the messages.
     */
    enum State {
        DONE("done"), FAILED("failed"), INVALID("invalid"), INTERRUPTED("interrupted"), DONE_BEFORE("done-before"),
        RUNNING("in-progress"), NOT_REACHED("not-reached");

        private final String key;

        State(String key) {
            this.key = "data.state." + key;
        }

        String text(Messages words) {
            return words.format(key);
        }

        boolean needsReview() {
            return this == FAILED || this == INVALID || this == INTERRUPTED;
        }
    }

    private final ForEachRow.Params params;
    private final StepContext ctx;
    /** The file's name, or {@code data-source NAME}: what the review file's ファイル column says. */
    private final String sourceName;
    private final RowSource source;
    private final Columns columns;
    private final RowLedger ledger;
    private final TableWriter results;
    private final Set<String> masked;
    private final Checks checks;
    private final int keyColumn;
    private final List<Integer> maskedColumns = new ArrayList<>();
    private final Map<String, Integer> seenKeys = new HashMap<>();
    private final String scenario;
    /** The language of the files' headers and status words: the engine's, taken once when the loop opens. */
    private final Messages words;
    /** The file's rows, for "row n/N"; -1 when unknown. */
    private final int total;
    private TableWriter review;
    private boolean exhausted;
    /** Rows handed out whose lines are not written yet, in the file's order. */
    private final java.util.ArrayDeque<RowItem> unwritten = new java.util.ArrayDeque<>();

    RowItems(ForEachRow.Params params, StepContext ctx, String sourceName, RowSource source, RowLedger ledger, TableWriter results, Set<String> masked,
             Messages words, int total) {
        this.params = params;
        this.total = total;
        this.words = words;
        this.ctx = ctx;
        this.sourceName = sourceName;
        this.source = source;
        this.columns = source.columns();
        this.ledger = ledger;
        this.results = results;
        this.masked = masked;
        this.checks = Checks.parse(params.check());
        this.keyColumn = params.key() == null ? -1 : columns.indexOf(params.key());
        this.scenario = ctx.scenario().id();
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.name(i).isEmpty() && masked.contains(Columns.key(columns.name(i)))) {
                maskedColumns.add(i);
            }
        }
    }

    /** The file's own column names, then status, message and when (状態, メッセージ, 処理日時 in Japanese). */
    static List<String> withStatus(List<String> names, Messages words) {
        List<String> header = new ArrayList<>(names);
        header.addAll(List.of(words.format("data.col.status"), words.format("data.col.message"), words.format("data.col.processed-at")));
        return header;
    }

    @Override
    public int total() {
        return total;
    }

    @Override
    public LoopAction.Item next() {
        Row row = exhausted ? null : source.next();
        if (row == null) {
            exhausted = true;
            return null;
        }
        for (int i : maskedColumns) {
            Object v = row.get(i);
            if (v != null) {
                ctx.registerSecret(Checks.text(v));
            }
        }
        RowItem item = new RowItem(row);
        unwritten.add(item);
        return item;
    }

    /** What to do with a row: decided when the loop comes to it, after the rows before it are done. */
    private record Decision(String key, String ledgerKey, State skip, String reason) {}

    private Decision decide(Row row) {
        Messages m = words;
        if (row.shapeProblem() != null) {
            // its values may sit in the wrong columns: not even its key can be trusted
            return new Decision(null, null, State.INVALID, row.shapeProblem());
        }
        if (keyColumn < 0) {
            List<String> problems = checks.problems(row, masked);
            return problems.isEmpty() ? new Decision(null, null, null, null)
                : new Decision(null, null, State.INVALID, String.join("; ", problems));
        }
        String key = Checks.text(row.get(keyColumn)).strip();
        if (key.isEmpty()) {
            return new Decision(key, null, State.INVALID, m.format("data.invalid.no-key", params.key()));
        }
        Integer first = seenKeys.putIfAbsent(BusinessKeys.normalise(key), row.number());
        if (first != null) {
            return new Decision(key, null, State.INVALID, m.format("data.invalid.duplicate-key", params.key(), first));
        }
        boolean keyMasked = masked.contains(Columns.key(params.key()));
        String ledgerKey = ledger.stored(scenario, key, keyMasked);
        Optional<RowOutcome> before = ledger.row(scenario, key, keyMasked);
        if (before.isPresent()) {
            RowOutcome o = before.get();
            switch (o.status()) {
                case DONE -> {
                    return new Decision(key, ledgerKey, State.DONE_BEFORE, m.format("data.skip.done", o.runId(), o.rowNumber()));
                }
                case IN_PROGRESS -> {
                    if (ledger.ownerAlive(o)) {
                        return new Decision(key, ledgerKey, State.RUNNING, m.format("data.skip.running", o.runId()));
                    }
                    return interrupted(row, key, ledgerKey, o, m);
                }
                case INTERRUPTED -> {
                    return interrupted(row, key, ledgerKey, o, m);
                }
                default -> {
                    // failed or invalid before: check and enter it again
                }
            }
        }
        List<String> problems = checks.problems(row, masked);
        return problems.isEmpty() ? new Decision(key, ledgerKey, null, null)
            : new Decision(key, ledgerKey, State.INVALID, String.join("; ", problems));
    }

    private Decision interrupted(Row row, String key, String ledgerKey, RowOutcome o, Messages m) {
        if (params.resume() == ForEachRow.Resume.RETRY) {
            List<String> problems = checks.problems(row, masked);
            return problems.isEmpty() ? new Decision(key, ledgerKey, null, null)
                : new Decision(key, ledgerKey, State.INVALID, String.join("; ", problems));
        }
        return new Decision(key, ledgerKey, State.INTERRUPTED, m.format("data.skip.interrupted", o.runId(), o.rowNumber(), params.key()));
    }

    /** One row, and what was decided for it: {@code skip} null to enter it. */
    final class RowItem implements LoopAction.Item {
        private final Row row;
        private String key;
        private String ledgerKey;
        private State skip;
        private String reason;
        private boolean decided;
        /** What the row's end writes: its results line and its review line (null when it needs none). */
        private List<Object> resultLine;
        private List<Object> reviewLine;
        private boolean recorded;

        RowItem(Row row) {
            this.row = row;
        }

        /**
         * Decides when the loop comes to the row (the engine takes an item only when the one before
         * is finished). A row to be entered is marked {@code in-progress} in the ledger now, just
         * before its steps run, so a run that dies during them leaves the mark behind.
         */
        private void decideOnce() {
            if (!decided) {
                Decision d = decide(row);
                key = d.key();
                ledgerKey = d.ledgerKey();
                skip = d.skip();
                reason = d.reason();
                decided = true;
                if (skip == null && ledgerKey != null) {
                    ledger.started(scenario, ledgerKey, ctx.run().id(), row.number());
                }
            }
        }

        @Override
        public Map<String, Object> variables() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("row", row);
            v.put("row-number", row.number());
            return v;
        }

        @Override
        public String label() {
            decideOnce();
            return key == null || key.isEmpty()
                ? Messages.get().format("data.row-label", row.number())
                : Messages.get().format("data.row-label-key", row.number(), params.key(), key);
        }

        @Override
        public String skipReason() {
            decideOnce();
            return reason;
        }

        @Override
        public boolean invalid() {
            decideOnce();
            return skip == State.INVALID;
        }

        @Override
        public void succeeded(StepContext c) {
            if (ledgerKey != null) {
                ledger.finished(scenario, ledgerKey, RowStatus.DONE, c.run().id(), row.number(), null);
            }
            record(c, State.DONE, "");
        }

        @Override
        public void failed(StepContext c, Exception error) {
            String message = c.mask(String.valueOf(error.getMessage()));
            if (ledgerKey != null) {
                ledger.finished(scenario, ledgerKey, RowStatus.FAILED, c.run().id(), row.number(), message);
            }
            record(c, State.FAILED, message);
        }

        /**
         * The browser died after a submitting button was clicked: the system may hold the row. It
         * is kept as interrupted (a later run lists it for review unless {@code resume: retry}).
         */
        @Override
        public void held(StepContext c, Exception why) {
            String message = c.mask(String.valueOf(why.getMessage()));
            if (ledgerKey != null) {
                ledger.finished(scenario, ledgerKey, RowStatus.INTERRUPTED, c.run().id(), row.number(), message);
            }
            record(c, State.INTERRUPTED, message);
        }

        @Override
        public void skipped(StepContext c) {
            String message = c.mask(reason);
            if (skip == State.INVALID && ledgerKey != null) {
                ledger.finished(scenario, ledgerKey, RowStatus.INVALID, c.run().id(), row.number(), message);
            }
            record(c, skip, message);
        }

        private void record(StepContext c, State state, String message) {
            LocalDateTime now = LocalDateTime.now().withNano(0);
            resultLine = resultRow(row, state, message, now);
            if (state.needsReview()) {
                review(c);
                reviewLine = reviewRow(c, row, state, message, now);
            }
            recorded = true;
            writeEnded();
        }
    }

    /** Writes the lines of the rows that ended, up to the first row still being entered. */
    private void writeEnded() {
        while (!unwritten.isEmpty() && unwritten.peek().recorded) {
            write(unwritten.poll());
        }
    }

    private void write(RowItem item) {
        if (results != null) {
            results.row(item.resultLine);
        }
        if (item.reviewLine != null) {
            review.row(item.reviewLine);
        }
    }

    private List<Object> resultRow(Row row, State state, String message, LocalDateTime at) {
        List<Object> values = new ArrayList<>(columns.size() + 3);
        for (int i = 0; i < columns.size(); i++) {
            values.add(row.get(i));
        }
        values.add(state.text(words));
        values.add(message);
        values.add(at);
        return values;
    }

    /** The review file keeps nothing in clear that the run masks: masked columns and My Numbers. */
    private List<Object> reviewRow(StepContext c, Row row, State state, String message, LocalDateTime at) {
        List<Object> values = new ArrayList<>(columns.size() + 5);
        for (int i = 0; i < columns.size(); i++) {
            Object v = row.get(i);
            values.add(maskedColumns.contains(i) && v != null ? "********" : v instanceof String s ? c.mask(s) : v);
        }
        values.add(state.text(words));
        values.add(message);
        values.add(at);
        values.add(row.number());
        values.add(sourceName);
        return values;
    }

    /** The run's review file, made on the first row that needs a person: review.csv, or review-2.csv for a second loop. */
    private TableWriter review(StepContext c) {
        if (review == null) {
            Path folder = c.run().folder();
            Path target = folder.resolve("review.csv");
            for (int n = 2; Files.exists(target) || Files.exists(target.resolveSibling(target.getFileName() + ".part")); n++) {
                target = folder.resolve("review-" + n + ".csv");
            }
            List<String> header = withStatus(columns.names(), words);
            header.addAll(List.of(words.format("data.col.row"), words.format("data.col.file")));
            review = TableWriter.open(target, header, StandardCharsets.UTF_8, true, null); // always CSV: no sheet
        }
        return review;
    }

    /**
     * Ends the loop, however it ends: rows not reached (the loop stopped early) are listed in the
     * results as not processed (未処理), then the results and review files are put in place.
     */
    @Override
    public void close() {
        try {
            listRowsNotReached();
            if (results != null) {
                results.commit();
                ctx.emit("results-written", Map.of("file", results.target.toString(), "rows", results.rows(),
                    "sha256", Hashes.sha256(results.target)));
                ctx.progress(Messages.get().format("data.results-written", results.target, results.rows()));
            }
            if (review != null) {
                review.commit();
                ctx.emit("review-written", Map.of("file", review.target.toString(), "rows", review.rows(),
                    "sha256", Hashes.sha256(review.target)));
                ctx.progress(Messages.get().format("data.review-written", review.rows(), review.target));
            }
        } finally {
            if (results != null) {
                results.close();
            }
            if (review != null) {
                review.close();
            }
            source.close();
        }
    }

    /** The loop stopped early: rows handed out but not ended, and the rows after them, are not processed (未処理). */
    private void listRowsNotReached() {
        String message = words.format("data.not-reached");
        LocalDateTime now = LocalDateTime.now().withNano(0);
        for (RowItem item = unwritten.poll(); item != null; item = unwritten.poll()) {
            if (item.recorded) {
                write(item);
            } else if (results != null) {
                results.row(resultRow(item.row, State.NOT_REACHED, message, now));
            }
        }
        if (results == null || exhausted) {
            return;
        }
        try {
            for (Row row = source.next(); row != null; row = source.next()) {
                results.row(resultRow(row, State.NOT_REACHED, message, now));
            }
        } catch (RuntimeException e) {
            // the file itself is what failed: the rows after it cannot be read
            log.warn("{}: rows after the failure could not be listed in the results: {}", sourceName, ctx.mask(String.valueOf(e.getMessage())));
        }
        exhausted = true;
    }
}
