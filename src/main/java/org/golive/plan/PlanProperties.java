package org.golive.plan;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The release plan's settings, under {@code golive.plan.}.
 *
 * @param unlistedChanges what the readiness gate {@code modulePlan} makes of an installed module whose code changed but
 *                        that the manifest neither updates nor installs: {@code review} (default) leaves it to the
 *                        lead's gate review, who may waive it with a reason; {@code fail} stops the go-live
 * @param manifestCheckPrefixes environment name → addon name prefixes (e.g. {@code ipai_}) whose manifests in the
 *                        release image {@code modulePlan} checks ({@link ManifestCheck}); an environment without an
 *                        entry (the default) has none checked
 */
@ConfigurationProperties("golive.plan")
public record PlanProperties(@DefaultValue("review") UnlistedChanges unlistedChanges, Map<String, List<String>> manifestCheckPrefixes) {

    public enum UnlistedChanges { review, fail }

    public PlanProperties {
        if (unlistedChanges == null) {
            throw new IllegalArgumentException("golive.plan.unlisted-changes: review or fail");
        }
        manifestCheckPrefixes = manifestCheckPrefixes == null ? Map.of() : Map.copyOf(manifestCheckPrefixes);
        manifestCheckPrefixes.forEach((environment, prefixes) -> {
            if (prefixes == null || prefixes.stream().anyMatch(p -> p == null || p.isBlank())) {
                throw new IllegalArgumentException("golive.plan.manifest-check-prefixes." + environment + ": every prefix must be non-empty");
            }
        });
    }

    /** The prefixes of the environment's own addons, none when it has no entry. */
    public List<String> manifestCheckPrefixes(String environment) {
        return manifestCheckPrefixes.getOrDefault(environment, List.of());
    }
}
