package org.golive.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.JobQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.golive.config.GoliveProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives this node a stable name as job lock owner, and when it starts, takes back the steps it was running
 * when it stopped.
 * <p>
 * Camunda names its job executor with a random id at every start. A step that was running when the node was
 * killed stays locked in the dead node's name until the lock runs out ({@link JobLockHeartbeat}: one short
 * lock, 2 min by default), and the go-live stands still that long in the middle of its maintenance window.
 * A node that has just started runs no job yet, so any lock in its own name is left from before: released,
 * the job executor takes the step again at once (every step is safe to run twice).
 * <p>
 * Runs when the HTTP server has bound its port (two live processes on one host cannot share it, so the
 * default name {@code <host>:<port>} is unique among them) and before the job executor starts, which the
 * Camunda starter does once the application is ready.
 */
@Component
public class NodeJobLocks {

    private static final Logger LOG = LoggerFactory.getLogger(NodeJobLocks.class);

    private final ProcessEngineConfigurationImpl engine;
    private final String configuredNodeId;

    public NodeJobLocks(ProcessEngineConfigurationImpl engine, GoliveProperties properties) {
        this.engine = engine;
        this.configuredNodeId = properties.nodeId();
    }

    @EventListener
    public void onWebServerStarted(WebServerInitializedEvent event) {
        // a separate management server (actuator on its own port) starts the same event under a namespace
        if (event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        JobExecutor jobExecutor = engine.getJobExecutor();
        if (jobExecutor == null) {
            return;
        }
        if (jobExecutor.isActive()) {
            // whatever it has locked under its name now, it is running: nothing here is left from before
            LOG.warn("job executor already running as '{}'; job locks of an earlier run are left to run out", jobExecutor.getLockOwner());
            return;
        }
        String node = nodeId(configuredNodeId, event.getWebServer().getPort());
        jobExecutor.setLockOwner(node);
        List<String> released = releaseLocksOf(node);
        if (released.isEmpty()) {
            LOG.info("job lock owner: '{}'", node);
        } else {
            LOG.info("job lock owner: '{}'; released the locks it held before it stopped, to run again now: {}", node, released);
        }
    }

    /**
     * Unlocks the jobs locked in this name. Only call while no job executor of that name runs: a job it is
     * running would otherwise run a second time. Returns the activities of the released jobs.
     */
    public List<String> releaseLocksOf(String owner) {
        // one transaction: the lock owner is read where the lock is released
        return engine.getCommandExecutorTxRequired().execute(context -> {
            List<String> released = new ArrayList<>();
            for (Job job : context.getJobManager().findJobsByQueryCriteria((JobQueryImpl) new JobQueryImpl().acquired(), null)) {
                JobEntity locked = (JobEntity) job;
                if (owner.equals(locked.getLockOwner())) {
                    locked.unlock();
                    released.add(locked.getActivityId() == null ? locked.getId() : locked.getActivityId());
                }
            }
            return released;
        });
    }

    /** The configured name, or {@code <host name>:<HTTP port>}. */
    static String nodeId(String configured, int port) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return hostName() + ":" + port;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String name = Files.readString(etc).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
