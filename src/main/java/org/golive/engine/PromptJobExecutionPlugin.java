package org.golive.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.springframework.stereotype.Component;

/**
 * Puts {@link PromptJobManager} in place of Camunda's job manager, so that a go-live's next step starts as
 * soon as it can: in a called instance without a round of job acquisition, after a timer when it is due.
 * docs/benchmark.md has the figures.
 */
@Component
public class PromptJobExecutionPlugin extends AbstractProcessEnginePlugin implements AutoCloseable {

    private final TimerWakeUps wakeUps = new TimerWakeUps();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return JobManager.class;
            }

            @Override
            public Session openSession() {
                return new PromptJobManager(wakeUps);
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    @Override
    public void close() {
        wakeUps.close();
    }
}
