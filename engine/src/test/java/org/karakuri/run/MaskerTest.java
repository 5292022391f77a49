package org.karakuri.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.karakuri.context.Masker;

class MaskerTest {
    @Test
    void masksRegisteredSecretsLongestFirstAndMyNumbers() {
        Masker m = new Masker();
        m.register("pass");
        m.register("password123");
        assertThat(m.mask("password123 / pass / 123456789018")).isEqualTo("******** / ******** / ********");
    }

    @Test
    void masksVeryShortSecretsOnlyWhenTheyStandAlone() {
        Masker m = new Masker();
        m.register("ab");
        assertThat(m.mask("ab")).isEqualTo(Masker.MASK);
        assertThat(m.mask("table")).isEqualTo("table");
    }

    @Test
    void ordinaryLogLinesAreMaskedWithWhatAnyRunRegistered() {
        new Masker().register("hunter2-パス");
        var context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        var layout = new ch.qos.logback.classic.PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("kmsg", org.karakuri.audit.MaskedMessageConverter::new);
        layout.setPattern("%kmsg");
        layout.start();
        var event = new ch.qos.logback.classic.spi.LoggingEvent("x", context.getLogger("t"), ch.qos.logback.classic.Level.INFO,
            "login {} with my number {}", null, new Object[] {"hunter2-パス", "１２３４５６７８９０１８"});
        assertThat(layout.doLayout(event)).isEqualTo("login ******** with my number ********");
    }
}
