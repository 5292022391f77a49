package org.karakuri.robots.data.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.karakuri.robots.data.Row;
import org.karakuri.robots.data.RowFile;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reading rows: rows per second and heap of our readers ({@link RowFile}, what
 * {@code for-each-row} uses) against the libraries used directly — Commons CSV over a
 * Windows-31J reader, and POI's streaming API ({@code XSSFReader} + {@code XSSFSheetXMLHandler}
 * + {@code ReadOnlySharedStringsTable}) — on the same generated files, in the same JVM. Then,
 * for each reader, the smallest {@code -Xmx} (in a fresh JVM each time) that reads the whole
 * file: the heap bound.
 *
 * <pre>
 * mvn -B -q -pl engine,robots test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx256m -XX:+UseSerialGC -cp robots/target/test-classes:robots/target/classes:$(cat robots/target/bench.cp) \
 *     org.karakuri.robots.data.bench.RowsBench --rows 100000 --report docs/benchmarks.md
 * </pre>
 *
 * Options: {@code --rows N} (default 100000), {@code --dir D} (where the files are generated,
 * default {@code target/bench}), {@code --rounds N} (timed rounds of each reader, default 7),
 * {@code --report FILE} (replace the "## Reading rows" section of that Markdown file).
 */
public final class RowsBench {
    private static final Charset CP932 = Charset.forName("windows-31j");
    private static final int[] HEAPS_MB = {6, 8, 10, 12, 14, 16, 20, 24, 32, 48, 64, 96, 128, 256};
    private static long sink;

    private RowsBench() {}

    /** One way of reading a file; returns the number of data rows. */
    enum Way {
        CSV_DIRECT("CSV, Commons CSV directly"),
        CSV_OURS("CSV, for-each-row reader"),
        XLSX_DIRECT("xlsx, POI streaming directly"),
        XLSX_OURS("xlsx, for-each-row reader");

        final String label;

        Way(String label) {
            this.label = label;
        }

        boolean csv() {
            return this == CSV_DIRECT || this == CSV_OURS;
        }

        long read(Path file) throws Exception {
            return switch (this) {
                case CSV_DIRECT -> csvDirect(file);
                case CSV_OURS, XLSX_OURS -> ours(file, csv() ? "Windows-31J" : null);
                case XLSX_DIRECT -> xlsxDirect(file);
            };
        }
    }

    public static void main(String[] args) throws Exception {
        // POI logs through log4j-api; without a provider it complains once on stderr
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        if (args.length == 3 && args[0].equals("--read")) {
            // a child JVM: read once under the -Xmx it was given
            long rows = Way.valueOf(args[1]).read(Path.of(args[2]));
            System.out.println(rows);
            return;
        }
        int rows = Integer.parseInt(option(args, "--rows", "100000"));
        int rounds = Integer.parseInt(option(args, "--rounds", "7"));
        Path dir = Path.of(option(args, "--dir", "target/bench"));
        String report = option(args, "--report", null);
        Files.createDirectories(dir);
        Path csv = dir.resolve("rows-" + rows + "-sjis.csv");
        Path xlsx = dir.resolve("rows-" + rows + ".xlsx");
        if (!Files.exists(csv)) {
            generateCsv(csv, rows);
        }
        if (!Files.exists(xlsx)) {
            generateXlsx(xlsx, rows);
        }

        String loadBefore = load();
        List<String[]> speed = new ArrayList<>();
        for (Way[] pair : new Way[][] {{Way.CSV_DIRECT, Way.CSV_OURS}, {Way.XLSX_DIRECT, Way.XLSX_OURS}}) {
            Path file = pair[0].csv() ? csv : xlsx;
            double[] rate = rates(pair[0], pair[1], file, rows, rounds);
            double direct = rate[0];
            double ours = rate[1];
            long directPeak = peakHeap(pair[0], file);
            long oursPeak = peakHeap(pair[1], file);
            speed.add(new String[] {pair[0].label, String.format(Locale.ROOT, "%,.0f", direct), "1.00", mb(directPeak)});
            speed.add(new String[] {pair[1].label, String.format(Locale.ROOT, "%,.0f", ours), String.format(Locale.ROOT, "%.2f", ours / direct), mb(oursPeak)});
        }
        List<String[]> bounds = new ArrayList<>();
        for (Way way : Way.values()) {
            Path file = way.csv() ? csv : xlsx;
            bounds.add(new String[] {way.label, smallestHeap(way, file) + " MB"});
        }

        String section = section(rows, csv, xlsx, rounds, speed, bounds, loadBefore + " → " + load());
        System.out.println(section);
        if (report != null) {
            writeReport(Path.of(report), section);
            System.out.println("written to " + report);
        }
    }

