package org.golive.engine;

import java.util.Date;
import java.util.Objects;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;

/**
 * Camunda's job manager with two hints its job executor does not give itself.
 * <ul>
 * <li>A step that continues in a called instance (a call activity's first step, or the caller's step after
 * the called instance ended) is handed to the thread that just finished, as Camunda already does for steps
 * of one instance. Otherwise it waits for a round of job acquisition: a query, a lock and a commit.</li>
 * <li>A timer wakes the job executor when it is due, instead of waiting for the next idle poll, which comes
 * up to {@code max-wait} later.</li>
 * </ul>
 */
class PromptJobManager extends JobManager {

    private final TimerWakeUps wakeUps;

    PromptJobManager(TimerWakeUps wakeUps) {
        this.wakeUps = wakeUps;
    }

    /**
     * The job the current thread executes is locked by this node; a due, exclusive job created by it in the
     * same process hierarchy is locked too and runs right after, in order, as one instance's steps do.
     */
    @Override
    protected boolean areInSameProcessInstance(JobEntity job1, JobEntity job2) {
        if (super.areInSameProcessInstance(job1, job2)) {
            return true;
        }
        return job1 != null && job2 != null && job1.getRootProcessInstanceId() != null
                && Objects.equals(job1.getRootProcessInstanceId(), job2.getRootProcessInstanceId());
    }

    @Override
    public void schedule(TimerEntity timer) {
        super.schedule(timer);
        wakeUpWhenDue(timer.getDuedate());
    }

    @Override
    public void reschedule(JobEntity job, Date newDuedate) {
        super.reschedule(job, newDuedate);
        wakeUpWhenDue(newDuedate);
    }

    private void wakeUpWhenDue(Date duedate) {
        JobExecutor jobExecutor = Context.getProcessEngineConfiguration().getJobExecutor();
        if (duedate == null || jobExecutor == null || !jobExecutor.isActive()) {
            return;
        }
        // only once the timer is committed: woken earlier, the job executor would not see it
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                context -> wakeUps.at(duedate, jobExecutor));
    }
}
