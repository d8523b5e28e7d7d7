package org.golive.step;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Ids of go-lives and rollbacks, readable in Cockpit and usable as file and container names:
 * {@code <parts>-<yyyyMMdd-HHmmss>-<4 hex>}.
 */
public final class InstanceIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * What an id looks like: letters, digits, '.', '_' and '-' only (a file name and a Docker container name),
     * ending in the UTC time and 4 hex digits.
     */
    public static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,150}-[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$");

    private InstanceIds() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    public static String next(String... parts) {
        return String.join("-", parts) + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(TIME) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }
}
