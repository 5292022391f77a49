package org.karakuri.ledger;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The time-saved report: for each run, the scenario's {@code manual-minutes} (a person's minutes
 * per item) times the items it processed (its loops' {@code ok} items; 1 for a succeeded run
 * without a loop), as the runs table keeps them; summed per scenario and calendar month of the
 * run's start in {@code zone}. Runs still running and invalid runs count for nothing; failed and
 * interrupted runs count the items they did finish.
 */
public final class Savings {
    private Savings() {}

    /**
     * One scenario in one month.
     *
     * @param runs          the runs that count (neither running nor invalid)
     * @param items         the items they processed
     * @param fewestMinutes the smallest manual-minutes among them, or null when none had any
     * @param mostMinutes   the largest (it differs when the scenario's manual-minutes was changed)
     * @param minutesSaved  the sum of manual-minutes × items
     */
    public record Line(YearMonth month, String scenario, int runs, int items, Integer fewestMinutes, Integer mostMinutes, long minutesSaved) {}

    /** The lines, by month and then scenario. */
    public static List<Line> of(List<RunRecord> runs, ZoneId zone) {
        Map<YearMonth, Map<String, List<RunRecord>>> grouped = new TreeMap<>();
        for (RunRecord r : runs) {
            if (r.status() == RunStatus.RUNNING || r.status() == RunStatus.INVALID) {
                continue;
            }
            grouped.computeIfAbsent(YearMonth.from(r.started().atZone(zone)), m -> new TreeMap<>())
                .computeIfAbsent(r.scenario(), s -> new ArrayList<>()).add(r);
        }
        List<Line> lines = new ArrayList<>();
        grouped.forEach((month, byScenario) -> byScenario.forEach((scenario, list) -> {
            int items = 0;
            long saved = 0;
            Integer fewest = null;
            Integer most = null;
            for (RunRecord r : list) {
                items += r.itemsProcessed();
                saved += r.minutesSaved() == null ? 0 : r.minutesSaved();
                if (r.manualMinutes() != null) {
                    fewest = fewest == null ? r.manualMinutes() : Math.min(fewest, r.manualMinutes());
                    most = most == null ? r.manualMinutes() : Math.max(most, r.manualMinutes());
                }
            }
            lines.add(new Line(month, scenario, list.size(), items, fewest, most, saved));
        }));
        lines.sort(Comparator.comparing(Line::month).thenComparing(Line::scenario));
        return lines;
    }
}
