-- Files that started a run (trigger.file-arrives): an arrival is a scenario, a file's name and
-- its content's SHA-256, so yesterday's tennyu.csv and today's are two. The primary key makes
-- the claim: of the nodes of a cluster that see the same file, the one whose INSERT succeeds
-- starts the run; a restarted engine finds the line and does not run the file again.
-- Portable SQL: the same file runs on H2 (embedded default) and PostgreSQL.
CREATE TABLE file_arrivals (
    scenario    VARCHAR(200)  NOT NULL,
    name        VARCHAR(1000) NOT NULL,
    sha256      VARCHAR(64)   NOT NULL,
    path        VARCHAR(4000) NOT NULL,
    size_bytes  BIGINT        NOT NULL,
    arrived_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    node        VARCHAR(255)  NOT NULL,
    CONSTRAINT file_arrivals_pk PRIMARY KEY (scenario, name, sha256)
);
