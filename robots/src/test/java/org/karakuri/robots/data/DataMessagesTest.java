package org.karakuri.robots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DataMessagesTest {
    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = DataMessagesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> keys(Properties p, String prefix) {
        Set<String> keys = new TreeSet<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        return keys;
    }

    @Test
    void everyDataMessageIsInEnglishAndJapaneseAndIsAValidPattern() throws IOException {
        Properties en = load("/META-INF/karakuri/messages.properties");
        Properties ja = load("/META-INF/karakuri/messages_ja.properties");
        assertThat(keys(en, "data.")).isNotEmpty().isEqualTo(keys(ja, "data."));
        for (Properties p : new Properties[] {en, ja}) {
            for (String key : keys(p, "data.")) {
                String pattern = p.getProperty(key);
                // Messages makes every quote literal before formatting: do the same
                assertThatCode(() -> new MessageFormat(pattern.replace("'", "''"), Locale.ROOT)).as(key).doesNotThrowAnyException();
            }
        }
    }
}
