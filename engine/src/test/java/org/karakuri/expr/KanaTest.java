package org.karakuri.expr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KanaTest {

    @ParameterizedTest(name = "{0} ↔ {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ｶﾞｷﾞｸﾞｹﾞｺﾞ                  | ガギグゲゴ
            ｻﾞｼﾞｽﾞｾﾞｿﾞ                  | ザジズゼゾ
            ﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ                  | ダヂヅデド
            ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ                  | バビブベボ
            ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ                  | パピプペポ
            ｳﾞｧｲｵﾘﾝ                     | ヴァイオリン
            ﾜﾞｦﾞ                        | ヷヺ
            ｧｨｩｪｫｯｬｭｮ                   | ァィゥェォッャュョ
            ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄ        | アイウエオカキクケコサシスセソタチツテト
            ﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ  | ナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン
            ｡｢｣､･ｰ                      | 。「」、・ー
            ﾞﾟ                          | ゛゜
            ｱﾞ                          | ア゛
            """)
    void convertsHalfWidthKatakanaBothWays(String half, String full) {
        assertThat(Kana.zenkaku(half)).isEqualTo(full);
        assertThat(Kana.hankaku(full)).isEqualTo(half);
    }

    @Test
    void zenkakuWidensAsciiAndTurnsSpaceIntoIdeographicSpace() {
        assertThat(Kana.zenkaku("Abc 123 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"))
                .isEqualTo("Ａｂｃ　１２３　！＂＃＄％＆＇（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～");
    }

    @Test
    void hankakuNarrowsFullWidthAsciiAndIdeographicSpace() {
        assertThat(Kana.hankaku("Ａｂｃ　１２３　！～")).isEqualTo("Abc 123 !~");
    }

    @Test
    void convertsMixedStrings() {
        assertThat(Kana.zenkaku("ﾔﾏﾀﾞ ﾀﾛｳ 1-2-3 山田")).isEqualTo("ヤマダ　タロウ　１－２－３　山田");
        assertThat(Kana.hankaku("ヤマダ　パン店　東京都１－２")).isEqualTo("ﾔﾏﾀﾞ ﾊﾟﾝ店 東京都1-2");
    }

    @Test
    void leavesCharactersWithoutTheOtherFormAsTheyAre() {
        assertThat(Kana.hankaku("東京都ヰヱヵヶヮひらがな")).isEqualTo("東京都ヰヱヵヶヮひらがな");
        assertThat(Kana.zenkaku("東京都ひらがなカタカナ")).isEqualTo("東京都ひらがなカタカナ");
        assertThat(Kana.zenkaku("é€")).isEqualTo("é€");
    }

    @Test
    void hankakuSplitsCombiningVoicedMarksOfDecomposedText() {
        assertThat(Kana.hankaku("カ\u3099ハ\u309A")).isEqualTo("ｶﾞﾊﾟ");
    }

    @Test
    void roundTripsEveryHalfWidthKatakana() {
        StringBuilder all = new StringBuilder();
        for (char c = '\uFF61'; c <= '\uFF9F'; c++) {
            all.append(c);
        }
        String half = all.toString();
        assertThat(Kana.zenkaku(half)).hasSize(half.length()).doesNotContainPattern("[\\uFF61-\\uFF9F]");
        assertThat(Kana.hankaku(Kana.zenkaku(half))).isEqualTo(half);
    }

    @Test
    void keepsNull() {
        assertThat(Kana.zenkaku(null)).isNull();
        assertThat(Kana.hankaku(null)).isNull();
    }
}
