package org.karakuri.demo;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
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
     */
    static Map<String, String> parseUrlEncoded(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = urlDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : urlDecode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return Collections.unmodifiableMap(params);
    }

    private static String urlDecode(String text) {
        try {
            return URLDecoder.decode(text, CHARSET);
        } catch (IllegalArgumentException malformed) {
            // a stray '%' the way an old client sends it: keep the text as it came
            return text;
        }
    }
}
