package org.golive.evidence;

import static org.golive.evidence.Markdown.code;
import static org.golive.evidence.Markdown.text;

import java.util.Map;

import org.golive.evidence.EvidenceEntry.Gate;
import org.golive.evidence.EvidenceEntry.Start;

/**
 * The change-control facts of a go-live for WHAT_SHIPPED.md: the change ticket and hotfix reason of its manifest
 * (recorded at the start) and what the change-freeze gate found.
 */
final class ChangeControl {

    private ChangeControl() {
    }

    /** Whether the go-live's start recorded change control at all: logs from before it render as they did. */
    static boolean recorded(GoLiveRecord r) {
        return startFact(r, "changeTicket") != null || startFact(r, "hotfixReason") != null;
    }

    static String change(GoLiveRecord r) {
        Object ticket = startFact(r, "changeTicket");
        return ticket == null || ticket.toString().isBlank() ? "none named" : code(ticket);
    }

    /** "no", or the reason, with the freeze window it went through when it did. */
    static String hotfix(GoLiveRecord r) {
        Object reason = startFact(r, "hotfixReason");
        if (reason == null || reason.toString().isBlank()) {
            return "no";
        }
        String line = "yes: " + text(reason.toString());
        for (Gate gate : r.all(Gate.class)) {
            Map<String, Object> facts = gate.stamp().facts();
            if ("changeFreeze".equals(gate.gate()) && facts != null && facts.get("freezeReason") != null) {
                line += " (inside the change freeze " + text(facts.get("freezeStart") + " – " + facts.get("freezeEnd")) + ": "
                        + text(String.valueOf(facts.get("freezeReason"))) + ")";
            }
        }
        return line;
    }

    private static Object startFact(GoLiveRecord r, String name) {
        for (Start start : r.all(Start.class)) {
            Map<String, Object> facts = start.stamp().facts();
            if (facts != null && facts.get(name) != null) {
                return facts.get(name);
            }
        }
        return null;
    }
}
