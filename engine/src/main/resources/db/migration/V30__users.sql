-- People and their credentials (the console and the API), failed logins per name, console
-- sessions, and operators' decisions on rows. Passwords, tokens and session ids are kept only
-- as hashes. No CHECK constraints (see V20: H2 ties them to the creating session).
-- Portable SQL: the same file runs on H2 (embedded default) and PostgreSQL.
CREATE TABLE users (
    name           VARCHAR(100)  NOT NULL,
    role           VARCHAR(20)   NOT NULL,
    password_hash  VARCHAR(300),
    source         VARCHAR(20)   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_pk PRIMARY KEY (name)
);

CREATE TABLE api_tokens (
    id             VARCHAR(20)   NOT NULL,
    user_name      VARCHAR(100)  NOT NULL,
    token_hash     VARCHAR(64)   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE,
    revoked_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_tokens_pk PRIMARY KEY (id),
    CONSTRAINT api_tokens_hash UNIQUE (token_hash)
);

-- one line per name that failed to log in lately (known or not, so a lock says nothing about who exists)
CREATE TABLE login_failures (
    name           VARCHAR(100)  NOT NULL,
    failures       INTEGER       NOT NULL,
    last_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT login_failures_pk PRIMARY KEY (name)
);

CREATE TABLE console_sessions (
    id_hash        VARCHAR(64)   NOT NULL,
    user_name      VARCHAR(100)  NOT NULL,
    role           VARCHAR(20)   NOT NULL,
    csrf           VARCHAR(64)   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT console_sessions_pk PRIMARY KEY (id_hash)
);

-- what an operator decided about a row of the ledger: entered by hand (done) or enter again (reset)
CREATE TABLE row_decisions (
    scenario       VARCHAR(200)  NOT NULL,
    row_key        VARCHAR(1000) NOT NULL,
    decision       VARCHAR(20)   NOT NULL,
    previous       VARCHAR(20),
    run_id         VARCHAR(200),
    row_no         INTEGER,
    decided_by     VARCHAR(200)  NOT NULL,
    comment        VARCHAR(4000),
    decided_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX row_decisions_by_row ON row_decisions (scenario, row_key);
CREATE INDEX api_tokens_by_user ON api_tokens (user_name);
