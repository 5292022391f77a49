package org.karakuri.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
