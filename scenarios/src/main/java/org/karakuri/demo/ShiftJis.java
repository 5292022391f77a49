package org.karakuri.demo;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one character set of the demo system. Pages are labelled {@code Shift_JIS}, as the real
 * systems do, but the bytes are Windows-31J (CP932): that is what browsers actually use for the
 * label, and it keeps the vendor characters (髙, ①, ㈱) that plain Shift_JIS lacks.
 */
final class ShiftJis {

    static final Charset CHARSET = Charset.forName("Windows-31J");
    static final String LABEL = "Shift_JIS";
    static final String HTML_CONTENT_TYPE = "text/html; charset=" + LABEL;
    static final String CSV_CONTENT_TYPE = "text/csv; charset=" + LABEL;

    private ShiftJis() {
    }

    static byte[] encode(String text) {
        return text.getBytes(CHARSET);
    }

    static String decode(byte[] bytes) {
        return new String(bytes, CHARSET);
    }

    static String urlEncode(String value) {
        return URLEncoder.encode(value, CHARSET);
    }

    /**
     * Parses {@code a=1&b=%8E%52}: what a browser sends from a Shift_JIS page, in a query string
     * or an {@code application/x-www-form-urlencoded} body. The first value of a name wins.
     *
     * <p>Decoding works on bytes: a browser leaves a trail byte that happens to be ASCII as it is
     * ({@code カ} is 0x83 0x4A and goes out as {@code %83J}), so percent-decoding character by
     * character, as {@link java.net.URLDecoder} does, garbles half the katakana.
     */
    static Map<String, String> parseUrlEncoded(byte[] encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= encoded.length; i++) {
            if (i == encoded.length || encoded[i] == '&') {
                pair(encoded, start, i, params);
                start = i + 1;
            }
        }
        return Collections.unmodifiableMap(params);
    }

    static Map<String, String> parseUrlEncoded(String encoded) {
        return encoded == null ? Map.of() : parseUrlEncoded(encoded.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void pair(byte[] encoded, int from, int to, Map<String, String> params) {
        if (from >= to) {
            return;
        }
        int eq = from;
        while (eq < to && encoded[eq] != '=') {
            eq++;
        }
        String name = percentDecode(encoded, from, eq);
        String value = eq < to ? percentDecode(encoded, eq + 1, to) : "";
        params.putIfAbsent(name, value);
    }

    private static String percentDecode(byte[] encoded, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = encoded[i];
            int high = i + 2 < to ? Character.digit(encoded[i + 1], 16) : -1;
            int low = i + 2 < to ? Character.digit(encoded[i + 2], 16) : -1;
            if (b == '%' && high >= 0 && low >= 0) {
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                // a stray '%' stays as it came, the way old servers keep it
                bytes.write(b == '+' ? ' ' : b);
            }
        }
        return decode(bytes.toByteArray());
    }
}
