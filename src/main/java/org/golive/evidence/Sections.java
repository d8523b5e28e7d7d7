package org.golive.evidence;

import static org.golive.evidence.Facts.human;
import static org.golive.evidence.Markdown.cell;
import static org.golive.evidence.Markdown.code;
import static org.golive.evidence.Markdown.text;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.golive.evidence.EvidenceDocuments.Outcome;
import org.golive.evidence.EvidenceDocuments.Summary;
import org.golive.evidence.EvidenceEntry.Decision;
import org.golive.evidence.EvidenceEntry.OdooStart;
import org.golive.evidence.EvidenceEntry.Restore;
import org.golive.evidence.EvidenceEntry.Stamp;

/** The sections both documents share, and the cell formats they use. */
final class Sections {

    private Sections() {
    }

    static void modules(Markdown.Lines md, GoLiveRecord r) {
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
        } else if (r.versionsAfter.isEmpty() && r.outcome != Outcome.COMPLETED) {
            md.line("> Nothing was deployed: the modules above were planned, not changed.");
            md.blank();
        }
    }

    /** Every decision with the person who made it. */
    static void decisions(Markdown.Lines md, GoLiveRecord r) {
        List<Decision> decisions = r.all(Decision.class);
        if (decisions.isEmpty()) {
            md.line("No decisions recorded.");
            md.blank();
            return;
        }
        md.line("| when | task | who | role | decision | why |");
        md.line("| --- | --- | --- | --- | --- | --- |");
        for (Decision d : decisions) {
            md.line("| " + cell(at(d.stamp())) + " | " + cell(code(d.stamp().step())) + " | " + cell(text(d.by())) + " | "
                    + cell(text(orDash(d.role()))) + " | " + cell(text(orDash(d.decision()))) + " | "
                    + cell(text(orDash(d.reason()))) + " |");
        }
        md.blank();
    }

    static void rollback(Markdown.Lines md, GoLiveRecord r) {
        List<EvidenceEntry> steps = r.rollbackEntries();
        md.row("", "");
        md.row("---", "---");
        md.row("Why", text(Optional.ofNullable(FailureReason.headline(r.summary.outcomeReason())).orElse("not recorded")));
        md.row("Started", steps.isEmpty() ? "not recorded" : at(steps.get(0).stamp()));
        md.row("Ended", steps.isEmpty() ? "not recorded" : at(steps.get(steps.size() - 1).stamp()));
        List<String> restored = new ArrayList<>();
        for (EvidenceEntry e : steps) {
            if (!e.stamp().done()) {
                continue;
            }
            if (e instanceof Restore restore && restore.database() != null && restore.dumpSha256() != null) {
                restored.add("database " + code(restore.database()) + " from backup " + code(restore.backupId())
                        + " (SHA-256 " + code(restore.dumpSha256()) + ")");
            } else if (e instanceof Restore restore && restore.filestoreArchive() != null) {
                restored.add("filestore from " + code(restore.filestoreArchive()));
            } else if (e instanceof EvidenceEntry.RestorePointSwap swap) {
                restored.add(RestorePointSection.swapped(swap));
            } else if (e instanceof OdooStart start && start.healthyAfterMillis() != null && start.image() != null) {
                restored.add("Odoo " + code(start.image()) + ", healthy after " + human(start.healthyAfterMillis().longValue()));
            }
        }
        md.row("What was restored", restored.isEmpty() ? "nothing restored" : String.join("; ", restored));
        md.blank();
        if (!steps.isEmpty()) {
            md.line("| at | step | result | duration |");
            md.line("| --- | --- | --- | ---: |");
            for (EvidenceEntry e : steps) {
                md.line("| " + cell(at(e.stamp())) + " | " + cell(code(e.stamp().step())) + " | " + cell(result(e)) + " | "
                        + cell(duration(e.stamp())) + " |");
            }
            md.blank();
        }
    }

    /** How an entry ended: its result, a decision's choice, else recorded. */
    static String result(EvidenceEntry e) {
        Object result = e.stamp().result();
        if (result != null) {
            return "failed".equals(result) ? "**failed**" : text(result.toString());
        }
        return e instanceof Decision d ? "decided: " + text(orDash(d.decision())) : "recorded";
    }

    /** A check's result: done is passed. */
    static String checkResult(Stamp stamp) {
        Object result = stamp.result();
        if (result == null) {
            return "recorded";
        }
        return switch (result.toString()) {
            case "done" -> "passed";
            case "failed" -> "**failed**";
            default -> text(result.toString());
        };
    }

    static String outcome(GoLiveRecord r) {
        String reason = FailureReason.headline(r.summary.outcomeReason());
        return "**" + r.outcome.label() + "**" + (reason == null || reason.isBlank() ? "" : ": " + text(reason));
    }

    static String at(Stamp stamp) {
        return stamp.at() == null ? "—" : text(stamp.at());
    }

    static String duration(Stamp stamp) {
        return stamp.millis() == null ? "—" : human(stamp.millis().longValue());
    }

    static String instant(Instant instant) {
        return instant == null ? "not recorded" : instant.toString();
    }

    static String took(Instant from, Instant to) {
        return from == null || to == null ? "not recorded" : human(Duration.between(from, to).toMillis());
    }

    static String list(List<String> names) {
        return String.join(", ", names.stream().map(Markdown::code).toList());
    }

    static String exit(Object exitCode) {
        return exitCode == null ? "" : ", exit code " + exitCode;
    }

    private static String version(Map<String, String> versions, String name) {
        String v = versions.get(name);
        return v == null || "null".equals(v) || v.isBlank() ? "—" : code(v);
    }

    private static String orDash(String value) {
        return value == null ? "—" : value;
    }
}
