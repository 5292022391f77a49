package org.karakuri.robots.data;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** StAX readers for the parts of an .xlsx: no DTDs, no external entities. */
final class Xml {
    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private Xml() {}

    static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        synchronized (FACTORY) {
            return FACTORY.createXMLStreamReader(in);
        }
    }

    /**
     * Text of the element the reader stands on, up to its end: the {@code <t>} elements inside it,
     * leaving out phonetic guides ({@code <rPh>}, the furigana Japanese Excel keeps beside a name).
     */
    static String richText(XMLStreamReader r) throws XMLStreamException {
        StringBuilder b = null;
        String single = null;
        int depth = 1;
        int phonetic = 0;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                depth++;
                String name = r.getLocalName();
                if (name.equals("rPh")) {
                    phonetic++;
                } else if (name.equals("t") && phonetic == 0) {
                    String t = r.getElementText();
                    depth--;
                    if (single == null && b == null) {
                        single = t;
                    } else {
                        if (b == null) {
                            b = new StringBuilder(single);
                        }
                        b.append(t);
                    }
                }
            } else if (event == XMLStreamReader.END_ELEMENT) {
                depth--;
                if (r.getLocalName().equals("rPh")) {
                    phonetic--;
                }
            }
        }
        String text = b != null ? b.toString() : single == null ? "" : single;
        return text.indexOf("_x") >= 0 ? unescape(text) : text;
    }

    /** OOXML writes control characters as {@code _xHHHH_} ({@code _x000D_} for a carriage return). */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (i + 7 <= s.length() && s.charAt(i) == '_' && s.charAt(i + 1) == 'x' && s.charAt(i + 6) == '_' && isHex(s, i + 2, i + 6)) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 7;
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
