package org.golive.evidence;

import org.golive.step.EvidenceLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.golive.config.GoliveProperties;
import org.springframework.stereotype.Service;

/**
 * The two documents a go-live leaves behind (checklist 001 §1.2, §8.3, §9.3), rendered from its evidence log:
 * {@code WHAT_SHIPPED.md} for people (release, digest, modules before → after, approvals, rollback) and
 * {@code GO_LIVE_MANIFEST.md}, the full record (every step with argv, exit codes, durations, digests, sizes;
 * every check; the backup; every decision). Both live in {@code <data-dir>/evidence/<goLiveId>/}.
 * <p>
 * Decisions and checks are recognised by their facts, not by task ids, so a new user task that records
 * {@code decision}, {@code decidedBy} or {@code signedBy} shows up without a change here.
 */
@Service
public class EvidenceDocuments {

    public static final String WHAT_SHIPPED = "WHAT_SHIPPED.md";
    public static final String GO_LIVE_MANIFEST = "GO_LIVE_MANIFEST.md";
    public static final List<String> NAMES = List.of(WHAT_SHIPPED, GO_LIVE_MANIFEST);

    /** The evidence step the rollback process records first; everything after it is the rollback. */
    static final String ROLLBACK_START = "rollback-start";

    private static final Set<String> ENTRY_KEYS = Set.of("at", "step", "result", "millis");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(passw|secret|token|credential|api[_-]?key|private[_-]?key).*");
    private static final Pattern SECRET_IN_TEXT = Pattern.compile(
            "(?i)\\b([A-Za-z_]*(?:passw(?:or)?d|secret|token|api[_-]?key)[A-Za-z_]*)(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&]+)");
    private static final Pattern URL_USERINFO = Pattern.compile("(://[^/\\s:@]+):[^@/\\s]+@");
    private static final Pattern CHECK_STEP = Pattern.compile("(?i).*(check|verify|validat|readiness|probe|backuprestore).*");
    private static final Pattern CODE_KEY = Pattern.compile("(?i).*(argv|sha256|digest|imageid|containerid|file|archive|container|image)$");
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

