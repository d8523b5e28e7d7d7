package org.golive.rehearsal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** golive's record of past rehearsals, as the readiness gate and the go/no-go form need it. */
public interface RehearsalHistory {

    /**
     * One rehearsal of a release: {@code finished} false while it runs; {@code failure} the failed step's message (a
     * failed Odoo run's ends with its log tail); the timings in milliseconds, null when not measured.
     */
    record Rehearsal(String rehearsalId, String processInstanceId, boolean finished, boolean passed, Instant endedAt,
                     String failure, Long odooCliMillis, Long startMillis) {
    }

    /** The most recently started rehearsal of exactly this release (image, tag, module lists) on the environment. */
    Optional<Rehearsal> latest(String environment, String imageRepository, String releaseTag, List<String> install, List<String> update);

    /** The most recent passed rehearsal of exactly this release on the environment. */
    Optional<Rehearsal> lastPassed(String environment, String imageRepository, String releaseTag, List<String> install,
                                   List<String> update);
}
