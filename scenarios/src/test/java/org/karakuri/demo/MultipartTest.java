package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartTest {

    @Test
    void readsTheBoundaryQuotedOrNot() {
        assertThat(Multipart.boundary("multipart/form-data; boundary=abc")).contains("abc");
        assertThat(Multipart.boundary("multipart/form-data; boundary=\"a b\"; charset=x")).contains("a b");
        assertThat(Multipart.boundary("application/x-www-form-urlencoded")).isEmpty();
        assertThat(Multipart.boundary(null)).isEmpty();
    }

    @Test
    void splitsFieldsAndFilesKeepingBytesAndShiftJisNames() {
        byte[] body = ("--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"転入%22①%22.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "a,b\r\n--not the boundary\r\n"
                + "\r\n--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"btnTorikomi\"\r\n\r\n"
                + "取込\r\n"
                + "--XyZ--\r\n").getBytes(ShiftJis.CHARSET);

        List<Multipart.Part> parts = Multipart.parse(body, "XyZ");

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).name()).isEqualTo("file");
        assertThat(parts.get(0).fileName()).isEqualTo("転入\"①\".csv");
        assertThat(ShiftJis.decode(parts.get(0).content())).isEqualTo("a,b\r\n--not the boundary\r\n");
        assertThat(parts.get(1).fileName()).isNull();
        assertThat(ShiftJis.decode(parts.get(1).content())).isEqualTo("取込");
    }

    @Test
    void ignoresATruncatedBody() {
        byte[] body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc"
                .getBytes(ShiftJis.CHARSET);

        assertThat(Multipart.parse(body, "XyZ")).isEmpty();
    }
}
