package org.golive.step;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of go-lives and rollbacks, readable in Cockpit and usable as file and container names:
 * {@code <parts>-<yyyyMMdd-HHmmss>-<4 hex>}.
 */
public final class InstanceIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private InstanceIds() {
    }

    public static String next(String... parts) {
        return String.join("-", parts) + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(TIME) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }
}