    /** A written document; empty when the go-live is unknown, the document not written yet, or the name not one of {@link #NAMES}. */
    public Optional<String> read(String goLiveId, String name) {
        if (!NAMES.contains(name) || goLiveId == null || !goLiveId.matches(GO_LIVE_ID)) {
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
        return entries.stream().anyMatch(e -> ROLLBACK_START.equals(e.get("step")));
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
        Record record = new Record(summary, entries);
        return new Documents(whatShipped(record), manifest(record));
    }

    // ---------------------------------------------------------------- WHAT_SHIPPED.md

    private static String whatShipped(Record r) {
        Summary s = r.summary;
        Md md = new Md();
        md.line("# What shipped: " + text(s.release()) + " on " + text(s.environment()));
        md.blank();
        md.line("Go-live " + code(s.goLiveId()) + " " + (r.outcome == Outcome.COMPLETED ? "shipped" : "did not ship") + " "
                + code(s.release()) + " to " + text(s.environment()) + ": **" + r.outcome.label() + "**.");
        md.blank();
        md.row("", "");
        md.row("---", "---");
        md.row("Release", code(s.release()));
        md.row("Image digest", r.imageDigest().map(EvidenceDocuments::code).orElse("not recorded"));
        md.row("Environment", text(s.environment()));
        md.row("Outcome", "**" + r.outcome.label() + "**" + reason(s.outcomeReason()));
        md.row("Started by", text(s.startedBy()));
        md.row("Started", instant(s.startedAt()));
        md.row("Ended", instant(s.endedAt()));
        md.row("Took", took(s.startedAt(), s.endedAt()));
        md.row("Restore point", r.backup().map(b -> "backup " + code(b.get("backupId")) + ", SHA-256 " + code(b.get("dumpSha256")))
                .orElse("no backup taken"));
        md.blank();

        md.line("## Modules");
        md.blank();
        modules(md, r);

        md.line("## Notes");
        md.blank();
        md.line(s.notes() == null || s.notes().isBlank() ? "None." : text(s.notes()));
        md.blank();

        md.line("## Approvals and decisions");
        md.blank();
        decisions(md, r);

        if (r.rolledBack()) {
            md.line("## Rollback");
            md.blank();
            rollbackSummary(md, r);
        }
        md.line("---");
        md.blank();
        md.line("_Generated by golive from the evidence of " + code(s.goLiveId()) + " (" + r.entries.size()
                + " entries). The full record is in GO_LIVE_MANIFEST.md._");
        return md.toString();
    }

    // ---------------------------------------------------------------- GO_LIVE_MANIFEST.md

    private static String manifest(Record r) {
        Summary s = r.summary;
        Md md = new Md();
        md.line("# Go-live manifest: " + text(s.goLiveId()));
        md.blank();
        md.line("The full record of go-live " + code(s.goLiveId()) + ", generated by golive from its evidence log ("
                + r.entries.size() + " entries). Times are UTC.");
        md.blank();

        md.line("## Summary");
        md.blank();
        md.row("", "");
        md.row("---", "---");
        md.row("Go-live", code(s.goLiveId()));
        md.row("Release", code(s.release()));
        md.row("Release tag", code(s.releaseTag()));
        md.row("Image digest", r.imageDigest().map(EvidenceDocuments::code).orElse("not recorded"));
        md.row("Image Id", r.imageFact("imageId").map(EvidenceDocuments::code).orElse("not recorded"));
        md.row("Registry digests", r.imageFact("repoDigests").filter(d -> !(d instanceof List<?> l && l.isEmpty()))
                .map(d -> value("repoDigests", d)).orElse("none (image not pulled from a registry)"));
        md.row("Environment", text(s.environment()));
        md.row("Install", s.install().isEmpty() ? "nothing" : list(s.install()));
        md.row("Update", s.update().isEmpty() ? "nothing" : list(s.update()));
        md.row("Outcome", "**" + r.outcome.label() + "**" + reason(s.outcomeReason()));
        md.row("Started by", text(s.startedBy()));
        md.row("Started", instant(s.startedAt()));
        md.row("Ended", instant(s.endedAt()));
        md.row("Took", took(s.startedAt(), s.endedAt()));
        md.blank();

        md.line("## Steps");
        md.blank();
        md.line("| # | at | step | result | duration |");
        md.line("| ---: | --- | --- | --- | ---: |");
        for (int i = 0; i < r.entries.size(); i++) {
            Map<String, Object> e = r.entries.get(i);
            md.line("| " + (i + 1) + " | " + cell(at(e)) + " | " + cell(code(str(e.get("step")))) + " | " + cell(result(e))
                    + " | " + cell(duration(e)) + " |");
        }
        md.blank();
        for (int i = 0; i < r.entries.size(); i++) {
            Map<String, Object> e = r.entries.get(i);
            md.line("### " + (i + 1) + ". " + code(str(e.get("step"))) + ": " + result(e));
            md.blank();
            md.line("- at: " + at(e));
            if (e.get("millis") != null) {
                md.line("- duration: " + duration(e));
            }
            facts(md, e);
            md.blank();
        }

        md.line("## Checks");
        md.blank();
        List<Map<String, Object>> checks = r.entries.stream().filter(EvidenceDocuments::isCheck).toList();
        if (checks.isEmpty()) {
            md.line("No checks ran.");
        } else {
            md.line("| at | check | step | result | duration | measured |");
            md.line("| --- | --- | --- | --- | ---: | --- |");
            for (Map<String, Object> e : checks) {
                md.line("| " + cell(at(e)) + " | " + cell(text(checkName(e))) + " | " + cell(code(str(e.get("step")))) + " | "
                        + cell(checkResult(e)) + " | " + cell(duration(e)) + " | " + cell(inlineFacts(e)) + " |");
            }
        }
        md.blank();

        md.line("## Backup");
        md.blank();
        backup(md, r);

        md.line("## Decisions");
        md.blank();
        decisions(md, r);

        md.line("## Module versions");
        md.blank();
        modules(md, r);

        md.line("## Rollback");
        md.blank();
        if (r.rolledBack()) {
            rollbackSummary(md, r);
        } else {
            md.line("No rollback.");
            md.blank();
        }
        return md.toString();
    }

    // ---------------------------------------------------------------- sections

    private static void modules(Md md, Record r) {
        Summary s = r.summary;
        Set<String> names = new LinkedHashSet<>(s.install());
        names.addAll(s.update());
        names.addAll(r.versionsBefore.keySet());
        names.addAll(r.versionsAfter.keySet());
        if (names.isEmpty()) {
            md.line("No modules to install or update.");
            md.blank();
            return;
        }
        boolean deployed = r.versionsAfter.size() > 0;
        md.line("| module | change | latest_version before | latest_version after |");
        md.line("| --- | --- | --- | --- |");
        for (String name : names) {
            String change = s.install().contains(name) ? (r.skipped.contains(name) ? "install (already installed)" : "install")
                    : s.update().contains(name) ? "update" : "changed";
            if (!r.versionsAfter.containsKey(name)) {
                change += ", not done";
            }
            md.line("| " + cell(code(name)) + " | " + change + " | " + cell(version(r.versionsBefore, name)) + " | "
                    + cell(version(r.versionsAfter, name)) + " |");
        }
        md.blank();
        md.line("_Versions are `latest_version` from `ir_module_module` of the target database, read before and after the Odoo CLI ran; "
                + "— means the module was not installed._");
        md.blank();
        if (r.rolledBack()) {
            md.line("> The go-live was rolled back: the database was restored from the pre-deploy backup, so none of "
                    + "these changes is live.");
            md.blank();
        } else if (!deployed && r.outcome != Outcome.COMPLETED) {
            md.line("> Nothing was deployed: the modules above were planned, not changed.");
            md.blank();
        }
    }

    private static void decisions(Md md, Record r) {
        List<Map<String, Object>> decisions = r.entries.stream().filter(EvidenceDocuments::isDecision).toList();
        if (decisions.isEmpty()) {
            md.line("No decisions recorded.");
            md.blank();
            return;
        }
        md.line("| when | task | who | role | decision | why |");
        md.line("| --- | --- | --- | --- | --- | --- |");
        for (Map<String, Object> e : decisions) {
            md.line("| " + cell(at(e)) + " | " + cell(code(str(e.get("step")))) + " | " + cell(text(who(e))) + " | "
                    + cell(text(first(e, "role", "group").orElse("—"))) + " | " + cell(text(decision(e))) + " | "
                    + cell(text(first(e, "reason", "comment", "comments", "why").orElse("—"))) + " |");
        }
        md.blank();
    }

    private static void backup(Md md, Record r) {
        Optional<Map<String, Object>> found = r.backup();
        if (found.isEmpty()) {
            md.line("No backup was taken: the go-live ended before the deployment started.");
            md.blank();
            return;
        }
        Map<String, Object> b = found.get();
        md.row("", "");
        md.row("---", "---");
        md.row("Backup id", code(str(b.get("backupId"))));
        md.row("Taken", at(b) + (b.get("millis") == null ? "" : " (" + duration(b) + ")"));
        md.row("Database", text(str(b.get("database"))));
        md.row("Dump", code(str(b.get("dumpFile"))));
        md.row("Dump size", bytes(b.get("dumpSizeBytes")));
        md.row("Dump SHA-256", code(str(b.get("dumpSha256"))));
        md.row("pg_dump", value("argv", b.get("argv")) + exit(b.get("exitCode")));
        md.row("pg_restore --list", b.get("pgRestoreListEntries") == null ? "not recorded"
                : "read " + b.get("pgRestoreListEntries") + " entries" + exit(b.get("pgRestoreListExitCode"))
                + (b.get("pgRestoreListArgv") == null ? "" : " " + value("argv", b.get("pgRestoreListArgv"))));
        md.row("Filestore archive", b.get("filestoreArchive") == null ? "none" : code(str(b.get("filestoreArchive"))));
        md.row("Filestore size", bytes(b.get("filestoreSizeBytes")));
        md.row("Filestore SHA-256", b.get("filestoreSha256") == null ? "not recorded" : code(str(b.get("filestoreSha256"))));
        md.row("Odoo image at backup time", b.get("runningImage") == null ? "not recorded" : code(str(b.get("runningImage"))));
        List<Map<String, Object>> restores = r.entries.stream().filter(EvidenceDocuments::isTestRestore).toList();
        md.row("Test restore", restores.isEmpty() ? "not run"
                : String.join("; ", restores.stream().map(e -> checkResult(e) + " at " + at(e)
                + (inlineFacts(e).isEmpty() ? "" : " (" + inlineFacts(e) + ")")).toList()));
        md.blank();
    }

    private static void rollbackSummary(Md md, Record r) {
        List<Map<String, Object>> steps = r.rollbackEntries();
        md.row("", "");
        md.row("---", "---");
        md.row("Why", text(Optional.ofNullable(r.summary.outcomeReason()).orElse("not recorded")));
        md.row("Started", steps.isEmpty() ? "not recorded" : at(steps.get(0)));
        md.row("Ended", steps.isEmpty() ? "not recorded" : at(steps.get(steps.size() - 1)));
        List<String> restored = new ArrayList<>();
        for (Map<String, Object> e : steps) {
            if (!"done".equals(e.get("result"))) {
                continue;
            }
            if (e.get("database") != null && e.get("dumpSha256") != null) {
                restored.add("database " + code(str(e.get("database"))) + " from backup " + code(str(e.get("backupId")))
                        + " (SHA-256 " + code(str(e.get("dumpSha256"))) + ")");
            } else if (e.get("filestoreArchive") != null) {
                restored.add("filestore from " + code(str(e.get("filestoreArchive"))));
            } else if (e.get("healthyAfterMillis") != null && e.get("image") != null) {
                restored.add("Odoo " + code(str(e.get("image"))) + ", healthy after " + human(num(e.get("healthyAfterMillis"))));
            }
        }
        md.row("What was restored", restored.isEmpty() ? "nothing restored" : String.join("; ", restored));
        md.blank();
        if (!steps.isEmpty()) {
            md.line("| at | step | result | duration |");
            md.line("| --- | --- | --- | ---: |");
            for (Map<String, Object> e : steps) {
                md.line("| " + cell(at(e)) + " | " + cell(code(str(e.get("step")))) + " | " + cell(result(e)) + " | "
                        + cell(duration(e)) + " |");
            }
            md.blank();
        }
    }

    /** Every fact of an entry as a bullet; argv and digests as code, sizes readable, lists of runs one per line. */
    private static void facts(Md md, Map<String, Object> e) {
        for (Map.Entry<String, Object> fact : e.entrySet()) {
            String key = fact.getKey();
            if (ENTRY_KEYS.contains(key)) {
                continue;
            }
            Object v = fact.getValue();
            if (v instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(x -> x instanceof Map<?, ?>)) {
                md.line("- " + text(key) + ":");
                for (Object item : list) {
                    md.line("  - " + run((Map<?, ?>) item));
                }
            } else if (!SECRET_KEY.matcher(key).matches() && v instanceof String s && s.contains("\n")) {
                md.line("- " + text(key) + ":");
                md.blank();
                md.line("  ~~~");
                for (String line : scrub(s).replace("~~~", "~ ~ ~").split("\n")) {
                    md.line("  " + line);
                }
                md.line("  ~~~");
                md.blank();
            } else {
                md.line("- " + text(key) + ": " + value(key, v));
            }
        }
    }

    /** A tool run ({@code argv}, {@code exitCode}, {@code millis}, …) on one line. */
    private static String run(Map<?, ?> run) {
        List<String> parts = new ArrayList<>();
        if (run.containsKey("argv")) {
            parts.add(value("argv", run.get("argv")));
        }
        if (run.containsKey("exitCode")) {
            parts.add("exit code " + run.get("exitCode"));
        }
        if (run.containsKey("millis")) {
            parts.add(human(num(run.get("millis"))));
        }
        run.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!Set.of("argv", "exitCode", "millis").contains(key)) {
                parts.add(text(key) + ": " + value(key, v));
            }
        });
        return String.join(", ", parts);
    }

    /** A check's measured facts on one line, for a table cell. */
    private static String inlineFacts(Map<String, Object> e) {
        List<String> parts = new ArrayList<>();
        e.forEach((key, v) -> {
            if (!ENTRY_KEYS.contains(key) && !"check".equals(key)) {
                parts.add(text(key) + ": " + (v instanceof String s && s.contains("\n") ? text(s.lines().findFirst().orElse("")) + " …" : value(key, v)));
            }
        });
        return String.join(", ", parts);
    }

    // ---------------------------------------------------------------- what an entry is

    static boolean isDecision(Map<String, Object> e) {
        return e.containsKey("decision") || e.containsKey("decidedBy") || e.containsKey("signedBy");
    }

    static boolean isCheck(Map<String, Object> e) {
        return !isDecision(e) && (e.containsKey("check") || CHECK_STEP.matcher(str(e.get("step"))).matches());
    }

    private static boolean isTestRestore(Map<String, Object> e) {
        return str(e.get("step")).toLowerCase(Locale.ROOT).contains("backuprestore")
                || str(e.get("check")).toLowerCase(Locale.ROOT).contains("backuprestore");
    }

    private static String checkName(Map<String, Object> e) {
        return e.get("check") != null ? str(e.get("check")) : str(e.get("step"));
    }

    private static String checkResult(Map<String, Object> e) {
        Object result = e.get("result");
        if (result == null) {
            return "recorded";
        }
        return switch (result.toString()) {
            case "done" -> "passed";
            case "failed" -> "**failed**";
            default -> text(result.toString());
        };
    }

    private static String who(Map<String, Object> e) {
        return first(e, "decidedBy", "signedBy", "approvedBy", "by").orElse("unknown");
    }

    private static String decision(Map<String, Object> e) {
        return first(e, "decision").orElse(e.containsKey("signedBy") ? "signed" : "—");
    }

    private static Optional<String> first(Map<String, Object> e, String... keys) {
        for (String key : keys) {
            Object v = e.get(key);
            if (v != null && !v.toString().isBlank()) {
                return Optional.of(SECRET_KEY.matcher(key).matches() ? "[redacted]" : v.toString());
            }
        }
        return Optional.empty();
    }

    private static String result(Map<String, Object> e) {
        Object result = e.get("result");
        if (result != null) {
            return "failed".equals(result) ? "**failed**" : text(result.toString());
        }
        return isDecision(e) ? "decided: " + text(decision(e)) : "recorded";
    }

    // ---------------------------------------------------------------- formatting

    private static String value(String key, Object v) {
        if (SECRET_KEY.matcher(key).matches()) {
            return "[redacted]";
        }
        if (v == null) {
            return "—";
        }
        if (key.toLowerCase(Locale.ROOT).endsWith("argv")) {
            return code(v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : v.toString());
        }
        if (key.endsWith("Bytes") && v instanceof Number) {
            return bytes(v);
        }
        if (v instanceof Map<?, ?> map) {
            List<String> pairs = new ArrayList<>();
            map.forEach((k, x) -> pairs.add(text(String.valueOf(k)) + " = " + value(String.valueOf(k), x)));
            return pairs.isEmpty() ? "none" : String.join(", ", pairs);
        }
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                return "none";
            }
            boolean asCode = CODE_KEY.matcher(key).matches() || key.toLowerCase(Locale.ROOT).contains("digest");
            return String.join(", ", list.stream().map(x -> asCode ? code(String.valueOf(x)) : text(String.valueOf(x))).toList());
        }
        if (key.toLowerCase(Locale.ROOT).contains("millis") && v instanceof Number n) {
            return human(n.longValue());
        }
        if (CODE_KEY.matcher(key).matches()) {
            return code(v.toString());
        }
        return text(v.toString());
    }

    private static String version(Map<String, String> versions, String name) {
        String v = versions.get(name);
        return v == null || "null".equals(v) || v.isBlank() ? "—" : code(v);
    }

    private static String list(List<String> names) {
        return String.join(", ", names.stream().map(EvidenceDocuments::code).toList());
    }

    private static String exit(Object exitCode) {
        return exitCode == null ? "" : ", exit code " + exitCode;
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + text(reason);
    }

    private static String at(Map<String, Object> e) {
        return e.get("at") == null ? "—" : text(e.get("at").toString());
    }

    private static String duration(Map<String, Object> e) {
        return e.get("millis") instanceof Number n ? human(n.longValue()) : "—";
    }

    private static String instant(Instant instant) {
        return instant == null ? "not recorded" : instant.toString();
    }

    private static String took(Instant from, Instant to) {
        return from == null || to == null ? "not recorded" : human(Duration.between(from, to).toMillis());
    }

    static String human(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    static String bytes(Object value) {
        if (!(value instanceof Number n)) {
            return value == null ? "not recorded" : text(value.toString());
        }
        long b = n.longValue();
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double size = b;
        int unit = -1;
        while (size >= 1024 && unit < units.length - 1) {
            size /= 1024;
            unit++;
        }
        return b + " bytes" + (unit < 0 ? "" : String.format(Locale.ROOT, " (%.1f %s)", size, units[unit]));
    }

    private static long num(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Secrets never reach the evidence log; this is the belt to those braces, for text that quotes a tool. */
    static String scrub(String text) {
        String out = SECRET_IN_TEXT.matcher(text).replaceAll("$1$2[redacted]");
        return URL_USERINFO.matcher(out).replaceAll("$1:[redacted]@");
    }

    /** Plain text for Markdown: no raw HTML, no accidental emphasis or links. */
    static String text(String value) {
        if (value == null) {
            return "—";
        }
        return scrub(value).replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("*", "\\*").replace("_", "\\_").replace("`", "\\`").replace("](", "]\\(")
                .replace("\r", "").replace("\n", " ");
    }

    static String code(Object value) {
        String s = scrub(str(value)).replace("\r", "").replace("\n", " ");
        if (s.isEmpty()) {
            return "—";
        }
        return s.contains("`") ? "`` " + s + " ``" : "`" + s + "`";
    }

    /** A Markdown fragment that has to stay in one table cell. */
    private static String cell(String markdown) {
        return markdown.replace("|", "\\|").replace("\n", " ");
    }

    // ---------------------------------------------------------------- the record, read once

    /** The evidence entries, sanitised and indexed for the sections. */
    private static final class Record {
        final Summary summary;
        final List<Map<String, Object>> entries;
        final Outcome outcome;
        final Map<String, String> versionsBefore = new LinkedHashMap<>();
        final Map<String, String> versionsAfter = new LinkedHashMap<>();
        final Set<String> skipped = new LinkedHashSet<>();

        Record(Summary summary, List<Map<String, Object>> entries) {
            this.summary = summary;
            this.entries = entries.stream().map(Record::sanitised).toList();
            this.outcome = summary.outcome() == null ? Outcome.COMPLETED : summary.outcome();
            for (Map<String, Object> e : this.entries) {
                // the first version seen before the release stays, the newest version after it wins
                if (e.get("versionsBefore") instanceof Map<?, ?> before) {
                    before.forEach((k, v) -> versionsBefore.putIfAbsent(String.valueOf(k), v == null ? null : v.toString()));
                }
                if (e.get("versionsAfter") instanceof Map<?, ?> after) {
                    after.forEach((k, v) -> versionsAfter.put(String.valueOf(k), v == null ? null : v.toString()));
                }
                if (e.get("skippedAlreadyInstalled") instanceof List<?> list) {
                    list.forEach(m -> skipped.add(String.valueOf(m)));
                }
            }
        }

        private static Map<String, Object> sanitised(Map<String, Object> entry) {
            Map<String, Object> clean = new LinkedHashMap<>();
            entry.forEach((k, v) -> clean.put(k, SECRET_KEY.matcher(k).matches() ? "[redacted]" : v));
            return clean;
        }

        boolean rolledBack() {
            return outcome == Outcome.ROLLED_BACK || rollbackRan(entries);
        }

        List<Map<String, Object>> rollbackEntries() {
            for (int i = 0; i < entries.size(); i++) {
                if (ROLLBACK_START.equals(entries.get(i).get("step"))) {
                    return entries.subList(i, entries.size());
                }
            }
            return List.of();
        }

        /** The verified pre-deploy backup: the last entry that names a dump and what pg_restore --list read of it. */
        Optional<Map<String, Object>> backup() {
            Map<String, Object> found = null;
            for (Map<String, Object> e : entries) {
                if (e.get("dumpSha256") != null && e.containsKey("pgRestoreListEntries") && "done".equals(e.get("result"))) {
                    found = e;
                }
            }
            return Optional.ofNullable(found);
        }

        /** The release image's digest: the deploy step's, else what the target check saw of the release image. */
        Optional<String> imageDigest() {
            return imageFact("imageDigest").or(() -> imageFact("imageId")).map(Object::toString);
        }

        Optional<Object> imageFact(String key) {
            Object found = null;
            for (Map<String, Object> e : entries) {
                if (e.get(key) != null && summary.release().equals(e.get("image"))) {
                    found = e.get(key);
                }
            }
            return Optional.ofNullable(found);
        }
    }

    /** Appends lines; a two-column table row is a line too. */
    private static final class Md {
        private final StringBuilder out = new StringBuilder();

        void line(String line) {
            out.append(line).append('\n');
        }

        void blank() {
            if (out.length() > 0 && !out.toString().endsWith("\n\n")) {
                out.append('\n');
            }
        }

        void row(String name, String value) {
            line("| " + cell(name) + " | " + cell(value) + " |");
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    private static Instant parseInstant(Object at) {
        try {
            return at == null ? null : Instant.parse(at.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
