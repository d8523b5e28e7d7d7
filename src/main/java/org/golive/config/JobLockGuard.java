package org.golive.config;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when a job lock could run out while its step still works: another node would then run the
 * same step a second time, concurrently. A running step's lock is extended every heartbeat
 * ({@code org.golive.engine.JobLockHeartbeat}), so the lock only has to outlast a few heartbeats, not the
 * longest step; and a job must not wait unseen in a queue of the job executor, where nothing extends its lock.
 */
@Component
public class JobLockGuard {

    /** Beats per lock: two in a row may fail (a long GC pause, a slow database) before the lock runs out. */
    static final int BEATS_PER_LOCK = 3;

    private final Duration heartbeat;

    public JobLockGuard(@Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long lockMillis,
                        @Value("${camunda.bpm.job-execution.queue-capacity:3}") int queueCapacity,
                        GoliveProperties properties) {
        this.heartbeat = check(Duration.ofMillis(lockMillis), properties.steps().lockHeartbeat(), queueCapacity);
    }

    /** How often a node extends the locks of the steps it runs. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** The heartbeat to use: the configured one, or a third of the lock. */
    static Duration check(Duration lock, Duration configuredHeartbeat, int queueCapacity) {
        if (lock.toMillis() < BEATS_PER_LOCK) {
            throw new IllegalStateException("camunda.bpm.job-execution.lock-time-in-millis must be positive, was " + lock.toMillis());
        }
        Duration heartbeat = configuredHeartbeat == null ? lock.dividedBy(BEATS_PER_LOCK) : configuredHeartbeat;
        if (heartbeat.isZero() || heartbeat.isNegative()) {
            throw new IllegalStateException("golive.steps.lock-heartbeat must be positive, was " + heartbeat);
        }
        if (heartbeat.multipliedBy(BEATS_PER_LOCK).compareTo(lock) > 0) {
            throw new IllegalStateException("golive.steps.lock-heartbeat (" + heartbeat.toMillis() + " ms) must be at most a third of "
                    + "camunda.bpm.job-execution.lock-time-in-millis (" + lock.toMillis() + " ms), or one late beat could let "
                    + "another node start a step that still runs");
        }
        if (queueCapacity != 0) {
            throw new IllegalStateException("camunda.bpm.job-execution.queue-capacity must be 0, was " + queueCapacity
                    + ": a job queued behind busy threads has no heartbeat, its lock runs out and another node would run it too");
        }
        return heartbeat;
    }
}
