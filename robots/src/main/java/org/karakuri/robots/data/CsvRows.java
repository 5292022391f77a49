package org.karakuri.robots.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;

/**
 * Rows of a CSV file (Apache Commons CSV, RFC 4180: quoted fields may hold commas, quotes and
 * line breaks). A UTF-8 byte order mark is skipped. Bytes the declared encoding cannot decode
 * stop the reading with the line they are on and the encoding the file seems to be in; nothing
 * is ever replaced by {@code ?} or {@code �}.
 *
 * <p>Row numbers are those a spreadsheet shows when it opens the file: the header row and blank
 * lines count, and a quoted field spanning several lines stays in one row.
 */
final class CsvRows implements RowSource {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private static final int BOM_0 = 0xEF, BOM_1 = 0xBB, BOM_2 = 0xBF;

    private final Path file;
    private final Charset charset;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Columns columns;
    private final boolean bom;
    private int number;

    private CsvRows(Path file, Charset charset, int headerRow) throws IOException {
        this.file = file;
        this.charset = charset;
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (!charset.equals(StandardCharsets.UTF_8) && looksLikeUtf8(in)) {
            in.close();
            throw new KarakuriException("data.csv.looks-utf8", file.getFileName().toString(), Encodings.display(charset));
        }
        this.bom = skipBom(in, charset);
        Reader reader = new StrictReader(in, charset);
        this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        this.records = parser.iterator();
        CSVRecord header = null;
        while (number < headerRow) {
            header = nextRecord();
            if (header == null) {
                parser.close();
                throw new KarakuriException("data.no-header-row", file.getFileName().toString(), headerRow, number);
            }
        }
        if (header.stream().allMatch(String::isBlank)) {
            parser.close();
            throw new KarakuriException("data.empty-header-row", file.getFileName().toString(), headerRow, number);
        }
        this.columns = Columns.of(header.toList());
    }

    static CsvRows open(Path file, Charset charset, int headerRow) {
        try {
            return new CsvRows(file, charset, headerRow);
        } catch (NoSuchFileException e) {
            throw new KarakuriException("data.no-file", file.toString());
        } catch (IOException e) {
            throw new KarakuriException("data.unreadable", file.toString(), String.valueOf(e.getMessage()));
        }
    }

    @Override
    public Columns columns() {
        return columns;
    }

    @Override
    public Row next() {
        while (true) {
            CSVRecord r = nextRecord();
            if (r == null) {
                return null;
            }
            int width = columns.size();
            Object[] values = new Object[width];
            int n = Math.min(width, r.size());
            boolean blank = true;
            for (int i = 0; i < n; i++) {
                String v = r.get(i);
                if (!v.isEmpty()) {
                    values[i] = v;
                    blank &= v.isBlank();
                }
            }
            if (!blank) {
                return new Row(columns, values, number, shape(r, width));
            }
        }
    }

    /**
     * Why a line does not fit the header: fewer fields, or more fields that are not empty (a
     * comma too many shifts every value after it into the wrong column). Null when it fits.
     */
    private static String shape(CSVRecord r, int width) {
        boolean extraHoldsText = false;
        for (int i = width; i < r.size(); i++) {
            extraHoldsText |= !r.get(i).isBlank();
        }
        if (r.size() < width || extraHoldsText) {
            return Messages.get().format(r.size() < width ? "data.invalid.too-few-fields" : "data.invalid.too-many-fields", r.size(), width);
        }
        return null;
    }

    /** The next record, counting it; null at the end. */
    private CSVRecord nextRecord() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord r = records.next();
            number++;
            return r;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw readError(e);
        }
    }

    private KarakuriException readError(RuntimeException e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof CharacterCodingException)) {
            cause = cause.getCause();
        }
        String name = file.getFileName().toString();
        if (cause != null) {
            long[] at = locateUndecodable(file, charset, bom);
            String suggestion = suggestEncoding(file, charset);
            Object hint = suggestion == null
                ? new Messages.Text("data.csv.encoding-unknown")
                : new Messages.Text("data.csv.encoding-try", suggestion);
            return new KarakuriException("data.csv.undecodable", name, at[0], Encodings.display(charset), at[1], hint);
        }
        return new KarakuriException("data.csv.malformed", name, number + 1, parser.getCurrentLineNumber(),
            String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }

    /**
     * True when the start of the file is UTF-8 with Japanese in it (or has a UTF-8 byte order
     * mark): text in Shift_JIS is almost never valid UTF-8, while UTF-8 read as Windows-31J
     * decodes without error into nonsense that would be typed into the legacy system.
     */
    static boolean looksLikeUtf8(InputStream in) throws IOException {
        int sample = 1 << 16;
        in.mark(sample);
        byte[] b = in.readNBytes(sample);
        in.reset();
        if (b.length >= 3 && (b[0] & 0xFF) == BOM_0 && (b[1] & 0xFF) == BOM_1 && (b[2] & 0xFF) == BOM_2) {
            return true;
        }
        int multibyte = 0;
        for (int i = 0; i < b.length; ) {
            int c = b[i] & 0xFF;
            int extra = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
            if (extra < 0) {
                return false;
            }
            if (i + extra >= b.length) {
                break; // cut off by the sample's end
            }
            for (int k = 1; k <= extra; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            multibyte += extra > 0 ? 1 : 0;
            i += extra + 1;
        }
        return multibyte > 0;
    }

    /** Skips a UTF-8 byte order mark; true when there was one. */
    private static boolean skipBom(InputStream in, Charset charset) throws IOException {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return false;
        }
        in.mark(3);
        if (in.read() == BOM_0 && in.read() == BOM_1 && in.read() == BOM_2) {
            return true;
        }
        in.reset();
        return false;
    }

    /**
     * The 1-based line and byte offset of the first bytes {@code charset} cannot decode. Decoding
     * is buffered ahead of the parser, so the place is found again here, once, on failure.
     */
    static long[] locateUndecodable(Path file, Charset charset, boolean bom) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 1;
        long consumed = bom ? 3 : 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            if (bom) {
                in.skipNBytes(3);
            }
            ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
            CharBuffer chars = CharBuffer.allocate(1 << 16);
            boolean eof = false;
            while (true) {
                if (!eof) {
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        eof = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                }
                bytes.flip();
                int before = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, eof);
                consumed += bytes.position() - before;
                chars.flip();
                for (int i = 0; i < chars.limit(); i++) {
                    if (chars.get(i) == '\n') {
                        line++;
                    }
                }
                chars.clear();
                if (result.isError()) {
                    return new long[] {line, consumed};
                }
                bytes.compact();
                if (eof && bytes.position() == 0 && result.isUnderflow()) {
                    return new long[] {line, consumed};
                }
            }
        } catch (IOException e) {
            return new long[] {line, consumed};
        }
    }

    /** An encoding that decodes the whole file cleanly, other than the one that failed; or null. */
    static String suggestEncoding(Path file, Charset failed) {
        for (Charset candidate : List.of(StandardCharsets.UTF_8, Encodings.WINDOWS_31J, Charset.forName("EUC-JP"))) {
            if (!candidate.equals(failed) && decodesCleanly(file, candidate)) {
                return Encodings.display(candidate);
            }
        }
        return null;
    }

    private static boolean decodesCleanly(Path file, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        char[] sink = new char[1 << 16];
        try (Reader r = new InputStreamReader(new BufferedInputStream(Files.newInputStream(file)), decoder)) {
            while (r.read(sink) >= 0) {
                // read to the end: a decoding error throws
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // nothing left to read from it
        }
    }
}
