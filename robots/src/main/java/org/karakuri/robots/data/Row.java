package org.karakuri.robots.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.karakuri.expr.ExpressionException;
import org.karakuri.spi.Fields;

/**
 * One data row of a CSV or Excel file: {@code ${row.氏名}}. Values are text for CSV; for Excel
 * they are what the cell holds: text, a whole number (Long) or a decimal (BigDecimal) without a
 * spurious {@code .0}, a LocalDate (or LocalDateTime, LocalTime) for date cells, a Boolean. An
 * empty cell is null, which renders as "".
 */
public final class Row implements Fields {
    private final Columns columns;
    private final Object[] values;
    private final int number;
    private final String shapeProblem;

    Row(Columns columns, Object[] values, int number) {
        this(columns, values, number, null);
    }

    /** @param shapeProblem why the line cannot be read as a row (a field too many or too few), or null */
    Row(Columns columns, Object[] values, int number, String shapeProblem) {
        this.columns = columns;
        this.values = values;
        this.number = number;
        this.shapeProblem = shapeProblem;
    }

    /** Why the line does not fit the header (fields too many or too few), or null: such a row is invalid, never entered. */
    public String shapeProblem() {
        return shapeProblem;
    }

    /** The row's number as a spreadsheet shows it (the header row counts; blank lines count). */
    public int number() {
        return number;
    }

    public Columns columns() {
        return columns;
    }

    /** The value of column {@code i}, or null. */
    public Object get(int i) {
        return i < values.length ? values[i] : null;
    }

    /** The value of a column by name (trimmed, NFKC-compared), or null when the file has no such column. */
    public Object get(String column) {
        int i = columns.indexOf(column);
        return i < 0 ? null : get(i);
    }

    @Override
    public Object field(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new ExpressionException(0, "expr.unknown-field", "row", name, columns.listed());
        }
        return get(i);
    }

    /** The named columns and their values, in file order. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.name(i).isEmpty()) {
                m.put(columns.name(i), get(i));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** True when every value is empty or blank. */
    boolean isBlank() {
        for (Object v : values) {
            if (v != null && !(v instanceof String s && s.isBlank())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
