package org.golive.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.golive.backup.RetentionPolicy.Candidate;
import org.golive.backup.RetentionPolicy.Plan;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static Candidate finished(String id, int daysOld) {
        return new Candidate(id, NOW.minus(Duration.ofDays(daysOld)), true, 100L * (daysOld + 1));
    }

    private static List<String> ids(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::id).toList();
    }

    @Test
    void keepsTheNewestNAndTheYoungOnesAndDeletesTheRestNewestFirst() {
        List<Candidate> backups = List.of(finished("d40", 40), finished("d1", 1), finished("d20", 20), finished("d3", 3),
                finished("d30", 30), finished("d10", 10));

        Plan plan = new RetentionPolicy(2, Duration.ofDays(7)).plan(backups, NOW, c -> true);

        assertThat(plan.kept()).containsOnlyKeys("d1", "d3");
        assertThat(plan.kept().get("d1")).contains("one of the newest 2").contains("younger than PT168H").contains("newest verified");
        assertThat(ids(plan.delete())).containsExactly("d10", "d20", "d30", "d40");
        assertThat(plan.bytesToFree()).isEqualTo(1100 + 2100 + 3100 + 4100);
    }

    @Test
    void everythingYoungerThanTheAgeIsKeptBeyondTheCount() {
        List<Candidate> backups = List.of(finished("d1", 1), finished("d2", 2), finished("d3", 3), finished("d9", 9));

        Plan plan = new RetentionPolicy(1, Duration.ofDays(5)).plan(backups, NOW, c -> true);

        assertThat(plan.kept()).containsOnlyKeys("d1", "d2", "d3");
        assertThat(ids(plan.delete())).containsExactly("d9");
    }

    @Test
    void theNewestVerifiedBackupIsKeptHoweverOldWhenTheNewerOnesAreDamaged() {
        List<Candidate> backups = List.of(finished("d1", 1), finished("d2", 2), finished("d30", 30), finished("d40", 40));
        Set<String> damaged = Set.of("d1", "d2");
        List<String> asked = new ArrayList<>();

        Plan plan = new RetentionPolicy(2, Duration.ZERO).plan(backups, NOW, c -> {
            asked.add(c.id());
            return !damaged.contains(c.id());
        });

        assertThat(plan.kept()).containsEntry("d30", "newest verified").containsOnlyKeys("d1", "d2", "d30");
        assertThat(ids(plan.delete())).containsExactly("d40");
        assertThat(asked).as("stops asking at the first that verifies").containsExactly("d1", "d2", "d30");
    }

    @Test
    void anUnfinishedDirectoryIsDeletedOnlyOnceOlderThanTheAgeAndNeverCounts() {
        Candidate deadAttempt = new Candidate("dead", NOW.minus(Duration.ofDays(9)), false, 50);
        Candidate beingWritten = new Candidate("writing", NOW.minus(Duration.ofMinutes(3)), false, 50);
        List<Candidate> backups = List.of(deadAttempt, beingWritten, finished("d8", 8));

        Plan plan = new RetentionPolicy(1, Duration.ofDays(7)).plan(backups, NOW, c -> true);

        assertThat(plan.kept()).containsOnlyKeys("writing", "d8");
        assertThat(plan.kept().get("d8")).contains("one of the newest 1");
        assertThat(ids(plan.delete())).containsExactly("dead");
    }

    @Test
    void planningAgainAfterApplyingDeletesNothingMore() {
        RetentionPolicy policy = new RetentionPolicy(2, Duration.ofDays(2));
        List<Candidate> backups = List.of(finished("d1", 1), finished("d5", 5), finished("d6", 6), finished("d7", 7));
        Plan first = policy.plan(backups, NOW, c -> true);
        List<Candidate> left = backups.stream().filter(c -> first.kept().containsKey(c.id())).toList();

        Plan second = policy.plan(left, NOW, c -> true);

        assertThat(ids(first.delete())).containsExactly("d6", "d7");
        assertThat(second.delete()).isEmpty();
        assertThat(second.kept()).isEqualTo(first.kept());
    }

    @Test
    void keepingNoBackupIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new RetentionPolicy(0, Duration.ZERO)).hasMessageContaining("keep-last");
        assertThatThrownBy(() -> new BackupProperties(0, Duration.ofDays(1), 2.0, Map.of()))
                .hasMessageContaining("golive.backups.keep-last must be 1 or more, was 0");
        assertThatThrownBy(() -> new BackupProperties(5, Duration.ofDays(1), 2.0,
                Map.of("prod", new BackupProperties.Retention(0, null))))
                .hasMessageContaining("golive.backups.retention.prod.keep-last");
        assertThatThrownBy(() -> new BackupProperties(5, Duration.ofDays(1), 0.5, Map.of()))
                .hasMessageContaining("golive.backups.free-space-factor");
    }

    @Test
    void anEnvironmentsOwnRetentionOverridesOnlyWhatItSets() {
        BackupProperties properties = new BackupProperties(5, Duration.ofDays(14), 2.0,
                Map.of("prod", new BackupProperties.Retention(10, null)));

        assertThat(properties.policy("prod")).isEqualTo(new RetentionPolicy(10, Duration.ofDays(14)));
        assertThat(properties.policy("staging")).isEqualTo(new RetentionPolicy(5, Duration.ofDays(14)));
    }
}
