package org.golive.readiness;

import java.time.Instant;
import java.util.Optional;

/** golive's own record of past go-lives, as far as the readiness gates need it. */
public interface GoLiveHistory {

    /** A go-live that completed, that is passed validation and hypercare without a rollback. */
    record SuccessfulGoLive(String goLiveId, String processInstanceId, Instant endedAt) {
    }

    /** The most recent successful go-live of {@code imageRepository:releaseTag} on that environment. */
    Optional<SuccessfulGoLive> lastSuccessful(String environment, String imageRepository, String releaseTag);

    /** The most recent successful go-live of any release on that environment. */
    Optional<SuccessfulGoLive> lastSuccessful(String environment);
}
