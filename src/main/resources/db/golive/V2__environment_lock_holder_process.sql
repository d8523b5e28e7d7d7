-- Which process holds an environment (go-live or rollback), so a refused start can say what it waits for.
ALTER TABLE golive_environment_lock ADD COLUMN holder_process VARCHAR(50);
