package org.karakuri.config;

import java.nio.file.Path;
import org.karakuri.model.Doc;

/**
 * {@code secrets:} the encrypted secret store and the engine's master key. The key never lives
 * under {@code KARAKURI_HOME}: whoever copies the runs, the ledger or a backup of the home
 * folder must not get it with them.
 */
@Doc(value = "The encrypted secret store and the master key that opens it and keys the ledger's hidden row keys.",
    ja = "暗号化したシークレットの保管庫と、それを開き台帳の伏せたキーにも使うマスターキー。")
public record SecretsConfig(
    @Setting(env = "KARAKURI_SECRETS_STORE", byDefault = "secrets.store", defaultDoc = "KARAKURI_HOME/secrets.store")
    @Doc(value = "The secret store file (AES-GCM), written by `karakuri secret set`.",
        ja = "シークレットの保管庫のファイル（AES-GCM）。karakuri secret set が書きます。")
    Path store,
    @Setting(env = "KARAKURI_MASTER_KEY_FILE", byDefault = "~/.config/karakuri/master.key")
    @Doc(value = "The master key file, readable by the engine's user only; outside KARAKURI_HOME. Created on first use.",
        ja = "マスターキーのファイル。エンジンの利用者だけが読めるようにし、KARAKURI_HOME の外に置きます。初回に作られます。")
    Path keyFile,
    @Setting(env = "KARAKURI_MASTER_KEY", secret = true, envOnly = true)
    @Doc(value = "The master key itself (base64), instead of the key file: only in the environment, never in a file.",
        ja = "マスターキーそのもの（base64）。キーファイルの代わりに使います。環境変数だけで渡し、ファイルには書きません。")
    String key) {}
