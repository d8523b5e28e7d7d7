package org.golive.engine;

import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Wakes the job executor at a timer's due time. A wake-up for a timer that is gone meanwhile (a task
 * completed before its escalation) costs one empty job acquisition. Timers made before a restart or by
 * another node are found by the job executor's own polling, as without this class.
 */
class TimerWakeUps implements AutoCloseable {

    /** The database keeps due dates to the millisecond: wake just after, so the timer counts as due. */
    private static final long AFTER_DUE_MILLIS = 2;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "golive-timer-wake-up");
        thread.setDaemon(true);
        return thread;
    });

    void at(Date duedate, JobExecutor jobExecutor) {
        long delay = Math.max(0, duedate.getTime() - ClockUtil.getCurrentTime().getTime()) + AFTER_DUE_MILLIS;
        scheduler.schedule(jobExecutor::jobWasAdded, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
