package org.golive.evidence;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The deliberate differences between documents rendered before and after typed evidence (issue 10, point 5),
 * each a rule that says whether it explains one changed line. Nothing else may differ.
 */
enum Fix {
    /** {@code >}, {@code <} and {@code &} were written as HTML entities; now Markdown escapes only what Markdown would misread. */
    MARKDOWN_NOT_HTML,
    /** The gate review's reviewer was shown as {@code unknown}: the documents did not read {@code reviewedBy}. */
    REVIEWER_NAMED,
    /** A consider-rollback decision showed {@code —}: its choice is the decision. */
    ROLLBACK_CHOICE_NAMED,
    /**
     * The readiness attestation and the handover are decisions with their person (the attestation used to sit
     * among the checks, the handover nowhere but the steps).
     */
    ATTESTATION_AND_HANDOVER_ARE_DECISIONS,
    /** The Outcome and Why cells held the whole Odoo log; now the decisive line, and the log goes to the manifest. */
    FAILURE_HEADLINE;

    private static final Pattern DECIDED_TASK = Pattern.compile(".*`(UserTask_AttestReadiness|UserTask_HandOverToOperations)`.*");

    /** The fix that turns {@code old} into {@code now}, if any. */
    static Fix changing(String old, String now) {
        String escaped = markdown(old);
        if (escaped.equals(now)) {
            return MARKDOWN_NOT_HTML;
        }
        if (escaped.contains("`UserTask_ReviewInconclusiveGates` | unknown |") && !now.contains("| unknown |")
                && cellsDifferOnlyAt(escaped, now, 2)) {
            return REVIEWER_NAMED;
        }
        if (escaped.contains("`UserTask_ConsiderRollback`")
                && (cellsDifferOnlyAt(escaped, now, 4) && escaped.contains("| — | — |")
                || escaped.endsWith("decided: —") && now.startsWith(escaped.substring(0, escaped.length() - 1))
                || escaped.contains("| decided: — |") && now.matches(Pattern.quote(escaped.substring(0, escaped.indexOf("decided: — |")))
                + "decided: \\w+ \\|.*"))) {
            return ROLLBACK_CHOICE_NAMED;
        }
        if (DECIDED_TASK.matcher(old).matches() && (old.endsWith(": recorded") || old.contains("| recorded |"))
                && now.replaceFirst("decided: [^|]*?( \\||$)", "recorded$1").equals(old)) {
            return ATTESTATION_AND_HANDOVER_ARE_DECISIONS;
        }
        for (String row : List.of("| Outcome | ", "| Why | ")) {
            if (old.startsWith(row) && now.startsWith(row) && now.contains(" — ")) {
                String head = now.substring(0, now.indexOf(" — "));
                if (escaped.startsWith(head + " ")) {
                    return FAILURE_HEADLINE;
                }
            }
        }
        return null;
    }

    /** The fix that explains a line the new documents no longer have. */
    static Fix removing(String old) {
        if (old.equals("No decisions recorded.")) {
            return ATTESTATION_AND_HANDOVER_ARE_DECISIONS;
        }
        if (old.matches("\\| [^|]+ \\| UserTask\\\\_AttestReadiness \\| `UserTask_AttestReadiness` \\| recorded \\|.*")) {
            return ATTESTATION_AND_HANDOVER_ARE_DECISIONS;
        }
        return null;
    }

    /** The fix that explains a line only the new documents have; {@code inFence} tracks the failure's fenced block. */
    static Fix adding(String now, boolean[] inFence) {
        if (now.equals("~~~")) {
            inFence[0] = !inFence[0];
            return FAILURE_HEADLINE;
        }
        if (inFence[0] || now.isEmpty() || now.startsWith("Why it ") && now.endsWith(", as the failed step reported it:")) {
            return FAILURE_HEADLINE;
        }
        if (now.equals("| when | task | who | role | decision | why |") || now.equals("| --- | --- | --- | --- | --- | --- |")
                || DECIDED_TASK.matcher(now).matches() && !now.contains("| unknown |")) {
            return ATTESTATION_AND_HANDOVER_ARE_DECISIONS;
        }
        return null;
    }

    /** The old line as Markdown escaping writes it. */
    static String markdown(String old) {
        return old.replace("&gt;", ">").replaceAll("&lt;(?=[A-Za-z/!?])", "\\\\<").replace("&lt;", "<").replace("&amp;", "&");
    }

    private static boolean cellsDifferOnlyAt(String a, String b, int cell) {
        String[] x = a.split(" \\| ", -1);
        String[] y = b.split(" \\| ", -1);
        if (x.length != y.length || x.length <= cell) {
            return false;
        }
        for (int k = 0; k < x.length; k++) {
            if (k != cell && !x[k].equals(y[k])) {
                return false;
            }
        }
        return true;
    }
}
