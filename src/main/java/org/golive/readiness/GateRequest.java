package org.golive.readiness;

import java.util.List;

/**
 * What a gate checks: a release (image repository and tag, the modules it installs and updates) about to go live
 * on an environment.
 */
public record GateRequest(String environment, String imageRepository, String releaseTag, String goLiveId,
                          List<String> install, List<String> update) {

    public GateRequest {
        if (environment == null || environment.isBlank()) {
            throw new IllegalArgumentException("a readiness gate needs an environment");
        }
        install = install == null ? List.of() : List.copyOf(install);
        update = update == null ? List.of() : List.copyOf(update);
    }

    /** A request for the gates that look at the image and the environment only. */
    public GateRequest(String environment, String imageRepository, String releaseTag, String goLiveId) {
        this(environment, imageRepository, releaseTag, goLiveId, List.of(), List.of());
    }

    public String image() {
        return imageRepository + ":" + releaseTag;
    }
}
