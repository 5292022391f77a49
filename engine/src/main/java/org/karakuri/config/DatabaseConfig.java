package org.karakuri.config;

import org.karakuri.model.Doc;

/** {@code database:} where the engine keeps its ledger, runs, schedules and users. */
@Doc(value = "The engine's database: the row ledger, the runs table, schedules and locks.",
    ja = "エンジンのデータベース: 行の台帳、実行の一覧、スケジュール、ロック。")
public record DatabaseConfig(
    @Setting(env = "KARAKURI_DB_URL", defaultDoc = "H2 in KARAKURI_HOME/ledger.mv.db")
    @Doc(value = "JDBC URL of PostgreSQL (jdbc:postgresql://host:5432/karakuri) or H2; empty: the embedded H2 database under KARAKURI_HOME.",
        ja = "PostgreSQL（jdbc:postgresql://host:5432/karakuri）または H2 の JDBC URL。空: KARAKURI_HOME の組み込み H2。")
    String url,
    @Setting(env = "KARAKURI_DB_USER")
    @Doc(value = "The database user.", ja = "データベースのユーザー。")
    String user,
    @Setting(env = "KARAKURI_DB_PASSWORD", secret = true)
    @Doc(value = "The database password (better in the environment than in the file).",
        ja = "データベースのパスワード（ファイルより環境変数で渡すほうが安全です）。")
    String password) {}
