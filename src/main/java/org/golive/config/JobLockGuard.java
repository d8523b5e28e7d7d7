package org.golive.config;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when a job lock could run out while a step still works: another node (or this one
 * after a restart) would then run the same step a second time, concurrently.
 */
@Component
public class JobLockGuard {

    public JobLockGuard(@Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long lockMillis,
                        GoliveProperties properties) {
        check(Duration.ofMillis(lockMillis), properties.steps().toolTimeout());
    }

    static void check(Duration lock, Duration toolTimeout) {
        if (lock.compareTo(toolTimeout) <= 0) {
            throw new IllegalStateException("camunda.bpm.job-execution.lock-time-in-millis (" + lock.toMillis()
                    + " ms) must be longer than golive.steps.tool-timeout (" + toolTimeout.toMillis()
                    + " ms), or a step still running could be started again elsewhere");
        }
    }
}
