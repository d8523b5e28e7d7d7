package org.golive.followup;

import static org.golive.step.ProcessConstants.*;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceLog;
import org.golive.notify.NotificationService;
import org.golive.step.ProcessConstants;
import org.golive.step.StepDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes down one day of the follow-up: how the release validated and whether the latest backup held up.
 * A bad day is announced, never thrown: the follow-up exists to keep watching. The day's validation
 * outcome is cleared afterwards, so tomorrow's review cannot inherit today's.
 */
@Component("recordDailyReviewDelegate")
public class RecordDailyReviewDelegate extends StepDelegate {

    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";
    static final String UNKNOWN = "unknown";

    private static final Logger LOG = LoggerFactory.getLogger(RecordDailyReviewDelegate.class);
    // the rollback-decision outcomes that mean the release should not simply stay
    private static final Set<String> ROLLBACK_DECISIONS = Set.of(ProcessConstants.ROLLBACK_IMMEDIATE, ProcessConstants.ROLLBACK_CONSIDER);

    private final NotificationService notifications;

    public RecordDailyReviewDelegate(EvidenceLog evidence, NotificationService notifications) {
        super(evidence);
        this.notifications = notifications;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        String failure = string(execution, VAR_REVIEW_FAILURE);
        Object decision = execution.getVariable(VAR_VALIDATION_ROLLBACK_DECISION);
        Object criterion = execution.getVariable(VAR_VALIDATION_ROLLBACK_CRITERION);
        List<String> failedChecks = items(execution.getVariable(VAR_VALIDATION_FAILED_CHECKS));
        String health = health(failure, decision, failedChecks);

        Object verified = execution.getVariable(VAR_BACKUP_VERIFIED);
        String backup = verified == null ? UNKNOWN : Boolean.TRUE.equals(verified) ? "verified" : "failed";
        String backupDetail = string(execution, VAR_BACKUP_VERIFICATION);

        int day = count(execution, VAR_REVIEW_DAYS, true);
        int unhealthyDays = count(execution, VAR_UNHEALTHY_DAYS, UNHEALTHY.equals(health));
        int failedBackups = count(execution, VAR_FAILED_BACKUP_VERIFICATIONS, "failed".equals(backup));
        String summary = "day " + day + ": release " + health + (failure != null ? " (" + failure + ")" : "")
                + (failedChecks.isEmpty() ? "" : ", failed checks " + failedChecks)
                + "; backup " + backup + (backupDetail != null ? " (" + backupDetail + ")" : "");
        execution.setVariable(VAR_LAST_DAILY_REVIEW, summary);

        if (UNHEALTHY.equals(health)) {
            announce(execution, "post-go-live-unhealthy", "Daily review of go-live " + goLiveId(execution) + " on "
                    + string(execution, VAR_ENVIRONMENT) + ": the release is unhealthy. " + summary);
        }
        if ("failed".equals(backup)) {
            announce(execution, "backup-verification-failed", "Daily backup verification of " + string(execution, VAR_ENVIRONMENT)
                    + " failed (go-live " + goLiveId(execution) + "): " + backupDetail);
        }
        for (String name : List.of(VAR_REVIEW_FAILURE, VAR_VALIDATION_ROLLBACK_DECISION, VAR_VALIDATION_ROLLBACK_CRITERION,
                VAR_VALIDATION_FAILED_CHECKS)) {
            execution.removeVariable(name);
        }

        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("day", day);
        facts.put("health", health);
        facts.put("rollbackDecision", decision == null ? UNKNOWN : decision.toString());
        facts.put("rollbackCriterion", criterion == null ? UNKNOWN : criterion.toString());
        facts.put("failedChecks", failedChecks);
        facts.put("validationFailure", failure == null ? "none" : failure);
        facts.put("backup", backup);
        facts.put("backupId", String.valueOf(execution.getVariable(VAR_LATEST_BACKUP_ID)));
        facts.put("backupDetail", String.valueOf(backupDetail));
        facts.put("unhealthyDays", unhealthyDays);
        facts.put("failedBackupVerifications", failedBackups);
        return facts;
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
            return java.util.stream.IntStream.range(0, Array.getLength(value)).mapToObj(i -> String.valueOf(Array.get(value, i)))
                    .filter(s -> !s.isBlank()).toList();
        }
        String text = value.toString().strip();
        if ("none".equals(text)) {
            return List.of();
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        return java.util.Arrays.stream(text.split(text.contains("\n") ? "\n" : ",")).map(s -> s.strip().replaceAll("^\"|\"$", ""))
                .filter(s -> !s.isEmpty()).toList();
    }

    private static int count(DelegateExecution execution, String name, boolean increment) {
        Object value = execution.getVariable(name);
        int count = (value instanceof Number number ? number.intValue() : 0) + (increment ? 1 : 0);
        execution.setVariable(name, count);
        return count;
    }

    private void announce(DelegateExecution execution, String event, String message) {
        try {
            notifications.announce(goLiveId(execution), event, message);
        } catch (RuntimeException e) {
            // a notification channel that is down must not stop the follow-up; the review is recorded anyway
            LOG.warn("[{}] {} could not be announced: {}", goLiveId(execution), event, e.getMessage());
        }
    }
}
