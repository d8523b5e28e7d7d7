package org.golive.evidence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets never reach the evidence log; this is the belt to those braces: a fact whose name says it is a
 * secret is redacted whatever it holds, and text that quotes a tool loses {@code password=…} and URL passwords.
 */
public final class Secrets {

    static final String REDACTED = "[redacted]";

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(passw|secret|token|credential|api[_-]?key|private[_-]?key).*");
    private static final Pattern SECRET_IN_TEXT = Pattern.compile(
            "(?i)\\b([A-Za-z_]*(?:passw(?:or)?d|secret|token|api[_-]?key)[A-Za-z_]*)(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&]+)");
    private static final Pattern URL_USERINFO = Pattern.compile("(://[^/\\s:@]+):[^@/\\s]+@");

    private Secrets() {
    }

    static boolean secretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    public static String scrub(String text) {
        String out = SECRET_IN_TEXT.matcher(text).replaceAll("$1$2" + REDACTED);
        return URL_USERINFO.matcher(out).replaceAll("$1:" + REDACTED + "@");
    }

    /** The facts with every secret-named one redacted. */
    static Map<String, Object> redacted(Map<String, Object> facts) {
        Map<String, Object> clean = new LinkedHashMap<>();
        facts.forEach((k, v) -> clean.put(k, secretKey(k) ? REDACTED : v));
        return clean;
    }
}
