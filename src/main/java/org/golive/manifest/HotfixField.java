package org.golive.manifest;

import java.util.List;
import java.util.Map;

import org.golive.manifest.InvalidManifestException.Problem;

/**
 * {@code hotfix: {reason: ...}} or {@code hotfix: true} with {@code hotfixReason: ...}. A hotfix may go live inside a
 * change freeze, so its reason is recorded for whoever reads the evidence later: a hotfix without one is refused,
 * and so is a reason without {@code hotfix} (it would look like an exception that was never asked for).
 */
final class HotfixField {

    static final int MAX_REASON = 500;

    private HotfixField() {
    }

    /** The reason of a hotfix, null when the release is no hotfix; every problem is added to {@code problems}. */
    static String reason(ManifestYaml parsed, List<Problem> problems) {
        Object hotfix = parsed.values().get("hotfix");
        String flatReason = ManifestReader.text(parsed, "hotfixReason", false, problems);
        boolean hasFlatReason = flatReason != null && !flatReason.isEmpty();
        String reason;
        if (hotfix == null || Boolean.FALSE.equals(hotfix)) {
            if (hasFlatReason) {
                problems.add(new Problem("hotfixReason", "only a hotfix carries a reason; add hotfix: true or leave the reason out"));
            }
            return null;
        } else if (Boolean.TRUE.equals(hotfix)) {
            reason = flatReason;
        } else if (hotfix instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!"reason".equals(String.valueOf(key))) {
                    problems.add(new Problem("hotfix." + key, "unknown key; a hotfix takes only reason"));
                }
            }
            if (hasFlatReason) {
                problems.add(new Problem("hotfixReason", "the reason is already given as hotfix.reason; give it once"));
            }
            Object nested = map.get("reason");
            if (nested != null && !(nested instanceof String)) {
                problems.add(new Problem("hotfix.reason", "expected text, found " + ManifestYaml.describe(nested)));
                return null;
            }
            reason = nested == null ? null : ((String) nested).strip();
        } else {
            problems.add(new Problem("hotfix", "expected true, false or {reason: ...}, found " + ManifestYaml.describe(hotfix)));
            return null;
        }
        if (reason == null || reason.isEmpty()) {
            problems.add(new Problem("hotfixReason", "a hotfix needs its reason: hotfix: {reason: ...} or hotfixReason: ..."));
            return null;
        }
        if (reason.length() > MAX_REASON) {
            problems.add(new Problem("hotfixReason", "longer than " + MAX_REASON + " characters; link the ticket instead"));
            return null;
        }
        return reason;
    }
}
