package org.golive.backup;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Backup housekeeping, under {@code golive.backups.}: which backups a go-live keeps when it ends, and how much free
 * space the backup directory needs before the window.
 *
 * @param keepLast        the newest this many finished backups of an environment are kept
 * @param keepYoungerThan so is every backup younger than this
 * @param freeSpaceFactor the readiness gate {@code backupDisk} wants this many times the last backup's size free
 * @param retention       environment name → its own {@code keep-last} / {@code keep-younger-than}; an unset value
 *                        falls back to the one above
 */
@ConfigurationProperties("golive.backups")
public record BackupProperties(
        @DefaultValue("5") int keepLast,
        @DefaultValue("14d") Duration keepYoungerThan,
        @DefaultValue("2.0") double freeSpaceFactor,
        Map<String, Retention> retention) {

    /** One environment's retention; null keeps the default. */
    public record Retention(Integer keepLast, Duration keepYoungerThan) {
    }

    public BackupProperties {
        retention = retention == null ? Map.of() : Map.copyOf(retention);
        check("golive.backups.keep-last", keepLast, keepYoungerThan);
        retention.forEach((environment, r) -> check("golive.backups.retention." + environment + ".keep-last",
                r.keepLast() == null ? 1 : r.keepLast(), r.keepYoungerThan()));
        if (!(freeSpaceFactor >= 1.0)) {
            throw new IllegalArgumentException("golive.backups.free-space-factor must be 1 or more (the next backup must fit),"
                    + " was " + freeSpaceFactor);
        }
    }

    /** The policy of an environment. */
    public RetentionPolicy policy(String environment) {
        Retention own = retention.get(environment);
        if (own == null) {
            return new RetentionPolicy(keepLast, keepYoungerThan);
        }
        return new RetentionPolicy(own.keepLast() == null ? keepLast : own.keepLast(),
                own.keepYoungerThan() == null ? keepYoungerThan : own.keepYoungerThan());
    }

    private static void check(String keepLastName, int keepLast, Duration keepYoungerThan) {
        // keeping none would let a go-live delete the backup its own rollback needs
        if (keepLast < 1) {
            throw new IllegalArgumentException(keepLastName + " must be 1 or more, was " + keepLast);
        }
        if (keepYoungerThan != null && keepYoungerThan.isNegative()) {
            throw new IllegalArgumentException(keepLastName.replace("keep-last", "keep-younger-than")
                    + " must not be negative, was " + keepYoungerThan);
        }
    }
}
