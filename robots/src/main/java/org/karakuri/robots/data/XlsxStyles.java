package org.karakuri.robots.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Which cell styles of an .xlsx show a number as a date or time, read from {@code styles.xml}.
 * Besides the formats POI knows, the built-in formats Japanese Excel uses for dates
 * (ids 27–36 and 50–58: {@code ggge"年"m"月"d"日"}, {@code yyyy"年"m"月"d"日"}…) count as dates.
 */
final class XlsxStyles {
    private static final java.util.regex.Pattern ERA_DATE =
        java.util.regex.Pattern.compile("(?=.*[gGeE])[gGeEyYmMdDhHsS年月日時分秒\\s/.\\-:,()]+");

    static final XlsxStyles NONE = new XlsxStyles(new boolean[0]);

    private final boolean[] dateStyle;

    private XlsxStyles(boolean[] dateStyle) {
        this.dateStyle = dateStyle;
    }

    boolean isDate(int styleIndex) {
        return styleIndex >= 0 && styleIndex < dateStyle.length && dateStyle[styleIndex];
    }

    static XlsxStyles read(InputStream in) throws IOException {
        if (in == null) {
            return NONE;
        }
        Map<Integer, String> formats = new HashMap<>();
        boolean[] dates = new boolean[16];
        int count = 0;
        try (in) {
            XMLStreamReader r = Xml.reader(in);
            boolean inCellXfs = false;
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamReader.START_ELEMENT) {
                    String name = r.getLocalName();
                    if (name.equals("numFmt")) {
                        formats.put(Integer.parseInt(r.getAttributeValue(null, "numFmtId")), r.getAttributeValue(null, "formatCode"));
                    } else if (name.equals("cellXfs")) {
                        inCellXfs = true;
                    } else if (name.equals("xf") && inCellXfs) {
                        String id = r.getAttributeValue(null, "numFmtId");
                        if (count == dates.length) {
                            dates = Arrays.copyOf(dates, count * 2);
                        }
                        dates[count++] = id != null && isDateFormat(Integer.parseInt(id), formats);
                    }
                } else if (e == XMLStreamReader.END_ELEMENT && r.getLocalName().equals("cellXfs")) {
                    inCellXfs = false;
                }
            }
            r.close();
        } catch (XMLStreamException | NumberFormatException e) {
            throw new IOException("styles: " + e.getMessage(), e);
        }
        return new XlsxStyles(Arrays.copyOf(dates, count));
    }

    static boolean isDateFormat(int id, Map<Integer, String> custom) {
        String code = custom.get(id);
        if (code == null) {
            if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58)) {
                return true;
            }
            code = id < BuiltinFormats.getAll().length ? BuiltinFormats.getBuiltinFormat(id) : null;
        }
        return DateUtil.isInternalDateFormat(id) || (code != null && (DateUtil.isADateFormat(id, code) || isEraDate(code)));
    }

    /**
     * Formats with Japanese-era codes ({@code ggge"年"m"月"d"日"}, {@code ge.m.d}), which POI
     * does not count as dates: after dropping quoted text, {@code [...]} sections and escapes,
     * only date letters and separators are left.
     */
    static boolean isEraDate(String code) {
        String plain = code.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^\\]]*\\]", "").replaceAll("\\\\.", "");
        return ERA_DATE.matcher(plain).matches();
    }
}
