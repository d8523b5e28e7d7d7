package org.golive.hooks;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.golive.config.Target;
import org.golive.evidence.Secrets;

/** A hook's output as evidence: the last lines, with the environment's secrets taken out. */
final class HookOutput {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(passw|secret|token|credential|api[_-]?key|private[_-]?key).*");
    static final String REDACTED = "[redacted]";

    private HookOutput() {
    }

    /**
     * A hook sees the container's environment and may print it: the database password and every secret-named variable's
     * value are replaced wherever they appear, then the patterns golive scrubs from any tool's text.
     */
    static String redact(String text, Target environment) {
        String out = text == null ? "" : text;
        for (Map.Entry<String, String> e : environment.settings().container().env().entrySet()) {
            if (SECRET_NAME.matcher(e.getKey()).matches() && !e.getKey().endsWith("_FILE")) {
                out = literal(out, e.getValue());
            }
        }
        try {
            out = literal(out, environment.databasePassword());
        } catch (IllegalStateException e) {
            // no password configured: nothing to take out
        }
        return Secrets.scrub(out);
    }

    private static String literal(String text, String secret) {
        return secret == null || secret.length() < 4 ? text : text.replace(secret, REDACTED);
    }

    static String tail(String text, int lines) {
        List<String> all = List.of(text.strip().split("\n"));
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
