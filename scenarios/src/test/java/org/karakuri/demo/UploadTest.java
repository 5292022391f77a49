package org.karakuri.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UploadTest {

    private static final byte[] CSV = ("受付番号,氏名\r\nR-0001,髙橋　①子\r\nR-0002,\"山田\r\n太郎\"\r\nR-0003,㈱からくり\r\n\r\n")
            .getBytes(LegacyClient.SJIS);

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

    @Test
    void uploadFormIsMultipartWithAFileInputLabelledByItsCell() {
        String html = clerk.get("upload").text();

        assertThat(html)
                .contains("<form name=\"frmTorikomi\" method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">")
                .contains("<td class=\"label\">取込ファイル：</td><td><input type=\"file\" name=\"file\" id=\"File1\"")
                .contains("<input type=\"submit\" name=\"btnTorikomi\" value=\"取込\">");
    }

    @Test
    void importsACsvAndCountsItsDataRecords() {
        String html = clerk.upload("upload", "file", "tennyu.csv", CSV).text();

        assertThat(html).contains("取込が完了しました：tennyu.csv（3 件）");
        assertThat(legacy.uploads()).containsExactly("tennyu.csv");
        assertThat(legacy.upload("tennyu.csv")).isEqualTo(CSV);
    }

    @Test
    void keepsAJapaneseFileNameSentInShiftJis() {
        String html = clerk.upload("upload", "file", "転入届①.csv", CSV).text();

        assertThat(html).contains("取込が完了しました：転入届①.csv（3 件）");
        assertThat(legacy.uploads()).containsExactly("転入届①.csv");
    }

    @Test
    void keepsOnlyTheFileNameOfAWindowsPath() {
        clerk.upload("upload", "file", "C:\\Users\\clerk01\\Desktop\\tennyu.csv", CSV);

        assertThat(legacy.uploads()).containsExactly("tennyu.csv");
    }

    @Test
    void rejectsAnEmptyFile() {
        String html = clerk.upload("upload", "file", "empty.csv", new byte[0]).text();

        assertThat(html).contains("<li><font color=\"#FF0000\">取込ファイルが空です：empty.csv</font></li>")
                .doesNotContain("取込が完了しました");
        assertThat(legacy.uploads()).isEmpty();
    }

    @Test
    void asksForAFileWhenNoneWasChosen() {
        String html = clerk.upload("upload", "file", "", new byte[0]).text();

        assertThat(html).contains("取込ファイルを選択してください");
    }

    @Test
    void rejectsAFileThatIsNotCsv() {
        String html = clerk.upload("upload", "file", "tennyu.xlsx", new byte[] {1, 2, 3}).text();

        assertThat(html).contains("取込ファイルはCSVファイル（.csv）を指定してください：tennyu.xlsx");
        assertThat(legacy.uploads()).isEmpty();
    }

    @Test
    void listsEveryUploadInOrderAndKeepsTheLatestBytesOfAName() {
        byte[] second = "受付番号\r\nR-0009\r\n".getBytes(LegacyClient.SJIS);
        clerk.upload("upload", "file", "a.csv", CSV);
        clerk.upload("upload", "file", "b.csv", CSV);
        clerk.upload("upload", "file", "a.csv", second);

        assertThat(legacy.uploads()).containsExactly("a.csv", "b.csv", "a.csv");
        assertThat(legacy.upload("a.csv")).isEqualTo(second);
    }

    @Test
    void askingForAnUnknownUploadNamesTheKnownOnes() {
        clerk.upload("upload", "file", "a.csv", CSV);

        assertThatThrownBy(() -> legacy.upload("b.csv"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("no upload named 'b.csv'; uploaded: [a.csv]");
    }
}
