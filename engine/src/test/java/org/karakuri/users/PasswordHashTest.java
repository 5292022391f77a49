package org.karakuri.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void matchesOnlyThePasswordItWasMadeFromAndNothingMalformed() {
        String h = PasswordHash.hash("住民記録-2026-春".toCharArray());
        assertThat(PasswordHash.matches("住民記録-2026-春".toCharArray(), h)).isTrue();
        assertThat(PasswordHash.matches("住民記録-2026-夏".toCharArray(), h)).isFalse();
        assertThat(PasswordHash.matches("x".toCharArray(), "plain")).isFalse();
        assertThat(PasswordHash.matches("x".toCharArray(), "pbkdf2-sha256$x$y$z")).isFalse();
        assertThat(PasswordHash.matches("x".toCharArray(), null)).isFalse();
    }
}
