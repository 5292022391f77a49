package org.karakuri.robots.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The shared strings of an .xlsx (where Excel keeps every text cell's text), packed into one
 * char array with an offset table: about 2 bytes a character and 4 a string, against some 50
 * bytes of overhead for each separate String. Only this table grows with the file; rows
 * themselves are streamed.
 */
final class SharedStrings {
    static final SharedStrings NONE = new SharedStrings();

    private char[] chars = new char[1 << 12];
    private int[] offsets = new int[1 << 10];
    private int count;
    private int length;

    private SharedStrings() {}

    static SharedStrings read(InputStream in) throws IOException {
        SharedStrings s = new SharedStrings();
        if (in == null) {
            return s;
        }
        try (in) {
            XMLStreamReader r = Xml.reader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamReader.START_ELEMENT && r.getLocalName().equals("si")) {
                        s.add(Xml.richText(r));
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException("shared strings: " + e.getMessage(), e);
        }
        return s;
    }

    private void add(String text) {
        if (count + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        if (length + text.length() > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + text.length()));
        }
        text.getChars(0, text.length(), chars, length);
        offsets[count] = length;
        length += text.length();
        count++;
        offsets[count] = length;
    }

    int size() {
        return count;
    }

    /** The i-th string, or null when the file points past the table. */
    String get(int i) {
        if (i < 0 || i >= count) {
            return null;
        }
        return new String(chars, offsets[i], offsets[i + 1] - offsets[i]);
    }
}
