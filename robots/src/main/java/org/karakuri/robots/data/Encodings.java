package org.karakuri.robots.data;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import org.karakuri.i18n.KarakuriException;

/**
 * The encodings authors write for CSV files. {@code Shift_JIS}, {@code SJIS}, {@code MS932} and
 * {@code CP932} all mean Windows-31J, the Shift_JIS that Windows and Excel actually write: its
 * vendor characters (①, ㈱, 髙, ～) are not in the JIS table Java calls Shift_JIS, and a file
 * labelled Shift_JIS in a city hall nearly always holds them.
 */
final class Encodings {
    static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    static final List<String> COMMON = List.of("UTF-8", "Windows-31J", "Shift_JIS", "EUC-JP");

    private Encodings() {}

    /** The charset for what the author wrote; null means UTF-8. */
    static Charset of(String written) {
        if (written == null || written.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String name = written.strip();
        switch (name.toLowerCase(Locale.ROOT).replace("_", "-")) {
            case "shift-jis", "sjis", "ms932", "cp932", "windows-31j", "x-sjis" -> {
                return WINDOWS_31J;
            }
            case "utf8", "utf-8" -> {
                return StandardCharsets.UTF_8;
            }
            default -> {
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new KarakuriException("data.encoding.unknown", name, String.join(", ", COMMON));
                }
            }
        }
    }

    /** How a charset is named in messages: Windows-31J, UTF-8. */
    static String display(Charset cs) {
        return cs.equals(WINDOWS_31J) ? "Windows-31J" : cs.name();
    }
}
