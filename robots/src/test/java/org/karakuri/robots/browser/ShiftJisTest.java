package org.karakuri.robots.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import java.nio.charset.Charset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wiremock.org.eclipse.jetty.servlet.ServletContextHandler;

/** A legacy Shift_JIS page: filled with Japanese text and posted, byte for byte as the system expects. */
class ShiftJisTest extends BrowserTest {
    /** What browsers mean by Shift_JIS (WHATWG): Windows-31J, which also has －, ～ and the NEC specials. */
    private static final Charset SJIS = Charset.forName("Windows-31J");
    private WireMockServer legacy;

    /**
     * A Jetty that, like the legacy server it stands for, decodes form posts as Windows-31J:
     * WireMock reads every form post's parameters to journal it, and its default (UTF-8) would
     * answer a Shift_JIS body with "Not valid UTF8" before recording it.
     */
    static final class ShiftJisJetty extends Jetty11HttpServer {
        ShiftJisJetty(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
            super(options, admin, stubs);
        }

        @Override
        protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
            context.setDefaultRequestCharacterEncoding("Windows-31J");
        }
    }

    @BeforeEach
    void startLegacySystem() {
        legacy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").httpServerFactory(ShiftJisJetty::new));
        legacy.start();
        String form = """
            <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
            <html lang="ja"><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>新規登録</title></head><body>
            <form name="frmToroku" method="post" action="/resident/new">
            <table border="1">
            <tr><td class="label">氏名：</td><td><input type="text" name="txtShimei" size="30" maxlength="40"></td></tr>
            <tr><td class="label">フリガナ：</td><td><input type="text" name="txtKana" size="30"></td></tr>
            <tr><td class="label">性別：</td><td><select name="cmbSeibetsu"><option value="">選択してください</option><option value="1">男</option><option value="2">女</option></select></td></tr>
            <tr><td class="label">住所：</td><td><input type="text" name="txtJusho" size="60"></td></tr>
            </table>
            <input type="submit" name="btnToroku" value="登録">
            </form></body></html>""";
        legacy.stubFor(get(urlEqualTo("/resident/new")).willReturn(aResponse()
            .withHeader("Content-Type", "text/html; charset=Shift_JIS").withBody(form.getBytes(SJIS))));
        legacy.stubFor(post(urlEqualTo("/resident/new")).willReturn(aResponse()
            .withHeader("Content-Type", "text/html; charset=Shift_JIS")
            .withBody("<html><head><meta charset='Shift_JIS'></head><body>登録しました</body></html>".getBytes(SJIS))));
    }

    /**
     * What a browser sends for text in a Windows-31J form: each byte percent-encoded, except
     * ASCII letters, digits and *-._ (so the second byte of a kanji may stay a plain letter).
     */
    private static String formEncoded(String text) {
        StringBuilder b = new StringBuilder();
        for (byte x : text.getBytes(SJIS)) {
            int c = x & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "*-._".indexOf(c) >= 0)) {
                b.append((char) c);
            } else if (c == ' ') {
                b.append('+');
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    @AfterEach
    void stopLegacySystem() {
        legacy.stop();
    }

    @Test
    void fillsAShiftJisFormAndPostsTheExactShiftJisBytes() throws Exception {
        run("""
            - open: %s
            - fill:
                氏名: 山田　太郎
                フリガナ: ﾔﾏﾀﾞ ﾀﾛｳ
                性別: 女
                住所: 東京都千代田区霞が関１－２－３
            - click: 登録
            - expect-text: 登録しました""".formatted(legacy.url("/resident/new")));
        String body = "txtShimei=%8ER%93c%81%40%91%BE%98Y"
            + "&txtKana=%D4%CF%C0%DE+%C0%DB%B3"
            + "&cmbSeibetsu=2"
            + "&txtJusho=" + formEncoded("東京都千代田区霞が関１－２－３")
            + "&btnToroku=%93o%98%5E";
        legacy.verify(postRequestedFor(urlEqualTo("/resident/new"))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withRequestBody(equalTo(body)));
    }
}
