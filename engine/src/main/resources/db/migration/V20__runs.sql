-- The runs table: one line per run, written when the run starts ('running') and again when it
-- ends. A 'running' line whose process is gone is turned into 'interrupted' by whoever reads it
-- on the same host. Runs of an invalid scenario are kept too ('invalid', no folder).
-- status is one of running, succeeded, failed, interrupted, invalid (RunStatus). No CHECK
-- constraint: H2 ties one to the session that created the table, and a table created through a
-- running server by another process's session would refuse rows once that session ended.
-- Portable SQL: the same file runs on H2 (embedded default) and PostgreSQL.
CREATE TABLE runs (
    id              VARCHAR(200)  NOT NULL,
    scenario        VARCHAR(200)  NOT NULL,
    scenario_file   VARCHAR(4000),
    file_sha256     VARCHAR(64),
    trigger_kind    VARCHAR(50),
    started_by      VARCHAR(200),
    host            VARCHAR(255),
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at        TIMESTAMP WITH TIME ZONE,
    status          VARCHAR(20)   NOT NULL,
    items_ok        INTEGER       DEFAULT 0 NOT NULL,
    items_failed    INTEGER       DEFAULT 0 NOT NULL,
    items_invalid   INTEGER       DEFAULT 0 NOT NULL,
    items_skipped   INTEGER       DEFAULT 0 NOT NULL,
    items_processed INTEGER       DEFAULT 0 NOT NULL,
    manual_minutes  INTEGER,
    minutes_saved   INTEGER,
    error           VARCHAR(4000),
    folder          VARCHAR(4000),
    owner_process   VARCHAR(300),
    CONSTRAINT runs_pk PRIMARY KEY (id)
);

CREATE INDEX runs_by_start ON runs (started_at);
CREATE INDEX runs_by_scenario ON runs (scenario, started_at);
