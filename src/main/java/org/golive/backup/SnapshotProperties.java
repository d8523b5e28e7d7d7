package org.golive.backup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The restore point inside the maintenance window: a copy of the database on its own server
 * ({@code CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY}) and a filestore of hard links, instead of a
 * {@code pg_dump} whose time grows with the database. The off-host dump is then taken from the copy after Odoo
 * serves again.
 *
 * @param enabled       off: every go-live dumps inside the window, as before snapshots existed
 * @param maxSize       a database larger than this is dumped inside the window instead (the copy needs as much
 *                      free space again on the database server); none: no limit
 * @param keepFor       a snapshot older than this is dropped by the next clean-up even if its go-live has not
 *                      reached the end of hypercare (hypercare's end drops it anyway)
 * @param keepFailedFor a database (and filestore) set aside by a rollback is dropped by the first clean-up after this
 */
@ConfigurationProperties("golive.snapshot")
public record SnapshotProperties(
        @DefaultValue("true") boolean enabled,
        DataSize maxSize,
        @DefaultValue("2d") Duration keepFor,
        @DefaultValue("7d") Duration keepFailedFor) {

    public SnapshotProperties {
        if (keepFor.isNegative() || keepFailedFor.isNegative()) {
            throw new IllegalArgumentException("golive.snapshot.keep-for and keep-failed-for must not be negative");
        }
        if (maxSize != null && maxSize.toBytes() <= 0) {
            throw new IllegalArgumentException("golive.snapshot.max-size must be positive (leave it out for no limit), was " + maxSize);
        }
    }
}
