package org.golive.manifest;

import java.util.regex.Pattern;

/**
 * What an environment demands of a manifest before anything starts: its release tags match {@code tagPattern}
 * (none: any valid tag), and a change ticket is named when {@code changeRequired}.
 */
public record ReleaseRules(Pattern tagPattern, boolean changeRequired) {

    public static final ReleaseRules NONE = new ReleaseRules(null, false);
}
