package org.golive.readiness;

/**
 * The automated readiness gates. The constants are spelled as the BPMN names them (input parameter
 * {@code gate}, variables {@code gate_<name>}), so {@code Gate.valueOf(name)} reads a task's parameter.
 */
public enum Gate {
    /** The release image {@code repository:tag} is on the target's Docker host. */
    imageTag,
    /** The same image:tag went live successfully on the staging environment. */
    stagingHistory,
    /** A recent backup of the target database exists and restores into a scratch database. */
    backupRestore,
    /** PostgreSQL answers, its version, and connections left before {@code max_connections}. */
    postgres,
    /** The target's odoo.conf is hardened (checklist 001 §2.1, §6.2). */
    odooConfig,
    /** The running Odoo container shows none of the 502 causes golive can read (checklist 001 §7.2). */
    runtime,
    /** The backup directory has room for the backup inside the window: free ≥ factor × the last backup. */
    backupDisk
}
