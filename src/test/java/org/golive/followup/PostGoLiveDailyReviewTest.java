package org.golive.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.followup.RecordDailyReviewDelegate.health;
import static org.golive.followup.RecordDailyReviewDelegate.items;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How a day's validation outcome is read, whatever shape validate-release leaves it in. */
class PostGoLiveDailyReviewTest {

    @Test
    void failedChecksAreReadFromTextListsAndArrays() {
        assertThat(items(null)).isEmpty();
        assertThat(items("")).isEmpty();
        assertThat(items("[]")).isEmpty();
        assertThat(items("latency, crons")).containsExactly("latency", "crons");
        assertThat(items("[\"latency\",\"crons\"]")).containsExactly("latency", "crons");
        assertThat(items(List.of("health"))).containsExactly("health");
        assertThat(items(new String[] {"login", ""})).containsExactly("login");
    }

    @Test
    void aDayIsUnhealthyOnAFailureFailedChecksOrARollbackDecision() {
        assertThat(health(null, null, List.of())).isEqualTo("healthy");
        assertThat(health("/web/health answered 502", null, List.of())).isEqualTo("unhealthy");
        assertThat(health(null, null, List.of("latency"))).isEqualTo("unhealthy");
        assertThat(health(null, "immediate-rollback", List.of())).isEqualTo("unhealthy");
        assertThat(health(null, "consider-rollback", List.of())).isEqualTo("unhealthy");
        assertThat(items("none")).as("what validate-release says when no check failed").isEmpty();
        assertThat(health(null, "continue", List.of())).isEqualTo("healthy");
    }
}
