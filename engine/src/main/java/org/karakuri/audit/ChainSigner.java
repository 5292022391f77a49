package org.karakuri.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.karakuri.config.EngineConfig;
import org.karakuri.config.SecretsConfig;
import org.karakuri.secret.MasterKey;

/**
 * Signs the records of the run chain and the operations trail with an HMAC under a key derived
 * from the master key (kept outside {@code KARAKURI_HOME}): whoever can write the chain but not
 * read the key cannot rewrite it with recomputed hashes, forge a {@code pruned} record or strip
 * the signatures. A record carries {@code mac: <key id>:<HMAC-SHA256 of its hash>}.
 */
public final class ChainSigner {
    private static final String PURPOSE = "audit-chain";

    /**
     * How long before its key file's time a record must already be signed: the first record of a
     * chain is stamped just before its write makes the key.
     */
    private static final java.time.Duration FIRST_RECORD = java.time.Duration.ofSeconds(10);

    private final List<String> ids;
    private final List<byte[]> keys;
    private final java.time.Instant signedFrom;

    private ChainSigner(List<String> ids, List<byte[]> keys, java.time.Instant signedFrom) {
        this.ids = ids;
        this.keys = keys;
        this.signedFrom = signedFrom;
    }

    /** No key: records are written unsigned, and signatures are not checked. */
    public static ChainSigner none() {
        return new ChainSigner(List.of(), List.of(), null);
    }

    /** Signs with the master key's current key; checks with it and its retired keys. */
    public static ChainSigner of(MasterKey key) {
        return new ChainSigner(key.ids(), key.deriveAll(PURPOSE), key.madeAt().map(t -> t.minus(FIRST_RECORD)).orElse(null));
    }

    /**
     * Whether a record stamped {@code time} must carry a signature: it was written after the key
     * file existed (then this version signed it). Unknown for a key from the environment.
     */
    boolean mustHaveSigned(String time) {
        if (signedFrom == null || keys.isEmpty()) {
            return false;
        }
        try {
            return !java.time.Instant.parse(time).isBefore(signedFrom);
        } catch (java.time.format.DateTimeParseException noTime) {
            return true; // a record without its time was not written by the engine
        }
    }

    /** From when records must be signed (the key file's time, less a moment), or null. */
    java.time.Instant signedFrom() {
        return signedFrom;
    }

    /** For checking: the master key the configuration names, or none (then signatures are not checked). */
    public static ChainSigner forVerifying(Path home, Map<String, String> env) {
        return MasterKey.find(EngineConfig.load(home, env).secrets(), home).map(ChainSigner::of).orElseGet(ChainSigner::none);
    }

    /**
     * For writing to {@code chain}: the master key; made now when nothing was ever made with one
     * (no signed record in the chain, no secret store). When the chain was signed and the key is
     * gone, writing stops with a message naming the key file: a missing key never turns into
     * unsigned records. A key gone while only a secret store needs it is the store's error to
     * report; the chain's record is then written unsigned rather than under a new key.
     */
    static ChainSigner forWriting(Path home, Map<String, String> env, Path chain) {
        return forWriting(home, env, chain, new org.karakuri.i18n.Messages.Text("audit.key-why-chain"));
    }

    /** As {@link #forWriting(Path, Map, Path)}; a missing key's message says {@code why} it is needed. */
    static ChainSigner forWriting(Path home, Map<String, String> env, Path chain, org.karakuri.i18n.Messages.Text why) {
        SecretsConfig config = EngineConfig.load(home, env).secrets();
        var key = MasterKey.find(config, home);
        if (key.isPresent()) {
            return of(key.get());
        }
        if (ChainFile.lastIsSigned(chain)) {
            return of(MasterKey.require(config, home, why));
        }
        if (org.karakuri.secret.SecretStore.exists(config.store())) {
            return none();
        }
        return of(MasterKey.create(config, home));
    }

    /** Whether there is a key to sign and check with. */
    public boolean hasKey() {
        return !keys.isEmpty();
    }

    /** The current key's id ({@code k…}), or null. */
    public String keyId() {
        return ids.isEmpty() ? null : ids.get(0);
    }

    String sign(String hash) {
        return ids.get(0) + ":" + hmac(keys.get(0), hash);
    }

    /** Whether {@code mac} is a signature of {@code hash} under one of the keys. */
    boolean verifies(String mac, String hash) {
        int colon = mac.indexOf(':');
        if (colon < 0) {
            return false;
        }
        int i = ids.indexOf(mac.substring(0, colon));
        return i >= 0 && MessageDigest.isEqual(hmac(keys.get(i), hash).getBytes(StandardCharsets.US_ASCII),
            mac.substring(colon + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(byte[] key, String hash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(hash.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
