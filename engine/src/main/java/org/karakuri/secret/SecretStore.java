package org.karakuri.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;

/**
 * The encrypted secret store: one JSON file ({@code secrets.store} in {@code KARAKURI_HOME} by
 * default, owner-only) holding each secret as AES-256-GCM ciphertext under a key derived from
 * the master key, with the secret's name as associated data (a value moved to another name no
 * longer opens). The file names the id of the key that wrote it, so a wrong key is told apart
 * from a damaged file. Written by {@code karakuri secret set}; {@code ${secret:…}} reads it.
 */
public final class SecretStore {
    static final String FORMAT = "karakuri-secrets/1";
    static final String PURPOSE = "karakuri secret store v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final MasterKey key;
    private final Map<String, Entry> entries;
    /** The master key to write with: {@link #key} unless the file was written with a retired one. */
    private MasterKey current;

    private record Entry(String iv, String data) {}

    private SecretStore(Path file, MasterKey key, Map<String, Entry> entries) {
        this.file = file;
        this.key = key;
        this.entries = entries;
        this.current = key;
    }

    /** A secret's name as {@code ${secret:NAME}} writes it: letters, digits, '.', '_', '-'; compared in lower case. */
    public static String name(String written) {
        String n = written == null ? "" : written.strip().toLowerCase(Locale.ROOT);
        if (!n.matches("[a-z0-9][a-z0-9._-]{0,199}")) {
            throw new KarakuriException("secret.bad-name", String.valueOf(written));
        }
        return n;
    }

    public static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }

    /**
     * Opens the store at {@code file} (empty when there is none yet) with {@code key}. A store
     * written with another key is an error naming both key ids.
     */
    public static SecretStore open(Path file, MasterKey key) {
        if (!Files.exists(file)) {
            return new SecretStore(file, key, new LinkedHashMap<>());
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "secret.store-unreadable", file, firstLine(e));
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new KarakuriException("secret.store-unreadable", file, FORMAT + "?");
        }
        String writtenWith = root.path("key").asText();
        // a retired key still reads what it wrote (a rotation cut short); the next write re-encrypts
        MasterKey reading = key.asCurrent(writtenWith)
            .orElseThrow(() -> new KarakuriException("secret.store-wrong-key", file, writtenWith, key.id(), key.source()));
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("secrets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            entries.put(e.getKey(), new Entry(e.getValue().path("iv").asText(), e.getValue().path("data").asText()));
        }
        SecretStore store = new SecretStore(file, reading, entries);
        store.current = key;
        return store;
    }

    public Path file() {
        return file;
    }

    /** The names held, in the order they were first set. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The secret's value, if the store holds it. */
    public Optional<String> get(String name) {
        Entry e = entries.get(name(name));
        if (e == null) {
            return Optional.empty();
        }
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(e.iv()), name(name));
            return Optional.of(new String(c.doFinal(Base64.getDecoder().decode(e.data())), StandardCharsets.UTF_8));
        } catch (AEADBadTagException | IllegalArgumentException damaged) {
            throw new KarakuriException("secret.store-damaged", file, name(name));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM is in every Java", ex);
        }
    }

    /** Sets (or replaces) a secret and writes the store. */
    public void set(String name, String value) {
        if (!current.id().equals(key.id())) {
            reencrypt(current).set(name, value);
            return;
        }
        String n = name(name);
        byte[] iv = new byte[IV_BYTES];
        new SecureRandom().nextBytes(iv);
        try {
            byte[] data = cipher(Cipher.ENCRYPT_MODE, iv, n).doFinal(value.getBytes(StandardCharsets.UTF_8));
            entries.put(n, new Entry(Base64.getEncoder().encodeToString(iv), Base64.getEncoder().encodeToString(data)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every Java", e);
        }
        save();
    }

    /** Removes a secret; false when the store did not hold it. */
    public boolean remove(String name) {
        if (!current.id().equals(key.id())) {
            return reencrypt(current).remove(name);
        }
        boolean had = entries.remove(name(name)) != null;
        if (had) {
            save();
        }
        return had;
    }

    /** The same secrets, encrypted again under {@code next} (after a key rotation), written to the file. */
    SecretStore reencrypt(MasterKey next) {
        SecretStore out = new SecretStore(file, next, new LinkedHashMap<>());
        Map<String, String> clear = new LinkedHashMap<>();
        for (String n : names()) {
            clear.put(n, get(n).orElseThrow());
        }
        for (Map.Entry<String, String> e : clear.entrySet()) {
            byte[] iv = new byte[IV_BYTES];
            new SecureRandom().nextBytes(iv);
            try {
                byte[] data = out.cipher(Cipher.ENCRYPT_MODE, iv, e.getKey()).doFinal(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.entries.put(e.getKey(), new Entry(Base64.getEncoder().encodeToString(iv), Base64.getEncoder().encodeToString(data)));
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        }
        out.save();
        return out;
    }

    private Cipher cipher(int mode, byte[] iv, String name) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key.derive(PURPOSE), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        c.updateAAD((FORMAT + ":" + name).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    /** Written to a temporary file beside the store (owner-only), then moved over it. */
    private void save() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("key", key.id());
        ObjectNode secrets = root.putObject("secrets");
        entries.forEach((n, e) -> secrets.putObject(n).put("iv", e.iv()).put("data", e.data()));
        try {
            Path dir = file.toAbsolutePath().getParent();
            OwnerOnly.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".secrets", ".tmp");
            try {
                OwnerOnly.restrict(temp);
                Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "secret.store-unwritable", file, firstLine(e));
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }

    /** Names only: a store's text never holds a value in clear. */
    @Override
    public String toString() {
        return "SecretStore[" + file + ", " + new ArrayList<>(entries.keySet()) + "]";
    }
}
