package org.golive.evidence;

import java.time.Instant;
import java.util.Collection;

/**
 * {@code FLEET_SUMMARY.md}: one release, every environment of the fleet with its wave, how its go-live ended
 * (completed, rolled back, another stop, or not started) and its go-live id, where that go-live's own documents are.
 */
public final class FleetSummaryDocument {

    /** How one environment of a fleet ended. */
    public record EnvironmentOutcome(int wave, String environment, String outcome, String goLiveId) {
        public static final String NOT_STARTED = "not started";

        /** completed, rolled back, not started, or the go-live's own stop (not-ready, target-unreachable, …) as it said. */
        public String label() {
            return "rolled-back".equals(outcome) ? "rolled back" : outcome;
        }
    }

    /**
     * What the fleet itself knows: its id, release, who started it, who signed it off, the lead's go/no-go for the whole
     * fleet (who, what, why; empty when the fleet ended before it), how it ended.
     */
    public record Fleet(String fleetId, String release, String startedBy, String signedOffBy, String authorizedBy, String outcome,
                        String decisions, Instant writtenAt) {
    }

    private FleetSummaryDocument() {
    }

    public static String render(Fleet fleet, Collection<EnvironmentOutcome> outcomes) {
        StringBuilder md = new StringBuilder();
        md.append("# Fleet summary: ").append(Markdown.text(fleet.fleetId())).append("\n\n");
        md.append("- Release: ").append(Markdown.code(fleet.release())).append('\n');
        md.append("- Started by: ").append(Markdown.text(fleet.startedBy())).append('\n');
        md.append("- Signed off by: ").append(Markdown.text(fleet.signedOffBy())).append('\n');
        md.append("- Go/no-go for the fleet: ").append(fleet.authorizedBy() == null || fleet.authorizedBy().isBlank() ? "not decided"
                : Markdown.text(fleet.authorizedBy())).append('\n');
        md.append("- Outcome: ").append(Markdown.text(fleet.outcome())).append('\n');
        if (fleet.decisions() != null && !fleet.decisions().isBlank()) {
            md.append("- Lead's decisions: ").append(Markdown.text(fleet.decisions())).append('\n');
        }
        md.append("- Written: ").append(fleet.writtenAt()).append("\n\n");
        long completed = outcomes.stream().filter(o -> "completed".equals(o.outcome())).count();
        md.append(completed).append(" of ").append(outcomes.size()).append(" environments completed.\n\n");
        md.append("| wave | environment | outcome | go-live id |\n| --- | --- | --- | --- |\n");
        for (EnvironmentOutcome o : outcomes) {
            md.append("| ").append(o.wave()).append(" | ").append(Markdown.cell(Markdown.text(o.environment()))).append(" | ")
                    .append(Markdown.cell(Markdown.text(o.label()))).append(" | ")
                    .append(o.goLiveId().isEmpty() ? "—" : Markdown.cell(Markdown.code(o.goLiveId()))).append(" |\n");
        }
        md.append("\nEach go-live's own `WHAT_SHIPPED.md` and `GO_LIVE_MANIFEST.md` are under `/api/go-lives/<go-live id>/documents`.\n");
        return md.toString();
    }
}
