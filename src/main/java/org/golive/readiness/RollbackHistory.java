package org.golive.readiness;

import java.time.Instant;
import java.util.Optional;

/** golive's own record of past rollbacks, as far as the rollback rehearsal gate needs it. */
public interface RollbackHistory {

    /** A rollback that restored its environment (it reached the end "Rolled back"). */
    record CompletedRollback(String goLiveId, String processInstanceId, Instant endedAt) {
    }

    /** The most recent completed rollback of that environment. */
    Optional<CompletedRollback> lastCompleted(String environment);
}
