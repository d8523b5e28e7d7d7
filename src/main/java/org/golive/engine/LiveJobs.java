package org.golive.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs this node is running now, and those waiting behind them in the same job executor thread. Only
 * these have their locks extended: a job locked in this node's name that no thread works on (left by a
 * rejected hand-over, or from before a restart) must run out, so that a node with a free thread can take it.
 * Counted, because one job's delegate calls nest (a listener inside a step).
 */
final class LiveJobs {

    private final Map<String, Integer> running = new ConcurrentHashMap<>();

    void begin(Collection<String> jobIds) {
        for (String id : jobIds) {
            running.merge(id, 1, Integer::sum);
        }
    }

    void end(Collection<String> jobIds) {
        for (String id : jobIds) {
            running.computeIfPresent(id, (key, count) -> count > 1 ? count - 1 : null);
        }
    }

    List<String> ids() {
        return List.copyOf(running.keySet());
    }
}
