package org.golive.evidence;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.golive.evidence.EvidenceEntry.Decision;
import org.golive.evidence.EvidenceEntry.Gate;
import org.golive.evidence.EvidenceEntry.OdooStart;
import org.golive.evidence.EvidenceEntry.Readiness;
import org.golive.evidence.EvidenceEntry.Stamp;
import org.golive.step.VariableText;

/**
 * What the lead decides on at go/no-go, read from the go-live's own evidence log: each readiness gate's last
 * result, how the readiness check ended and who accepted what, and each sign-off with who, when and why. It
 * is read from the log rather than from process variables because the gates and sign-offs ran in called
 * instances whose variables the go-live does not see.
 */
public final class GoNoGoBriefing {

    /**
     * The engine keeps a String variable in 4000 characters: a line is cut to {@link #LINE} and the field to
     * {@link #FIELD}, saying so; the full summaries are in the evidence and GO_LIVE_MANIFEST.md.
     */
    static final int LINE = 220;
    static final int FIELD = VariableText.MAX;

    /** The task step that opens the window: from its end Odoo is down until Odoo answers again. */
    static final String MAINTENANCE_STEP = "Task_EnableMaintenance";

    private final List<EvidenceEntry> entries;

    private GoNoGoBriefing(List<EvidenceEntry> entries) {
        this.entries = entries;
    }

    public static GoNoGoBriefing of(List<Map<String, Object>> evidenceLines) {
        return new GoNoGoBriefing(EvidenceCodec.decode(evidenceLines));
    }

    /** One line per gate (its last result, as a retried gate writes more than once), then the readiness outcome. */
    public String gates() {
        Map<String, Gate> last = new LinkedHashMap<>();
        entries.stream().filter(Gate.class::isInstance).map(Gate.class::cast)
                .filter(g -> g.gate() != null).forEach(g -> last.put(g.gate(), g));
        List<String> lines = new ArrayList<>();
        last.values().forEach(g -> lines.add(g.gate() + ": " + (g.status() == null ? "not recorded" : g.status())
                + (g.summary() == null || g.summary().isBlank() ? "" : ": " + g.summary())));
        entries.stream().filter(Decision.class::isInstance).map(Decision.class::cast)
                .filter(d -> d.stamp().step() != null && d.stamp().step().startsWith("UserTask_ReviewInconclusiveGates"))
                .forEach(d -> lines.add("Inconclusive gates " + d.decision() + " by " + d.by() + " at " + d.stamp().at()
                        + (d.reason() == null ? "" : ": " + d.reason())));
        entries.stream().filter(Readiness.class::isInstance).map(Readiness.class::cast).reduce((a, b) -> b)
                .ifPresent(r -> lines.add("Readiness: " + r.outcome() + (r.reason() == null ? "" : " (" + r.reason() + ")")));
        return lines.isEmpty() ? "no readiness gate recorded for this go-live" : fit(lines);
    }

    /** One gate's last result as "status: summary", if it ran in this go-live. */
    public Optional<String> gate(String name) {
        return entries.stream().filter(Gate.class::isInstance).map(Gate.class::cast)
                .filter(g -> name.equals(g.gate())).reduce((a, b) -> b)
                .map(g -> g.status() + (g.summary() == null || g.summary().isBlank() ? "" : ": " + g.summary()));
    }

    /** One line per sign-off: role, decision, who, when, and the comment when there is one. */
    public String signOffs() {
        List<String> lines = entries.stream().filter(Decision.class::isInstance).map(Decision.class::cast)
                .filter(d -> d.role() != null && d.stamp().step() != null && d.stamp().step().startsWith("UserTask_SignOff"))
                .map(d -> d.role() + ": " + d.decision() + " by " + d.by() + " at " + d.stamp().at()
                        + (d.reason() == null || d.reason().isBlank() ? "" : ": " + d.reason()))
                .toList();
        return lines.isEmpty() ? "no sign-off recorded for this go-live" : fit(lines);
    }

    /**
     * How long this go-live's window kept Odoo down: from the start of maintenance on to the first time Odoo
     * answered after it. Empty when the log has no complete window.
     */
    public Optional<Duration> downtime() {
        Instant down = null;
        for (EvidenceEntry e : entries) {
            if (down == null && MAINTENANCE_STEP.equals(e.stamp().step()) && e.stamp().done()) {
                // the entry is written when the step ends; Odoo stops inside it, so the window opens at its start
                Instant end = instant(e.stamp());
                down = end == null || e.stamp().millis() == null ? end : end.minusMillis(e.stamp().millis().longValue());
            } else if (down != null && e instanceof OdooStart start && start.stamp().done()) {
                Instant up = instant(start.stamp());
                return up == null ? Optional.empty() : Optional.of(Duration.between(down, up));
            }
        }
        return Optional.empty();
    }

    /** The lines, each and all within what a String variable holds. */
    public static String fit(List<String> lines) {
        return VariableText.lines(lines, LINE, "… (cut: the full record is in the evidence and GO_LIVE_MANIFEST.md)");
    }

    private static Instant instant(Stamp stamp) {
        try {
            return stamp.at() == null ? null : Instant.parse(stamp.at());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
