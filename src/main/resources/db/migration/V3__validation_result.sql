-- Continuous validation results (validation/ValidationResults), one row per check and region of a
-- run. They belong to the run: purging a run from the history deletes its results too.
CREATE TABLE validation_result (
    run_id      VARCHAR(64)   NOT NULL REFERENCES reconcile_run (id) ON DELETE CASCADE,
    position    INT           NOT NULL,
    stack       VARCHAR(128)  NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE NOT NULL,
    check_name  VARCHAR(128)  NOT NULL,
    region      VARCHAR(32)   NOT NULL,
    severity    VARCHAR(16)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    evidence    VARCHAR(2000) NOT NULL,
    PRIMARY KEY (run_id, position)
);

CREATE INDEX validation_result_stack ON validation_result (stack, finished_at);
