package org.golive.readiness;

import org.golive.config.Target;

/** What a gate checks: a release (image repository and tag) about to go live on an environment. */
public record GateRequest(Target environment, String imageRepository, String releaseTag, String goLiveId) {

    public GateRequest {
        if (environment == null) {
            throw new IllegalArgumentException("a readiness gate needs an environment");
        }
    }

    public String image() {
        return imageRepository + ":" + releaseTag;
    }
}
