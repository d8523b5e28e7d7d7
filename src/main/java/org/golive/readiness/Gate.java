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
    /** What users meet before Odoo: DNS, certificate, HTTPS redirect, security headers, session cookie, CORS. */
    edge,
    /** The reverse proxy's configuration as loaded: websocket routing, read timeout, upload limit, rate limit. */
    proxyConfig,
    /** No change freeze on the environment now, or the release is a hotfix with its reason. */
    changeFreeze,
    /** Key pg_settings (shared_buffers, work_mem, max_connections, ...) within the environment's bounds. */
    postgresSettings,
    /** The Odoo container's log driver rotates its log (json-file with max-size, or local). */
    logRotation,
    /** No plain *PASSWORD* variable on the container, no db_password in odoo.conf beside a secret file. */
    containerSecrets,
    /** The filestore is a lasting mount, writable by Odoo's uid, with the database's directory in it. */
    filestore,
    /** A rollback of the staging environment completed recently (the rollback was rehearsed). */
    rollbackRehearsed,
    /** Odoo's own security settings by SQL and XML-RPC (checklist 001 §6): see {@code OdooSecurityGate}. */
    odooSecurity,
    /** The release image's Odoo series is the database's: a different one is a migration, not a release. */
    series,
    /** The release plan: every installed module whose code changed is updated, every module to install can be. */
    modulePlan,
    /** The backup directory has room for the backup inside the window: free ≥ factor × the last backup. */
    backupDisk,
    /** The implementation's Odoo setup: required modules, company, time zone, language, group sizes (checklist 001 §4). */
    odooSetup,
    /** Who may reach the database: pg_hba rules (no open or trusting host rule) and must-be-closed TCP probes. */
    databaseAccess,
    /** The environment's Prometheus: Odoo's targets up, required alert rules loaded, alerts routed, recent data. */
    monitoring,
    /** Staging takes the configured concurrent load (e.g. 100 users) with no failed request and p95 within its bound. */
    stagingLoad,
    /** Issue 13 (i13-rehearsal): the release passed a rehearsal on a neutralized copy of the environment recently. */
    rehearsal
}
