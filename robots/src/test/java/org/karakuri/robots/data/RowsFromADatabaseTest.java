package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.cli.Main;
import org.karakuri.context.RunResult;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.spi.RowOutcome;
import org.karakuri.spi.RowStatus;
import org.karakuri.testing.ExampleDataSources;
import org.karakuri.testing.PostgresExtension;
import org.karakuri.testing.ScenarioHarness;

/**
 * {@code for-each-row} with {@code query:} and {@code data-source:}: rows from a database named in
 * engine.yaml, on a real PostgreSQL (a throwaway cluster) and on H2, with the key, checks, results
 * and resume of rows from a file.
 */
class RowsFromADatabaseTest {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private static final String PASSWORD = "Kikan-Pw-9137";

    @TempDir
    Path dir;
    ScenarioHarness h;
    private ExampleDataSources home;

    @BeforeEach
    void setUp() {
        Messages.setDefault(Locale.ENGLISH);
        h = new ScenarioHarness(dir);
        // the load-time checks read this process's configuration: KARAKURI_HOME of the harness
        home = ExampleDataSources.asHome(h.home());
    }

    @AfterEach
    void restoreHome() {
        home.close();
    }

    /** engine.yaml with one data source, its password a secret the harness's environment holds. */
    private void dataSource(String name, String url, String user, String password) throws IOException {
        Files.createDirectories(h.home());
        Files.writeString(h.home().resolve("engine.yaml"), "secrets:\n  key-file: " + h.env().get("KARAKURI_MASTER_KEY_FILE") + "\n"
            + "data-sources:\n  " + name + ":\n    url: " + url + "\n    user: " + user + "\n    password: ${secret:" + name + ".password}\n");
        h.env("KARAKURI_SECRET_" + name.toUpperCase(Locale.ROOT) + "_PASSWORD", password);
    }

