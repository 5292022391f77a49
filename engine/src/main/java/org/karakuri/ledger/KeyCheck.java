package org.karakuri.ledger;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.karakuri.config.EngineConfig;
import org.karakuri.config.SecretsConfig;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.secret.MasterKey;
import org.karakuri.secret.SecretStore;

/**
 * Before {@code serve} starts anything: the master key opens what it must. A secret store that
 * exists needs its key, and rows the ledger hid with a key need that key too; a missing or wrong
 * key stops the engine with a message naming the key file and the key ids, instead of failing
 * every run later or, worse, treating done rows as new.
 */
public final class KeyCheck {
    private KeyCheck() {}

    public static void atStart(Path home, Map<String, String> env) {
        SecretsConfig config = EngineConfig.load(home, env).secrets();
        if (SecretStore.exists(config.store())) {
            SecretStore.open(config.store(), MasterKey.require(config, home, "secret.key-why-store"));
        }
        Set<String> used;
        try (Ledger ledger = Ledger.open(LedgerSettings.from(env, home))) {
            used = Ledger.keyIds(ledger, null);
        }
        if (used.isEmpty()) {
            return;
        }
        MasterKey key = MasterKey.require(config, home, "secret.key-why-ledger");
        List<String> unknown = used.stream().filter(id -> !key.ids().contains(id)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new KarakuriException("ledger.wrong-key", Messages.get().format("ledger.all-scenarios"), String.join(", ", unknown),
                String.join(", ", key.ids()), key.source());
        }
    }
}
