package org.golive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class JobLockGuardTest {

    @Test
    void theHeartbeatIsAThirdOfTheLockUnlessConfigured() {
        assertThat(JobLockGuard.check(Duration.ofMinutes(2), null, 0)).isEqualTo(Duration.ofSeconds(40));
        assertThat(JobLockGuard.check(Duration.ofMinutes(2), Duration.ofSeconds(10), 0)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aHeartbeatOfMoreThanAThirdOfTheLockIsRefused() {
        assertThatThrownBy(() -> JobLockGuard.check(Duration.ofMinutes(2), Duration.ofMillis(40_001), 0))
                .hasMessageContaining("lock-heartbeat (40001 ms)").hasMessageContaining("lock-time-in-millis (120000 ms)");
        assertThatThrownBy(() -> JobLockGuard.check(Duration.ofMinutes(2), Duration.ZERO, 0))
                .hasMessageContaining("lock-heartbeat must be positive");
        assertThatThrownBy(() -> JobLockGuard.check(Duration.ZERO, null, 0))
                .hasMessageContaining("lock-time-in-millis must be positive");
    }

    @Test
    void aQueueOfAcquiredJobsIsRefused() {
        assertThatThrownBy(() -> JobLockGuard.check(Duration.ofMinutes(2), null, 3))
                .hasMessageContaining("queue-capacity must be 0, was 3");
    }
}