    // ---------------------------------------------------------------- the readers

    static long csvDirect(Path file) throws IOException {
        long rows = 0;
        try (Reader r = new InputStreamReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), CP932);
             CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.RFC4180).get()) {
            for (CSVRecord rec : p) {
                rows++;
                for (String v : rec) {
                    sink += v.length();
                }
            }
        }
        return rows - 1; // the header
    }

    static long ours(Path file, String encoding) {
        long rows = 0;
        try (RowFile f = RowFile.open(file, encoding, null, 1)) {
            int width = f.columns().size();
            for (Row r = f.next(); r != null; r = f.next()) {
                rows++;
                for (int i = 0; i < width; i++) {
                    Object v = r.get(i);
                    if (v != null) {
                        sink += v.toString().length();
                    }
                }
            }
        }
        return rows;
    }

    static long xlsxDirect(Path file) throws Exception {
        long[] rows = {0};
        OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new XSSFSheetXMLHandler.SheetContentsHandler() {
                    @Override
                    public void startRow(int rowNum) {
                        rows[0]++;
                    }

                    @Override
                    public void endRow(int rowNum) {}

                    @Override
                    public void cell(String ref, String formatted, XSSFComment comment) {
                        sink += formatted == null ? 0 : formatted.length();
                    }
                }, new DataFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
        } finally {
            pkg.revert();
        }
        return rows[0] - 1;
    }

    // ---------------------------------------------------------------- measuring

    /**
     * Median rows per second of two readers over {@code rounds} rounds each, after two warm-up
     * rounds each; the rounds alternate (A, B, A, B…) so that both see the same machine, which
     * matters on a shared one.
     */
    static double[] rates(Way a, Way b, Path file, int expected, int rounds) throws Exception {
        for (int i = 0; i < 2; i++) {
            check(a, a.read(file), expected);
            check(b, b.read(file), expected);
        }
        double[][] rates = new double[2][rounds];
        Way[] ways = {a, b};
        for (int i = 0; i < rounds; i++) {
            for (int w = 0; w < 2; w++) {
                long t0 = System.nanoTime();
                long n = ways[w].read(file);
                long ns = System.nanoTime() - t0;
                check(ways[w], n, expected);
                rates[w][i] = n * 1e9 / ns;
            }
        }
        Arrays.sort(rates[0]);
        Arrays.sort(rates[1]);
        return new double[] {rates[0][rounds / 2], rates[1][rounds / 2]};
    }

    private static void check(Way way, long rows, int expected) {
        if (rows != expected) {
            throw new IllegalStateException(way + " read " + rows + " rows, not " + expected);
        }
    }

    /** The peak of the heap pools while reading once, after a full collection: includes garbage not yet collected. */
    static long peakHeap(Way way, Path file) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        way.read(file);
        return heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** The smallest -Xmx of {@link #HEAPS_MB} with which a fresh JVM reads the whole file. */
    static int smallestHeap(Way way, Path file) throws Exception {
        int lo = 0;
        int hi = HEAPS_MB.length - 1;
        if (!readsWith(way, file, HEAPS_MB[hi])) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (readsWith(way, file, HEAPS_MB[mid])) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return HEAPS_MB[lo];
    }

    private static boolean readsWith(Way way, Path file, int mb) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + mb + "m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            RowsBench.class.getName(), "--read", way.name(), file.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    // ---------------------------------------------------------------- the files

    private static final String[] SURNAMES = {"髙橋", "山田", "鈴木", "佐藤", "田中", "伊藤", "渡邊", "齋藤", "山﨑", "中村"};
    private static final String[] GIVEN = {"一郎", "花子", "太郎", "①子", "健", "美咲", "翔太", "陽菜", "大輔", "さくら"};
    private static final String[] KANA = {"タカハシ", "ヤマダ", "スズキ", "サトウ", "タナカ", "イトウ", "ワタナベ", "サイトウ", "ヤマザキ", "ナカムラ"};
    private static final String[] HEADER = {"受付番号", "氏名", "フリガナ", "生年月日", "郵便番号", "住所", "電話番号", "手数料", "備考"};

    private static Object[] row(int i) {
        int s = i % SURNAMES.length;
        int g = (i / 7) % GIVEN.length;
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays((i * 37L) % 25_000);
        String remark = i % 10 == 0 ? "㈱からくり経由, 至急" : i % 25 == 0 ? "転入前住所:\n大阪府大阪市北区" : "";
        return new Object[] {
            String.format("R-%06d", i), SURNAMES[s] + " " + GIVEN[g], KANA[s] + " " + "タロウ", birth,
            String.format("%03d-%04d", 100 + i % 900, i % 10_000), "東京都千代田区丸の内" + (i % 9 + 1) + "-" + (i % 30 + 1) + "-" + (i % 50 + 1),
            String.format("03-%04d-%04d", i % 10_000, (i * 7) % 10_000), (long) (300 * (1 + i % 3)), remark};
    }

    static void generateCsv(Path file, int rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, CP932); CSVPrinter out = new CSVPrinter(w, CSVFormat.RFC4180)) {
            out.printRecord((Object[]) HEADER);
            for (int i = 1; i <= rows; i++) {
                Object[] r = row(i);
                r[3] = r[3].toString().replace('-', '/');
                out.printRecord(r);
            }
        }
    }

    static void generateXlsx(Path file, int rows) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(null, 1000, true, true)) {
            SXSSFSheet sheet = book.createSheet("転入");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            SXSSFRow h = sheet.createRow(0);
            for (int c = 0; c < HEADER.length; c++) {
                h.createCell(c).setCellValue(HEADER[c]);
            }
            for (int i = 1; i <= rows; i++) {
                Object[] r = row(i);
                SXSSFRow x = sheet.createRow(i);
                for (int c = 0; c < r.length; c++) {
                    if (r[c] instanceof LocalDate d) {
                        x.createCell(c).setCellValue(d);
                        x.getCell(c).setCellStyle(date);
                    } else if (r[c] instanceof Long n) {
                        x.createCell(c).setCellValue(n);
                    } else if (!r[c].toString().isEmpty()) {
                        x.createCell(c).setCellValue(r[c].toString());
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
        }
    }

    // ---------------------------------------------------------------- the report

    private static String section(int rows, Path csv, Path xlsx, int rounds, List<String[]> speed, List<String[]> bounds, String load)
        throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("## Reading rows\n\n");
        b.append(String.format(Locale.ROOT, "%,d data rows, 9 columns (受付番号, 氏名 with CP932 vendor characters, フリガナ, 生年月日, 郵便番号, 住所,"
            + " 電話番号, 手数料, 備考 with quoted commas and line breaks): a Windows-31J CSV of %,d bytes and an xlsx of %,d bytes"
            + " (shared strings, date cells). Rows/s is the median of %d rounds after two warm-up rounds, direct and ours"
            + " alternating, in one JVM (%s, %s, %d cores, %s; load average %s); every value of every row is touched. Peak heap is the peak of the heap pools while reading once after a full GC"
            + " (garbage not yet collected included). The bound is the smallest -Xmx with which a fresh JVM (SerialGC) reads the"
            + " whole file.%n%n", rows, Files.size(csv), Files.size(xlsx), rounds, System.getProperty("java.vm.name"),
            System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), cpu(), load));
        b.append("| reader | rows/s | vs direct | peak heap |\n|---|---:|---:|---:|\n");
        for (String[] r : speed) {
            b.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        b.append("\n| reader | reads the whole file with |\n|---|---:|\n");
        for (String[] r : bounds) {
            b.append("| ").append(r[0]).append(" | -Xmx").append(r[1].replace(" MB", "m")).append(" |\n");
        }
        b.append("""

            %s Heap bound: reading streams one row at a time, so a
            CSV of any length is read within the same few megabytes. For xlsx the bound also holds the workbook's
            shared-strings table (every distinct text, which Excel keeps in one part): ours packs it into one char
            array (about 2 bytes a character), where POI keeps one String each; that table, not the row count,
            sets the xlsx figure. for-each-row adds the set of business keys seen (to catch a repeated key) when
            `key:` is given, about 100 bytes a row.

            Run it again with:

            ```
            mvn -B -q -pl engine,robots test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
            java -Xmx256m -XX:+UseSerialGC -cp robots/target/test-classes:robots/target/classes:$(cat robots/target/bench.cp) \\
                org.karakuri.robots.data.bench.RowsBench --rows 100000 --report docs/benchmarks.md
            ```
            """.formatted(goal(speed)));
        return b.toString();
    }

    /** Whether every reader of ours reaches 0.8 of the direct rate. */
    private static String goal(List<String[]> speed) {
        double worst = speed.stream().mapToDouble(r -> Double.parseDouble(r[2])).min().orElse(0);
        return worst >= 0.8 ? "Goal met: at least 0.8 of the direct rate for both." : "Goal NOT met: a reader is below 0.8 of the direct rate.";
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** Replaces the "## Reading rows" section of the report, keeping every other section. */
    static void writeReport(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
        int start = text.indexOf("## Reading rows");
        String out;
        if (start < 0) {
            out = text.stripTrailing() + "\n\n" + section;
        } else {
            int end = text.indexOf("\n## ", start + 3);
            out = text.substring(0, start) + section + (end < 0 ? "" : "\n" + text.substring(end + 1));
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