    private static void sql(String url, String user, String password, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private List<Object> logged() {
        return h.events("log").stream().map(e -> e.get("text")).toList();
    }

    private List<RowOutcome> ledger(String scenario) {
        try (Ledger l = Ledger.open(LedgerSettings.h2(h.home()))) {
            return l.rows(scenario);
        }
    }

    private static final String ENTRY = """
        scenario: kikan-rows
        vars:
          kubun: 転入
        steps:
          - for-each-row:
              query: |
                SELECT uketsuke_no AS "受付番号", shimei AS "氏名", birth AS "生年月日", zip AS "郵便番号"
                FROM tennyu WHERE kubun = ${kubun} ORDER BY uketsuke_no
              data-source: kikan
              key: 受付番号
              check:
                郵便番号: postal-code
              results: out/results.csv
              steps:
                - log: ${row-number} ${row.受付番号} ${row.氏名} ${row.生年月日 | wareki}
        """;

    @Test
    void rowsOfAPostgresQueryAreEnteredOnceCheckedAndResumedByKey() throws Exception {
        PostgresExtension.Database db = postgres.newDatabase();
        sql(db.url(), db.user(), db.password(),
            "CREATE TABLE tennyu (uketsuke_no varchar(10), shimei varchar(40), birth date, zip varchar(10), kubun varchar(10))",
            "INSERT INTO tennyu VALUES ('R-1', '山田 太郎', '1989-01-08', '100-0001', '転入'), "
                + "('R-2', '鈴木 花子', '2019-05-01', '1000-01', '転入'), ('R-3', '佐藤 一郎', '1990-02-03', '100-0003', '転出')");
        dataSource("kikan", db.url(), db.user(), db.password());

        RunResult first = h.write("kikan.yaml", ENTRY).run();

        assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).containsExactly("1 R-1 山田 太郎 平成元年1月8日");
        assertThat(ledger("kikan-rows")).extracting(RowOutcome::key, RowOutcome::status)
            .containsExactly(tuple("R-1", RowStatus.DONE), tuple("R-2", RowStatus.INVALID));
        assertThat(h.events("rows-queried")).singleElement().satisfies(e -> {
            assertThat(e.get("data-source")).isEqualTo("kikan");
            assertThat(String.valueOf(e.get("query"))).contains("WHERE kubun = ${kubun}");
        });
        assertThat(Files.readAllLines(dir.resolve("out/results.csv"), StandardCharsets.UTF_8)).hasSize(3)
            .anySatisfy(l -> assertThat(l).startsWith("R-1,山田 太郎,1989-01-08,100-0001,done,"))
            .anySatisfy(l -> assertThat(l).startsWith("R-2,鈴木 花子,2019-05-01,1000-01,invalid,"));

        sql(db.url(), db.user(), db.password(), "UPDATE tennyu SET zip = '100-0002' WHERE uketsuke_no = 'R-2'",
            "INSERT INTO tennyu VALUES ('R-4', '高橋 次郎', '2001-12-24', '100-0004', '転入')");
        RunResult second = h.run();

        assertThat(second.status()).as(String.valueOf(second.error())).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).as("R-1 was done in the first run; R-2, corrected in the database, and the new R-4 are entered")
            .containsExactly("2 R-2 鈴木 花子 令和元年5月1日", "3 R-4 高橋 次郎 平成13年12月24日");
        assertThat(ledger("kikan-rows")).extracting(RowOutcome::key, RowOutcome::status)
            .containsExactly(tuple("R-1", RowStatus.DONE), tuple("R-2", RowStatus.DONE), tuple("R-4", RowStatus.DONE));
    }

    @Test
    void aQueryParameterIsBoundNeverPastedIntoTheSql() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("kikan").toAbsolutePath() + ";MODE=PostgreSQL";
        sql(url, "sa", PASSWORD, "CREATE TABLE tennyu (uketsuke_no varchar(10), shimei varchar(40), birth date, zip varchar(10), kubun varchar(40))",
            "INSERT INTO tennyu VALUES ('R-1', '山田 太郎', '1989-01-08', '100-0001', '転入'), ('R-9', 'x', '1989-01-08', '100-0001', 'a'' OR ''1''=''1')");
        dataSource("kikan", url, "sa", PASSWORD);

        RunResult r = h.write("kikan.yaml", ENTRY.replace("results: out/results.csv", "results: out/results.xlsx"))
            .set("kubun", "a' OR '1'='1").run();

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).as("only the row whose kubun is that very text").containsExactly("1 R-9 x 平成元年1月8日");
    }

    @Test
    void anSqlErrorNamesTheStepAndTheDataSourceAndNeverThePassword() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("kikan").toAbsolutePath();
        sql(url, "sa", PASSWORD, "CREATE TABLE tennyu (uketsuke_no varchar(10))");
        dataSource("kikan", url, "sa", PASSWORD);

        RunResult r = h.write("kikan.yaml", ENTRY).run();

        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains(dir.resolve("kikan.yaml") + ":5:5: the query on the data source 'kikan' failed: ")
            .contains("SHIMEI").doesNotContain(PASSWORD);
        assertThat(h.events("item-started")).isEmpty();
        assertThat(Files.readString(r.folder().resolve("audit.jsonl"))).contains("kikan").doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordNamesTheDataSourceButNotThePassword() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("kikan").toAbsolutePath();
        sql(url, "sa", PASSWORD, "CREATE TABLE tennyu (uketsuke_no varchar(10))");
        dataSource("kikan", url, "sa", "Wrong-Pw-5521");

        RunResult r = h.write("kikan.yaml", ENTRY).run();

        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).contains(":5:5: the data source 'kikan' (jdbc:h2:").contains("could not be opened")
            .doesNotContain("Wrong-Pw-5521");
    }

    @Test
    void anUnknownDataSourceIsRefusedAtItsPlaceByValidateAndBeforeTheRun() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("kikan").toAbsolutePath();
        dataSource("kikan", url, "sa", PASSWORD);
        Path scenario = h.write("kikan.yaml", ENTRY.replace("data-source: kikan", "data-source: kikna")).dir().resolve("kikan.yaml");

        RunResult r = h.run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.problems()).extracting(p -> p.format(Messages.of(Locale.ENGLISH))).containsExactly(scenario
            + ":9:20: steps[0].for-each-row.data-source: data-source: 'kikna' is no data source of this engine; it has: kikan "
            + "(the administrator names them under data-sources: in engine.yaml)");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.execute(new String[] {"--lang", "en", "validate", scenario.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), h.home());
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(":9:20: ").contains("'kikna' is no data source of this engine");
    }

    @Test
    void aQueryWithAFileOrWithoutADataSourceIsRefusedWhenTheScenarioIsRead() {
        RunResult both = h.write("a.yaml", ENTRY.replace("data-source: kikan", "file: in.csv")).run();
        assertThat(both.problems()).extracting(p -> p.format(Messages.of(Locale.ENGLISH)))
            .anySatisfy(m -> assertThat(m).contains("reads its rows from file: or from query:, not both"));
        RunResult alone = h.write("b.yaml", ENTRY.replace("data-source: kikan", "encoding: UTF-8")).run();
        assertThat(alone.problems()).extracting(p -> p.format(Messages.of(Locale.ENGLISH)))
            .anySatisfy(m -> assertThat(m).contains("query: needs data-source:"));
    }

    @Test
    void theExampleReadsTheCoreSystemsTableOnPostgresWithTheDataSourceOfTheDocs() throws Exception {
        PostgresExtension.Database db = postgres.newDatabase();
        sql(db.url(), db.user(), db.password(),
            "CREATE TABLE tennyu_uketsuke (uketsuke_no varchar(10), shimei varchar(40), furigana varchar(40), birth date, zip varchar(10), "
                + "uketsuke_bi date, kubun varchar(10))",
            "INSERT INTO tennyu_uketsuke VALUES "
                + "('R-1', '山田 太郎', 'ヤマダ タロウ', '1989-01-08', '100-0001', CURRENT_DATE, '転入'), "
                + "('R-2', '鈴木 花子', 'すずき はなこ', '2019-05-01', '100-0002', CURRENT_DATE - 1, '転入'), "
                + "('R-3', '佐藤 一郎', 'サトウ イチロウ', '1990-02-03', '100-0003', CURRENT_DATE + 1, '転入'), "
                + "('R-4', '高橋 次郎', 'タカハシ ジロウ', '2001-12-24', '100-0004', CURRENT_DATE, '転出')");
        Path root = ExampleDataSources.file().getParent().getParent().getParent();
        Path example = root.resolve("scenarios/examples/tennyu-from-kikan.yaml");
        Files.copy(example, dir.resolve("tennyu-from-kikan.yaml"));
        Files.createDirectories(h.home());
        Files.writeString(h.home().resolve("engine.yaml"), "secrets:\n  key-file: " + h.env().get("KARAKURI_MASTER_KEY_FILE") + "\n"
            + Files.readString(ExampleDataSources.file()));
        // the administrator's real database: the environment overrides the example's address and user
        h.env("KARAKURI_DATA_SOURCE_KIKAN_URL", db.url()).env("KARAKURI_DATA_SOURCE_KIKAN_USER", db.user())
            .env("KARAKURI_SECRET_KIKAN_PASSWORD", db.password());

        RunResult r = h.run(dir.resolve("tennyu-from-kikan.yaml"));

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).containsExactly("R-1 山田 太郎 平成元年1月8日");
        assertThat(Files.readAllLines(dir.resolve("out/tennyu-from-kikan.csv"), StandardCharsets.UTF_8)).hasSize(3)
            .anySatisfy(l -> assertThat(l).startsWith("R-2,鈴木 花子,すずき はなこ,2019-05-01,100-0002,invalid,"));
    }

    @Test
    void rowsOfAQueryTakenBySeveralLanesAreEachEnteredOnceAndResultsKeepTheQuerysOrder() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("kikan").toAbsolutePath();
        StringBuilder insert = new StringBuilder("INSERT INTO tennyu VALUES ");
        for (int i = 1; i <= 12; i++) {
            insert.append(i == 1 ? "" : ", ").append("('R-").append(String.format("%02d", i)).append("', '氏名").append(i)
                .append("', '1990-01-01', '100-0001', '転入')");
        }
        sql(url, "sa", PASSWORD, "CREATE TABLE tennyu (uketsuke_no varchar(10), shimei varchar(40), birth date, zip varchar(10), kubun varchar(10))",
            insert.toString());
        dataSource("kikan", url, "sa", PASSWORD);

        RunResult r = h.write("kikan.yaml", ENTRY.replace("key: 受付番号", "key: 受付番号\n      browsers: 3")).run();

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(logged()).hasSize(12).doesNotHaveDuplicates();
        assertThat(Files.readAllLines(dir.resolve("out/results.csv"), StandardCharsets.UTF_8).subList(1, 13))
            .extracting(l -> l.substring(0, 4)).containsExactly("R-01", "R-02", "R-03", "R-04", "R-05", "R-06", "R-07", "R-08", "R-09",
                "R-10", "R-11", "R-12");
        assertThat(ledger("kikan-rows")).hasSize(12).allMatch(o -> o.status() == RowStatus.DONE);
    }
}
