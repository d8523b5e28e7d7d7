-- The release hooks a go-live has run to completion (docs/processes.md, "Release hooks"): one row per hook, written
-- only after its container exited, so a repeated job (a retry, golive restarted) skips the hooks already done and runs
-- again one whose completion was never recorded. The argv digest keeps a changed hook from passing as the one that ran.
CREATE TABLE golive_release_hook (
    go_live_id   VARCHAR(200)  NOT NULL,
    phase        VARCHAR(20)   NOT NULL,
    hook_index   INTEGER       NOT NULL,
    argv_digest  VARCHAR(64)   NOT NULL,
    exit_code    INTEGER       NOT NULL,
    millis       BIGINT        NOT NULL,
    finished_at  TIMESTAMP     NOT NULL,
    PRIMARY KEY (go_live_id, phase, hook_index, argv_digest)
);
