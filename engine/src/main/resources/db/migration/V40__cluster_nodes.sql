-- The nodes of a cluster and the address each one's console is reached at by the others: a node
-- writes its line when serve starts, and the console of any node asks the node that ran a run
-- for the run's page, report and files (they live in that node's KARAKURI_HOME/runs).
-- Portable SQL: the same file runs on H2 (embedded default) and PostgreSQL.
CREATE TABLE cluster_nodes (
    node           VARCHAR(200)  NOT NULL,
    url            VARCHAR(1000) NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT cluster_nodes_pk PRIMARY KEY (node)
);
