package org.golive.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class JobLockGuardTest {

    @Test
    void aLockNoLongerThanAToolRunIsRefused() {
        assertThatThrownBy(() -> JobLockGuard.check(Duration.ofMinutes(30), Duration.ofMinutes(30)))
                .hasMessageContaining("lock-time-in-millis (1800000 ms)").hasMessageContaining("tool-timeout");
        assertThatCode(() -> JobLockGuard.check(Duration.ofMinutes(45), Duration.ofMinutes(30))).doesNotThrowAnyException();
    }
}
