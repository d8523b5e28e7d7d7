package org.golive.evidence;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.golive.evidence.EvidenceDocuments.Outcome;
import org.golive.evidence.EvidenceDocuments.Summary;
import org.golive.evidence.EvidenceEntry.Backup;
import org.golive.evidence.EvidenceEntry.Check;
import org.golive.evidence.EvidenceEntry.ContainerSwap;
import org.golive.evidence.EvidenceEntry.ImageSeen;
import org.golive.evidence.EvidenceEntry.ModuleRun;
import org.golive.evidence.EvidenceEntry.RestorePoint;
import org.golive.evidence.EvidenceEntry.RollbackStart;

/** A go-live's summary and its evidence entries, read once and indexed for the documents' sections. */
final class GoLiveRecord {

    final Summary summary;
    final List<EvidenceEntry> entries;
    final Outcome outcome;
    final Map<String, String> versionsBefore = new LinkedHashMap<>();
    final Map<String, String> versionsAfter = new LinkedHashMap<>();
    final Set<String> skipped = new LinkedHashSet<>();

    GoLiveRecord(Summary summary, List<EvidenceEntry> entries) {
        this.summary = summary;
        this.entries = entries;
        this.outcome = summary.outcome() == null ? Outcome.COMPLETED : summary.outcome();
        for (EvidenceEntry e : entries) {
            if (e instanceof ModuleRun run) {
                // the first version seen before the release stays, the newest version after it wins
                run.versionsBefore().forEach(versionsBefore::putIfAbsent);
                versionsAfter.putAll(run.versionsAfter());
                skipped.addAll(run.skippedAlreadyInstalled());
            }
        }
    }

    <T extends EvidenceEntry> List<T> all(Class<T> kind) {
        return entries.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    boolean rolledBack() {
        return outcome == Outcome.ROLLED_BACK || entries.stream().anyMatch(e -> e instanceof RollbackStart);
    }

    /** The rollback's entries: from its start to the end of the log. */
    List<EvidenceEntry> rollbackEntries() {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof RollbackStart) {
                return entries.subList(i, entries.size());
            }
        }
        return List.of();
    }

    /**
     * The performance baseline (checklist 000 Week 2-4): the figures of the last latency probe that measured, which
     * after hypercare is the last hypercare validation's ({@code Task_ProbeLatency} of {@code validate-release}).
     */
    Optional<Check> performanceBaseline() {
        Check found = null;
        for (Check check : all(Check.class)) {
            if ("LATENCY".equalsIgnoreCase(check.name()) && check.stamp().facts().get("p95Millis") != null) {
                found = check;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The restore point: the last verified backup, taken before the deployment or checked after it. */
    Optional<Backup> backup() {
        Backup found = null;
        for (EvidenceEntry e : entries) {
            Backup b = e instanceof Backup backup ? backup : e instanceof Check check ? check.restorePoint()
                    : e instanceof RestorePoint point ? point.backup() : null;
            if (b != null && b.verified()) {
                found = b;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The restore point taken inside the window, when this go-live's evidence names one (logs before snapshots do not). */
    Optional<RestorePoint> restorePoint() {
        RestorePoint found = null;
        for (EvidenceEntry e : entries) {
            if (e instanceof RestorePoint point && point.stamp().done()) {
                found = point;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The release image's digest: the deploy step's, else what the target check saw of the release image. */
    Optional<String> imageDigest() {
        return imageFact(ImageSeen::imageDigest).or(() -> imageFact(ImageSeen::imageId)).map(Object::toString);
    }

    /** The last value an entry saw of the release image. */
    Optional<Object> imageFact(Function<ImageSeen, Object> fact) {
        Object found = null;
        for (EvidenceEntry e : entries) {
            ImageSeen seen = e instanceof ContainerSwap swap ? swap.image() : e instanceof Check check ? check.image() : null;
            if (seen != null && fact.apply(seen) != null && summary.release().equals(seen.image())) {
                found = fact.apply(seen);
            }
        }
        return Optional.ofNullable(found);
    }
}
