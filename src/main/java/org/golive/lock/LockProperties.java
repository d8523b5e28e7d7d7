package org.golive.lock;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far a go-live's lock reaches, per environment under {@code golive.lock.environments.<environment>.}.
 *
 * <p>{@code lock-staging}: a go-live on the environment also holds the staging environment
 * ({@code golive.readiness.staging-environment}) until it ends, so nobody deploys to where the release was tested
 * while it goes live. Off by default: a go-live on staging still in its hypercare would then refuse the production
 * go-live (409), which a team has to choose knowingly.
 */
@ConfigurationProperties("golive.lock")
public record LockProperties(Map<String, EnvironmentLocking> environments) {

    public LockProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
    }

    public boolean locksStaging(String environment) {
        EnvironmentLocking locking = environments.get(environment);
        return locking != null && locking.lockStaging();
    }

    public record EnvironmentLocking(@DefaultValue("false") boolean lockStaging) {
    }
}
