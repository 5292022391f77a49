package org.karakuri.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExpressionMessagesTest {
    private static final Path SOURCES = Path.of("src/main/java/org/karakuri/expr");
    private static final Object[] SAMPLE_ARGS = {"A0", "A1", "A2", "A3"};

    @Test
    void everyKeyUsedByTheCodeHasAMessage() throws IOException {
        Set<String> used = new TreeSet<>();
        Pattern key = Pattern.compile("\"(expr\\.[a-z.-]+)\"");
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = key.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(20);
        assertThat(ExpressionMessages.MESSAGES.keySet()).containsAll(used);
    }

    @Test
    void everyMessageHasEnglishAndJapaneseTextThatFormats() {
        ExpressionMessages.MESSAGES.forEach((key, texts) -> {
            assertThat(texts).as(key).hasSize(2);
            String english = ExpressionMessages.format(key, Locale.ENGLISH, SAMPLE_ARGS);
            String japanese = ExpressionMessages.format(key, Locale.JAPANESE, SAMPLE_ARGS);
            assertThat(english).as(key).isNotBlank().isNotEqualTo(japanese).doesNotContain("{0}", "{1}");
            assertThat(japanese).as(key).containsPattern("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");
            int placeholders = (int) Pattern.compile("\\{(\\d)}").matcher(texts[0]).results().count();
            if (placeholders > 0) {
                assertThat(english).as(key).contains("A0");
            }
        });
    }

    @Test
    void rendersBracesAndQuotesLiterally() {
        assertThat(ExpressionMessages.format("expr.unclosed", Locale.ENGLISH))
                .isEqualTo("\"${\" is not closed: add \"}\" after the reference (write \"$${\" for a literal \"${\")");
        assertThat(ExpressionMessages.format("expr.reference-failed", Locale.JAPAN, "row.氏名", "列がありません"))
                .isEqualTo("${row.氏名} を読めません: 列がありません");
        assertThat(ExpressionMessages.format("expr.unquoted-argument", Locale.ENGLISH, "date", "yyyy"))
                .endsWith("write date:'yyyy'");
    }

    @Test
    void choosesJapaneseByLanguageAndEnglishOtherwise() {
        assertThat(ExpressionMessages.format("expr.condition-empty", Locale.JAPAN)).startsWith("条件が空です");
        assertThat(ExpressionMessages.format("expr.condition-empty", Locale.FRENCH)).startsWith("the condition is empty");
        assertThat(ExpressionMessages.format("expr.condition-empty", null)).startsWith("the condition is empty");
    }

    @Test
    void rendersAnUnknownKeyWithItsArguments() {
        assertThat(ExpressionMessages.format("no.such-key", Locale.ENGLISH, "x", 1)).isEqualTo("no.such-key [x, 1]");
    }

    @Test
    void exceptionCarriesOffsetKeyArgumentsAndEnglishMessage() {
        ExpressionException e = new ExpressionException(7, "expr.not-a-date", "abc");
        assertThat(e.offset()).isEqualTo(7);
        assertThat(e.messageKey()).isEqualTo("expr.not-a-date");
        assertThat(e.args()).containsExactly("abc");
        assertThat(e.getMessage()).startsWith("\"abc\" is not a date");
        e.args()[0] = "changed";
        assertThat(e.args()).containsExactly("abc");
    }
}
