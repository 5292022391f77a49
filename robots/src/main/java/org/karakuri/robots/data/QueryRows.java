package org.karakuri.robots.data;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.spi.StepContext;

/**
 * The rows a query gives, from a data source of the engine's configuration, read one at a time
 * (a forward-only cursor, fetched in batches). Columns are named by their labels ({@code SELECT
 * uketsuke_no AS 受付番号}); values keep their type as in an Excel file: whole numbers as Long,
 * other numbers as BigDecimal, dates and times as LocalDate, LocalDateTime, LocalTime; the rest
 * as text. Each {@code ${…}} of the query is a bound parameter, never pasted into its text.
 */
final class QueryRows implements RowSource {
    private static final int FETCH = 200;

    private final String dataSource;
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final Columns columns;
    private final int[] types;
    private int number;

    private QueryRows(String dataSource, Connection connection, PreparedStatement statement, ResultSet rows) throws SQLException {
        this.dataSource = dataSource;
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        ResultSetMetaData meta = rows.getMetaData();
        List<String> names = new ArrayList<>();
        types = new int[meta.getColumnCount()];
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnLabel(i));
            types[i - 1] = meta.getColumnType(i);
        }
        columns = Columns.of(names);
    }

    /** Runs {@code query} on {@code dataSource}; a refusal or an SQL error names the data source. */
    static QueryRows open(StepContext ctx, String dataSource, Template query) {
        StringBuilder sql = new StringBuilder();
        List<Object> values = new ArrayList<>();
        for (Template piece : query.pieces()) {
            if (piece.isConstant()) {
                sql.append(ctx.text(piece));
            } else {
                sql.append('?');
                values.add(parameter(ctx.value(piece), ctx.text(piece)));
            }
        }
        Connection c = ctx.dataSource(dataSource);
        PreparedStatement s = null;
        try {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            s = c.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            s.setFetchSize(FETCH);
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            return new QueryRows(dataSource, c, s, s.executeQuery());
        } catch (SQLException e) {
            close(s, c);
            throw failed(dataSource, e);
        } catch (RuntimeException e) {
            close(s, c);
            throw e;
        }
    }

    /** A bound value: numbers, dates, times and text as they are; anything else as its text. */
    private static Object parameter(Object value, String text) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof LocalDate
            || value instanceof LocalDateTime || value instanceof LocalTime ? value : text;
    }

    static KarakuriException failed(String dataSource, SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        String state = e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
        return new KarakuriException("data.query-failed", dataSource, reason + state);
    }

    @Override
    public Columns columns() {
        return columns;
    }

    @Override
    public Row next() {
        try {
            if (!rows.next()) {
                return null;
            }
            Object[] values = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                values[i] = value(i + 1, types[i]);
            }
            return new Row(columns, values, ++number);
        } catch (SQLException e) {
            throw failed(dataSource, e);
        }
    }

    private Object value(int i, int type) throws SQLException {
        Object v = switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long n = rows.getLong(i);
                yield rows.wasNull() ? null : n;
            }
            case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> number(rows.getBigDecimal(i));
            case Types.DATE -> rows.getObject(i, LocalDate.class);
            case Types.TIMESTAMP -> rows.getObject(i, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime t = rows.getObject(i, OffsetDateTime.class);
                yield t == null ? null : t.toLocalDateTime();
            }
            case Types.TIME -> rows.getObject(i, LocalTime.class);
            default -> rows.getString(i);
        };
        return v;
    }

    /** A whole number as Long (so a check sees 12 digits, not 1.2E+11), else the decimal without trailing zeros. */
    private static Object number(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal plain = d.stripTrailingZeros();
        if (plain.scale() <= 0) {
            try {
                return plain.longValueExact();
            } catch (ArithmeticException tooBig) {
                return plain;
            }
        }
        return plain;
    }

    @Override
    public void close() {
        try {
            rows.close();
        } catch (SQLException ignored) {
            // the statement and the connection are closed next
        }
        close(statement, connection);
    }

    private static void close(PreparedStatement s, Connection c) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (SQLException ignored) {
            // closing the connection frees it too
        }
        try {
            c.rollback(); // only read: nothing to keep
        } catch (SQLException ignored) {
            // a connection already broken
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to free
        }
    }
}
