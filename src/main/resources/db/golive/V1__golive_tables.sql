-- golive's own records beside the engine's tables, in the same database (H2 embedded, PostgreSQL in production),
-- so that they hold across a cluster's nodes and survive a crash.

-- One change per environment: the go-live or rollback that holds it (docs/security.md).
CREATE TABLE golive_environment_lock (
    environment         VARCHAR(100)  NOT NULL PRIMARY KEY,
    holder              VARCHAR(200)  NOT NULL,
    process_instance_id VARCHAR(64),
    acquired_at         TIMESTAMP     NOT NULL
);

-- What was approved: the release of a go-live as a digest, written once and never updated.
CREATE TABLE golive_release_seal (
    go_live_id  VARCHAR(200)  NOT NULL PRIMARY KEY,
    digest      VARCHAR(64)   NOT NULL,
    sealed_at   TIMESTAMP     NOT NULL
);
