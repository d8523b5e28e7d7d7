package org.golive.followup;

import static org.golive.step.ProcessConstants.*;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceLog;
import org.golive.notify.NotificationService;
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

    private static final Logger LOG = LoggerFactory.getLogger(RecordDailyReviewDelegate.class);

    private final NotificationService notifications;

    public RecordDailyReviewDelegate(EvidenceLog evidence, NotificationService notifications) {
        super(evidence);
        this.notifications = notifications;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        DailyReview.Result review = DailyReview.judge(new DailyReview.Day(goLiveId(execution), string(execution, VAR_ENVIRONMENT),
                string(execution, VAR_REVIEW_FAILURE), execution.getVariable(VAR_VALIDATION_ROLLBACK_DECISION),
                execution.getVariable(VAR_VALIDATION_ROLLBACK_CRITERION), execution.getVariable(VAR_VALIDATION_FAILED_CHECKS),
                execution.getVariable(VAR_BACKUP_VERIFIED), string(execution, VAR_BACKUP_VERIFICATION),
                string(execution, VAR_LATEST_BACKUP_ID), count(execution, VAR_REVIEW_DAYS), count(execution, VAR_UNHEALTHY_DAYS),
                count(execution, VAR_FAILED_BACKUP_VERIFICATIONS)));
        execution.setVariable(VAR_REVIEW_DAYS, review.day());
        execution.setVariable(VAR_UNHEALTHY_DAYS, review.unhealthyDays());
        execution.setVariable(VAR_FAILED_BACKUP_VERIFICATIONS, review.failedBackups());
        execution.setVariable(VAR_LAST_DAILY_REVIEW, review.summary());
        for (DailyReview.Announcement announcement : review.announcements()) {
            announce(goLiveId(execution), announcement);
        }
        // the day's validation results are read once: tomorrow's review must not see them again
        for (String name : List.of(VAR_REVIEW_FAILURE, VAR_VALIDATION_ROLLBACK_DECISION, VAR_VALIDATION_ROLLBACK_CRITERION,
                VAR_VALIDATION_FAILED_CHECKS)) {
            execution.removeVariable(name);
        }
        return review.facts();
    }

    private static int count(DelegateExecution execution, String name) {
        return execution.getVariable(name) instanceof Number number ? number.intValue() : 0;
    }

    private void announce(String goLiveId, DailyReview.Announcement announcement) {
        try {
            notifications.announce(goLiveId, announcement.event(), announcement.message());
        } catch (RuntimeException e) {
            // a notification channel that is down must not stop the follow-up; the review is recorded anyway
            LOG.warn("[{}] {} could not be announced: {}", goLiveId, announcement.event(), e.getMessage());
        }
    }
}
