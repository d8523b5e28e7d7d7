package org.golive.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.followup.DailyReview.health;
import static org.golive.followup.DailyReview.items;

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

    @Test
    void anUnhealthyDayWithAFailedBackupCountsBothAndAnnouncesBoth() {
        DailyReview.Result result = DailyReview.judge(new DailyReview.Day("gl-1", "prod", null, "continue", "none",
                "latency", false, "sha mismatch", "backup-7", 2, 1, 0));

        assertThat(result.day()).isEqualTo(3);
        assertThat(result.health()).isEqualTo("unhealthy");
        assertThat(result.unhealthyDays()).isEqualTo(2);
        assertThat(result.failedBackups()).isEqualTo(1);
        assertThat(result.summary()).isEqualTo("day 3: release unhealthy, failed checks [latency]; backup failed (sha mismatch)");
        assertThat(result.announcements()).extracting(DailyReview.Announcement::event)
                .containsExactly("post-go-live-unhealthy", "backup-verification-failed");
        assertThat(result.facts()).containsEntry("backupId", "backup-7").containsEntry("failedBackupVerifications", 1);
    }

    @Test
    void aHealthyDayWithAVerifiedBackupAnnouncesNothing() {
        DailyReview.Result result = DailyReview.judge(new DailyReview.Day("gl-1", "prod", null, "continue", "none",
                "none", true, null, "backup-8", 0, 0, 0));

        assertThat(result.health()).isEqualTo("healthy");
        assertThat(result.backup()).isEqualTo("verified");
        assertThat(result.announcements()).isEmpty();
        assertThat(result.unhealthyDays()).isZero();
    }
}
