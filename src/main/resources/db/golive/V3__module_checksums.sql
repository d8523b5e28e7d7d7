-- What a go-live installed or updated, as the checksum of each module's code (docs/processes.md, "The plan"):
-- written when the readiness check plans the release, marked applied when the go-live completes, so the next
-- plan compares a release with the code that actually went live rather than with the image that happens to run.
CREATE TABLE golive_module_checksum (
    go_live_id   VARCHAR(200)  NOT NULL,
    module       VARCHAR(200)  NOT NULL,
    environment  VARCHAR(100)  NOT NULL,
    checksum     VARCHAR(64)   NOT NULL,
    version      VARCHAR(100),
    image        VARCHAR(400)  NOT NULL,
    planned_at   TIMESTAMP     NOT NULL,
    applied_at   TIMESTAMP,
    PRIMARY KEY (go_live_id, module)
);
CREATE INDEX golive_module_checksum_applied ON golive_module_checksum (environment, module, applied_at);
