package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShiftJisPagesTest {

    private LegacySystem legacy;
    private LegacyClient clerk;

    @BeforeEach
    void start() {
        legacy = LegacySystem.start();
        clerk = new LegacyClient(legacy.baseUri());
        clerk.login();
    }

    @AfterEach
    void stop() {
        legacy.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"login", "main", "menu", "home", "resident/new", "resident/search", "download", "upload",
            "resident/print?no=S-0003"})
    void servesEveryPageAsShiftJisWithMatchingMetaTag(String path) {
        LegacyClient.Response page = clerk.get(path);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=Shift_JIS");
        assertThat(page.text())
                .contains("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">")
                .startsWith("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 ");
    }

    @Test
    void encodesTheBytesInWindows31J() {
        byte[] body = clerk.get("home").body();

        // ようこそ in Shift_JIS; the same text in UTF-8 must not be there
        assertThat(HexFormat.of().formatHex(body)).contains("82e682a482b182bb");
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("ようこそ");
    }

    @Test
    void writesVendorCharactersOfCp932() {
        byte[] login = clerk.get("login").body();
        byte[] print = clerk.get("resident/print?no=S-0003").body();

        assertThat(HexFormat.of().formatHex(login)).contains("878a"); // ㈱ in the copyright line
        assertThat(HexFormat.of().formatHex(print)).contains("fbfc"); // 髙 of 髙橋
    }

    @Test
    void decodesQueryStringsAsShiftJis() {
        String receiptNo = "Ｓ－髙①";
        legacy.close();
        legacy = LegacySystem.start(LegacySystem.Options.defaults().withSeed(java.util.List.of(
                new Resident(receiptNo, "髙橋　①", "タカハシ", "1980/04/01", "男", "100-0001", "", "", "", ""))));
        clerk = new LegacyClient(legacy.baseUri());
        clerk.login();

        String html = clerk.get(ResidentPages.printUrl(receiptNo).substring(1)).text();

        assertThat(html).contains("<td>" + receiptNo + "</td>").contains("<td>髙橋　①</td>");
    }
}
