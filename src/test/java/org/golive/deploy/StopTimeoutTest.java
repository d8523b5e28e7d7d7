package org.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Docker takes a stop timeout in whole seconds; the environment's may have a fraction. */
class StopTimeoutTest {

    @Test
    void wholeSecondsPassAsTheyAre() {
        assertThat(ContainerService.stopSeconds(Duration.ofSeconds(30))).isEqualTo(30);
        assertThat(ContainerService.stopSeconds(Duration.ofMinutes(2))).isEqualTo(120);
    }

    @Test
    void aPartSecondIsRoundedUpNotDownToAnImmediateKill() {
        assertThat(ContainerService.stopSeconds(Duration.ofMillis(500))).isEqualTo(1);
        assertThat(ContainerService.stopSeconds(Duration.ofMillis(10_200))).isEqualTo(11);
    }

    @Test
    void noTimeoutMeansKillRightAfterSigterm() {
        assertThat(ContainerService.stopSeconds(Duration.ZERO)).isZero();
        assertThat(ContainerService.stopSeconds(null)).isZero();
    }
}
