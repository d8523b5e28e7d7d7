package org.golive.step;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an evidence entry is, written with it as {@code "kind"} so the evidence documents read entries by
 * what they are instead of by the step that wrote them. Entries written before kinds existed carry none.
 */
public enum EvidenceKind {
    /** A go-live started: its manifest as the process read it. */
    START,
    /** A step that fits no kind below. */
    STEP,
    /** The pre-deploy backup: dump, its checksum and what pg_restore --list read of it. */
    BACKUP,
    /** A database or filestore put back from a backup. */
    RESTORE,
    /** The restore point inside the window: a snapshot, or a backup and why no snapshot could be made. */
    RESTORE_POINT,
    /** A rollback swapped a snapshot back and set the failed database and filestore aside. */
    RESTORE_POINT_SWAP,
    /** Snapshots and set-aside databases dropped. */
    RESTORE_POINT_CLEANUP,
    /** The Odoo container replaced by one of the release image. */
    CONTAINER_SWAP,
    /** Odoo (re)started and answering. */
    ODOO_START,
    /** Odoo's CLI installed or updated modules. */
    MODULE_RUN,
    /** A check measured something and passed or failed. */
    CHECK,
    /** A readiness gate's result. */
    GATE,
    /** How the readiness gates ended. */
    READINESS,
    /** A person decided, signed, attested or handed over. */
    DECISION,
    /** People were told. */
    NOTIFICATION,
    /** A rollback began; everything after it is the rollback. */
    ROLLBACK_START,
    /** Someone asked golive for something outside a go-live's flow (a manual backup, a breach report). */
    REQUEST,
    /** The evidence documents were written. */
    DOCUMENTS,
    /** A release's pre-update or post-update hooks ran (issue 13 point 3): argv, exit code, duration, output tail. */
    RELEASE_HOOK;

    public static final String FIELD = "kind";

    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<EvidenceKind> of(Object value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(k -> k.value().equals(value.toString())).findFirst();
    }
}
