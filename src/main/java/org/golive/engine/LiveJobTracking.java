package org.golive.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Marks a job live while one of its delegates runs: that is where a step spends its time (a pg_dump, an Odoo
 * CLI run). The engine's own delegate interceptor still does the invocation. Job handlers are not wrapped
 * instead, because the engine tells timer handlers apart by their class.
 */
final class LiveJobTracking implements DelegateInterceptor {

    private final DelegateInterceptor next;
    private final LiveJobs live;

    LiveJobTracking(DelegateInterceptor next, LiveJobs live) {
        this.next = next;
        this.live = live;
    }

    @Override
    public void handleInvocation(DelegateInvocation invocation) throws Exception {
        CommandContext command = Context.getCommandContext();
        JobEntity job = command == null ? null : command.getCurrentJob();
        if (job == null) {
            next.handleInvocation(invocation);
            return;
        }
        List<String> ids = new ArrayList<>();
        ids.add(job.getId());
        // a batch of one instance's exclusive jobs runs in this thread one after the other: those after this one
        // are as live as it is, and no other node may take them while it runs
        JobExecutorContext executor = Context.getJobExecutorContext();
        if (executor != null) {
            ids.addAll(executor.getCurrentProcessorJobQueue());
        }
        live.begin(ids);
        try {
            next.handleInvocation(invocation);
        } finally {
            live.end(ids);
        }
    }
}
