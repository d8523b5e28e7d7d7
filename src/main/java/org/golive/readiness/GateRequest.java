package org.golive.readiness;

import java.util.List;

import org.golive.config.Target;

/**
 * What a gate checks: a release (image repository and tag, the modules it installs and updates) about to go live
 * on an environment; {@code hotfixReason} is the manifest's reason when the release is a hotfix, else null.
 */
public record GateRequest(Target environment, String imageRepository, String releaseTag, String goLiveId, String hotfixReason,
                          List<String> install, List<String> update) {

    public GateRequest {
        if (environment == null) {
            throw new IllegalArgumentException("a readiness gate needs an environment");
        }
        hotfixReason = hotfixReason == null || hotfixReason.isBlank() ? null : hotfixReason;
        install = install == null ? List.of() : List.copyOf(install);
        update = update == null ? List.of() : List.copyOf(update);
    }

    /** A request for the gates that look at the image and the environment only. */
    public GateRequest(Target environment, String imageRepository, String releaseTag, String goLiveId) {
        this(environment, imageRepository, releaseTag, goLiveId, null, List.of(), List.of());
    }

    public GateRequest(Target environment, String imageRepository, String releaseTag, String goLiveId, String hotfixReason) {
        this(environment, imageRepository, releaseTag, goLiveId, hotfixReason, List.of(), List.of());
    }

    /** A request for the release plan's gates: the modules the manifest installs and updates. */
    public GateRequest(Target environment, String imageRepository, String releaseTag, String goLiveId,
                       List<String> install, List<String> update) {
        this(environment, imageRepository, releaseTag, goLiveId, null, install, update);
    }

    public String image() {
        return imageRepository + ":" + releaseTag;
    }
}
