package org.golive.engine;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.golive.config.JobLockGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the job locks of the steps this node runs, so the lock can be short. A step's lock (2 min by default)
 * is pushed a full lock ahead every heartbeat (a third of the lock by default) while the step runs here: a
 * 30-minute pg_dump keeps its step, and when the node dies, its step is free for another node within one lock,
 * not after the longest step could have ended.
 * <p>
 * Only the lock's expiry is written, in a statement of its own per job, and only where this node still holds
 * the lock: the revision stays as it is, because the running step deletes or updates its job by that revision
 * when it ends. If the lock ran out anyway (two missed beats: a frozen node, an unreachable database) and
 * another node took the job, the condition on the owner leaves it to that node, and of the two runs the engine
 * commits only one.
 */
@Component
public class JobLockHeartbeat extends AbstractProcessEnginePlugin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobLockHeartbeat.class);

    private final LiveJobs live = new LiveJobs();
    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "golive-job-lock-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ProcessEngineConfigurationImpl configuration;
    private volatile String extend;
    private volatile String owner;

    public JobLockHeartbeat(JdbcTemplate jdbc, JobLockGuard guard) {
        this.jdbc = jdbc;
        this.interval = guard.heartbeat();
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl engine) {
        this.configuration = engine;
        String table = (engine.getDatabaseTablePrefix() == null ? "" : engine.getDatabaseTablePrefix()) + "ACT_RU_JOB";
        this.extend = "UPDATE " + table + " SET LOCK_EXP_TIME_ = ? WHERE ID_ = ? AND LOCK_OWNER_ = ?";
        this.owner = "SELECT LOCK_OWNER_ FROM " + table + " WHERE ID_ = ?";
        engine.setDelegateInterceptor(new LiveJobTracking(engine.getDelegateInterceptor(), live));
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        scheduler.scheduleAtFixedRate(this::beatSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("job locks of running steps are extended every {} ms", interval.toMillis());
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            // the next beat tries again; two may fail before a lock runs out (JobLockGuard)
            LOG.warn("could not extend the job locks of the running steps: {}", e.toString());
        }
    }

    /** Extends the locks this node holds on its live jobs; returns how many it extended. */
    int beat() {
        List<String> ids = live.ids();
        JobExecutor jobExecutor = configuration == null ? null : configuration.getJobExecutor();
        if (ids.isEmpty() || jobExecutor == null) {
            return 0;
        }
        String lockOwner = jobExecutor.getLockOwner();
        Timestamp expiry = new Timestamp(ClockUtil.getCurrentTime().getTime() + jobExecutor.getLockTimeInMillis());
        int extended = 0;
        for (String id : ids) {
            if (jdbc.update(extend, expiry, id, lockOwner) == 1) {
                extended++;
            } else {
                warnIfTakenOver(id, lockOwner);
            }
        }
        return extended;
    }

    private void warnIfTakenOver(String id, String lockOwner) {
        // none: the job ended meanwhile, or it is a waiting one not locked by anyone
        List<String> owners = jdbc.queryForList(owner, String.class, id);
        if (!owners.isEmpty() && owners.get(0) != null && !owners.get(0).equals(lockOwner)) {
            LOG.warn("job {} runs here, but its lock ran out and '{}' took it: the step runs twice, and the engine keeps one end",
                    id, owners.get(0));
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
