package org.golive.followup;

import static org.golive.step.ProcessConstants.ROLLBACK_CONSIDER;
import static org.golive.step.ProcessConstants.ROLLBACK_IMMEDIATE;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.golive.backup.BackupFacts;

/**
 * One day of the post-go-live follow-up, judged from what that day's validation and backup verification left:
 * whether the release is healthy, whether the newest backup verified, the running counts, and what to tell people.
 * Plain data in, plain data out: the delegate maps process variables to it and back.
 */
public final class DailyReview {

    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";
    static final String UNKNOWN = "unknown";
    /** The rollback-decision outcomes that mean the release should not simply stay. */
    private static final Set<String> ROLLBACK_DECISIONS = Set.of(ROLLBACK_IMMEDIATE, ROLLBACK_CONSIDER);

    /** What the day's validation and backup verification left. */
    public record Day(String goLiveId, String environment, String validationFailure, Object rollbackDecision,
                      Object rollbackCriterion, Object failedChecks, Object backupVerified, String backupDetail,
                      String latestBackupId, int daysBefore, int unhealthyDaysBefore, int failedBackupsBefore) {
    }

    /** An event to announce: its name and message. */
    public record Announcement(String event, String message) {
    }

    /** The day judged: the counts after it, its summary, what to announce and the facts for the evidence. */
    public record Result(String health, String backup, int day, int unhealthyDays, int failedBackups, String summary,
                         List<Announcement> announcements, Map<String, Object> facts) {
    }

    private DailyReview() {
    }

    public static Result judge(Day day) {
        List<String> failedChecks = items(day.failedChecks());
        String health = health(day.validationFailure(), day.rollbackDecision(), failedChecks);
        String backup = day.backupVerified() == null ? UNKNOWN : Boolean.TRUE.equals(day.backupVerified()) ? "verified" : "failed";
        int number = day.daysBefore() + 1;
        int unhealthyDays = day.unhealthyDaysBefore() + (UNHEALTHY.equals(health) ? 1 : 0);
        int failedBackups = day.failedBackupsBefore() + ("failed".equals(backup) ? 1 : 0);
        String summary = "day " + number + ": release " + health + (day.validationFailure() != null ? " (" + day.validationFailure() + ")" : "")
                + (failedChecks.isEmpty() ? "" : ", failed checks " + failedChecks)
                + "; backup " + backup + (day.backupDetail() != null ? " (" + day.backupDetail() + ")" : "");

        List<Announcement> announcements = new ArrayList<>();
        if (UNHEALTHY.equals(health)) {
            announcements.add(new Announcement("post-go-live-unhealthy", "Daily review of go-live " + day.goLiveId() + " on "
                    + day.environment() + ": the release is unhealthy. " + summary));
        }
        if ("failed".equals(backup)) {
            announcements.add(new Announcement("backup-verification-failed", "Daily backup verification of " + day.environment()
                    + " failed (go-live " + day.goLiveId() + "): " + day.backupDetail()));
        }

        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("day", number);
        facts.put("health", health);
        facts.put("rollbackDecision", day.rollbackDecision() == null ? UNKNOWN : day.rollbackDecision().toString());
        facts.put("rollbackCriterion", day.rollbackCriterion() == null ? UNKNOWN : day.rollbackCriterion().toString());
        facts.put("failedChecks", failedChecks);
        facts.put("validationFailure", day.validationFailure() == null ? "none" : day.validationFailure());
        facts.put("backup", backup);
        facts.put(BackupFacts.BACKUP_ID, String.valueOf(day.latestBackupId()));
        facts.put("backupDetail", String.valueOf(day.backupDetail()));
        facts.put("unhealthyDays", unhealthyDays);
        facts.put("failedBackupVerifications", failedBackups);
        return new Result(health, backup, number, unhealthyDays, failedBackups, summary, List.copyOf(announcements), facts);
    }

    /**
     * A validation that ended normally with nothing failed is a healthy day; anything missing stays
     * unknown in the facts rather than counting against the release.
     */
    static String health(String failure, Object decision, List<String> failedChecks) {
        if (failure != null && !failure.isBlank()) {
            return UNHEALTHY;
        }
        if (!failedChecks.isEmpty()) {
            return UNHEALTHY;
        }
        if (decision != null && ROLLBACK_DECISIONS.contains(decision.toString().strip().toLowerCase(Locale.ROOT))) {
            return UNHEALTHY;
        }
        return HEALTHY;
    }

    /** failedChecks as a list, whether validate-release leaves a list, an array or comma-separated text. */
    static List<String> items(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).filter(s -> !s.isBlank()).toList();
        }
        if (value.getClass().isArray()) {
            return IntStream.range(0, Array.getLength(value)).mapToObj(i -> String.valueOf(Array.get(value, i)))
                    .filter(s -> !s.isBlank()).toList();
        }
        String text = value.toString().strip();
        if ("none".equals(text)) {
            return List.of();
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        return Arrays.stream(text.split(text.contains("\n") ? "\n" : ",")).map(s -> s.strip().replaceAll("^\"|\"$", ""))
                .filter(s -> !s.isEmpty()).toList();
    }
}
