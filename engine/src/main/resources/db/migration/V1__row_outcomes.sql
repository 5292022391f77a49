-- The ledger of for-each-row with key: one line per (scenario, business key) holding the
-- row's latest outcome. 'in-progress' is written before the row's steps start and replaced
-- when they end; a later run finding it from a dead process turns it into 'interrupted'.
-- Portable SQL: the same file runs on H2 (embedded default) and PostgreSQL.
CREATE TABLE row_outcomes (
    scenario      VARCHAR(200)  NOT NULL,
    row_key       VARCHAR(1000) NOT NULL,
    status        VARCHAR(20)   NOT NULL,
    run_id        VARCHAR(200)  NOT NULL,
    row_no        INTEGER       NOT NULL,
    message       VARCHAR(4000),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    owner_process VARCHAR(300),
    CONSTRAINT row_outcomes_pk PRIMARY KEY (scenario, row_key),
    CONSTRAINT row_outcomes_status CHECK (status IN ('in-progress', 'done', 'failed', 'invalid', 'interrupted'))
);

CREATE INDEX row_outcomes_by_status ON row_outcomes (scenario, status);
CREATE INDEX row_outcomes_by_run ON row_outcomes (run_id);
