package org.golive.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which backups of an environment stay: the newest {@code keepLast} finished ones, every one younger than
 * {@code keepYoungerThan}, and always the newest one that still verifies, however old (the only way back when
 * every newer one is damaged). A directory without a finished record is a dead attempt once it is older than
 * {@code keepYoungerThan}; younger, it may still be written. Applying a plan and planning again deletes nothing
 * more, so the step that applies it is safe to run twice.
 */
public record RetentionPolicy(int keepLast, Duration keepYoungerThan) {

    /** A backup directory: finished (it has a record) or not, its time, its bytes on disk. */
    public record Candidate(String id, Instant createdAt, boolean finished, long bytes) {
    }

    /** What a policy decided: each kept backup with why, and the ones to delete, both newest first. */
    public record Plan(Map<String, String> kept, List<Candidate> delete) {

        public long bytesToFree() {
            return delete.stream().mapToLong(Candidate::bytes).sum();
        }
    }

    public RetentionPolicy {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keep-last must be 1 or more, was " + keepLast);
        }
        keepYoungerThan = keepYoungerThan == null ? Duration.ZERO : keepYoungerThan;
    }

    /**
     * @param verified asked about finished backups newest first until one answers yes (it reads the files, so
     *                 it is asked as little as possible)
     */
    public Plan plan(List<Candidate> candidates, Instant now, Predicate<Candidate> verified) {
        List<Candidate> newestFirst = candidates.stream()
                .sorted(Comparator.comparing(Candidate::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        Instant youngAfter = now.minus(keepYoungerThan);
        Map<String, String> kept = new LinkedHashMap<>();
        int finished = 0;
        boolean verifiedFound = false;
        for (Candidate c : newestFirst) {
            List<String> reasons = new ArrayList<>();
            boolean young = c.createdAt() != null && c.createdAt().isAfter(youngAfter);
            if (c.finished()) {
                finished++;
                if (finished <= keepLast) {
                    reasons.add("one of the newest " + keepLast);
                }
                if (young) {
                    reasons.add("younger than " + keepYoungerThan);
                }
                if (!verifiedFound && verified.test(c)) {
                    verifiedFound = true;
                    reasons.add("newest verified");
                }
            } else if (young) {
                reasons.add("unfinished, younger than " + keepYoungerThan + ": may still be written");
            }
            if (!reasons.isEmpty()) {
                kept.put(c.id(), String.join(", ", reasons));
            }
        }
        List<Candidate> delete = newestFirst.stream().filter(c -> !kept.containsKey(c.id())).toList();
        return new Plan(kept, delete);
    }
}
