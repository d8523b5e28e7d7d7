package org.golive.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.golive.config.GoliveProperties;
import org.golive.step.EvidenceLog;
import org.springframework.stereotype.Service;

/**
 * The two documents a go-live leaves behind (checklist 001 §1.2, §8.3, §9.3), rendered from its evidence log:
 * {@code WHAT_SHIPPED.md} for people (release, digest, modules before → after, approvals, rollback) and
 * {@code GO_LIVE_MANIFEST.md}, the full record (every step with argv, exit codes, durations, digests, sizes;
 * every check; the backup; every decision). Both live in {@code <data-dir>/evidence/<goLiveId>/}.
 * <p>
 * This class stores and serves the files; {@link EvidenceCodec} reads the log into typed entries,
 * {@link WhatShippedDocument} and {@link GoLiveManifestDocument} render them.
 */
@Service
public class EvidenceDocuments {

    public static final String WHAT_SHIPPED = "WHAT_SHIPPED.md";
    public static final String GO_LIVE_MANIFEST = "GO_LIVE_MANIFEST.md";
    public static final List<String> NAMES = List.of(WHAT_SHIPPED, GO_LIVE_MANIFEST);
    /** A fleet's document, under the fleet id as a go-live's are under theirs (FleetSummaryDocument). */
    public static final String FLEET_SUMMARY = "FLEET_SUMMARY.md";
    /** Every document golive serves: a go-live's two and a fleet's summary. */
    public static final List<String> SERVED = List.of(WHAT_SHIPPED, GO_LIVE_MANIFEST, FLEET_SUMMARY);

    private static final String GO_LIVE_ID = "[A-Za-z0-9._-]+";

    /** How a go-live ended. */
    public enum Outcome {
        COMPLETED("completed"), ROLLED_BACK("rolled back"), CANCELLED("cancelled"), NOT_READY("not ready");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Accepts {@code completed}, {@code rolled-back}, {@code rolled back}, {@code ROLLED_BACK}, … */
        public static Outcome parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        }
    }

    /** What the process knows of a go-live that the evidence log does not say by itself. */
    public record Summary(String goLiveId, String environment, String imageRepository, String releaseTag,
                          List<String> install, List<String> update, String notes, String startedBy,
                          Instant startedAt, Instant endedAt, Outcome outcome, String outcomeReason) {
        public Summary {
            install = install == null ? List.of() : List.copyOf(install);
            update = update == null ? List.of() : List.copyOf(update);
        }

        String release() {
            return imageRepository + ":" + releaseTag;
        }
    }

    /** Both documents, as written. */
    public record Documents(String whatShipped, String goLiveManifest) {
        public String get(String name) {
            return WHAT_SHIPPED.equals(name) ? whatShipped : goLiveManifest;
        }
    }

    private final EvidenceLog evidence;
    private final Path directory;

    public EvidenceDocuments(EvidenceLog evidence, GoliveProperties properties) {
        this.evidence = evidence;
        this.directory = properties.dataDir().resolve("evidence");
    }

    /** Renders both documents from the go-live's evidence so far and (re)writes them. */
    public Documents write(Summary summary) {
        Documents documents = render(summary, evidence.entries(summary.goLiveId()));
        Path dir = directory(summary.goLiveId());
        try {
            Files.createDirectories(dir);
            for (String name : NAMES) {
                Path partial = dir.resolve(name + ".partial");
                Files.writeString(partial, documents.get(name), StandardCharsets.UTF_8);
                Files.move(partial, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence documents of " + summary.goLiveId(), e);
        }
        return documents;
    }

    /** Writes a fleet's summary (rewritten whole when the fleet writes it again after a retry). */
    public void writeFleetSummary(String fleetId, String markdown) {
        Path dir = directory(fleetId);
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(FLEET_SUMMARY + ".partial");
            Files.writeString(partial, markdown, StandardCharsets.UTF_8);
            Files.move(partial, dir.resolve(FLEET_SUMMARY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fleet summary of " + fleetId, e);
        }
    }

    /** A written document; empty when the go-live is unknown, the document not written yet, or the name not one of {@link #SERVED}. */
    public Optional<String> read(String goLiveId, String name) {
        if (!SERVED.contains(name) || goLiveId == null || !goLiveId.matches(GO_LIVE_ID)) {
            return Optional.empty();
        }
        Path file = directory(goLiveId).resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Whether golive has any evidence of this go-live at all. */
    public boolean known(String goLiveId) {
        return goLiveId != null && goLiveId.matches(GO_LIVE_ID) && evidence.exists(goLiveId);
    }

    /** Whether the evidence shows a rollback process started for this go-live. */
    public static boolean rollbackRan(List<Map<String, Object>> entries) {
        return EvidenceCodec.decode(entries).stream().anyMatch(e -> e instanceof EvidenceEntry.RollbackStart);
    }

    /** When the first entry was recorded, if any: the start of a go-live when nothing better is known. */
    public static Optional<Instant> firstRecorded(List<Map<String, Object>> entries) {
        return entries.isEmpty() ? Optional.empty() : Optional.ofNullable(parseInstant(entries.get(0).get("at")));
    }

    private Path directory(String goLiveId) {
        if (goLiveId == null || !goLiveId.matches(GO_LIVE_ID)) {
            throw new IllegalArgumentException("not a go-live id: " + goLiveId);
        }
        return directory.resolve(goLiveId);
    }

    /** Pure rendering: the same summary and entries give the same documents. */
    public Documents render(Summary summary, List<Map<String, Object>> entries) {
        GoLiveRecord record = new GoLiveRecord(summary, EvidenceCodec.decode(entries));
        return new Documents(WhatShippedDocument.render(record), GoLiveManifestDocument.render(record));
    }

    private static Instant parseInstant(Object at) {
        try {
            return at == null ? null : Instant.parse(at.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
