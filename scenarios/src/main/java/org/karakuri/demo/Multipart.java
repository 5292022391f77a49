package org.karakuri.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small {@code multipart/form-data} reader. Browsers write part names and file names in the
 * page's charset, so headers are read as Shift_JIS (Windows-31J), which the servlet container
 * would not do.
 */
final class Multipart {

    /** One part; {@code fileName} is {@code null} for a plain field, "" for an empty file input. */
    record Part(String name, String fileName, byte[] content) {
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE_NAME = Pattern.compile(";\\s*filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private Multipart() {
    }

    static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? Optional.of(m.group(1) != null ? m.group(1) : m.group(2)) : Optional.empty();
    }

    static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        while (pos >= 0) {
            pos += delimiter.length;
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                break;
            }
            if (startsWith(body, pos, CRLF)) {
                pos += CRLF.length;
            }
            int headerEnd = indexOf(body, HEADER_END, pos);
            if (headerEnd < 0) {
                break;
            }
            String headers = ShiftJis.decode(Arrays.copyOfRange(body, pos, headerEnd));
            int contentStart = headerEnd + HEADER_END.length;
            int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                break;
            }
            part(headers, Arrays.copyOfRange(body, contentStart, contentEnd)).ifPresent(parts::add);
            pos = contentEnd + CRLF.length;
        }
        return parts;
    }

    private static Optional<Part> part(String headers, byte[] content) {
        for (String header : headers.split("\r\n")) {
            int colon = header.indexOf(':');
            if (colon < 0 || !header.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                continue;
            }
            String value = header.substring(colon + 1);
            Matcher name = NAME.matcher(value);
            if (!name.find()) {
                return Optional.empty();
            }
            Matcher fileName = FILE_NAME.matcher(value);
            return Optional.of(new Part(unescape(name.group(1)),
                    fileName.find() ? unescape(fileName.group(1)) : null, content));
        }
        return Optional.empty();
    }

    /** Browsers escape {@code "}, CR and LF in names as %22, %0D, %0A. */
    private static String unescape(String text) {
        return text.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
    }

    private static boolean startsWith(byte[] data, int from, byte[] prefix) {
        if (from + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        for (int i = Math.max(from, 0); i <= data.length - pattern.length; i++) {
            if (startsWith(data, i, pattern)) {
                return i;
            }
        }
        return -1;
    }
}
