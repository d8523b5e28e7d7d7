package org.golive.readiness;

import org.golive.config.Target;

/**
 * What a gate checks: a release (image repository and tag) about to go live on an environment; {@code hotfixReason}
 * is the manifest's reason when the release is a hotfix, else null.
 */
public record GateRequest(Target environment, String imageRepository, String releaseTag, String goLiveId, String hotfixReason) {

    public GateRequest {
        if (environment == null) {
            throw new IllegalArgumentException("a readiness gate needs an environment");
        }
        hotfixReason = hotfixReason == null || hotfixReason.isBlank() ? null : hotfixReason;
    }

    public GateRequest(Target environment, String imageRepository, String releaseTag, String goLiveId) {
        this(environment, imageRepository, releaseTag, goLiveId, null);
    }

    public String image() {
        return imageRepository + ":" + releaseTag;
    }
}
