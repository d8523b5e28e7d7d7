package org.golive.plan;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The release plan's settings, under {@code golive.plan.}.
 *
 * @param unlistedChanges what the readiness gate {@code modulePlan} makes of an installed module whose code changed but
 *                        that the manifest neither updates nor installs: {@code review} (default) leaves it to the
 *                        lead's gate review, who may waive it with a reason; {@code fail} stops the go-live
 */
@ConfigurationProperties("golive.plan")
public record PlanProperties(@DefaultValue("review") UnlistedChanges unlistedChanges) {

    public enum UnlistedChanges { review, fail }

    public PlanProperties {
        if (unlistedChanges == null) {
            throw new IllegalArgumentException("golive.plan.unlisted-changes: review or fail");
        }
    }
}
