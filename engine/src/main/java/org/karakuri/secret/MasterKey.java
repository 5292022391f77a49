package org.karakuri.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.karakuri.config.SecretsConfig;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;

/**
 * The engine's master key: 32 random bytes from {@code KARAKURI_MASTER_KEY} or the key file
 * ({@code secrets.key-file}, outside {@code KARAKURI_HOME}, readable by its owner only). The
 * secret store's key and the ledger's key for hidden row keys are derived from it, each for its
 * purpose. After {@code karakuri secret rotate-key} the file holds the new key first and the
 * older ones after it, kept only so rows done before the rotation are still recognised.
 */
public final class MasterKey {
    static final int BYTES = 32;
    private static final String HMAC = "HmacSHA256";
    private static final String HEADER = """
        # Karakuri master key (see docs/security.md). Keep it secret and back it up apart from KARAKURI_HOME.
        # The first key is the current one; keys below it are retired: kept only to recognise rows done before a rotation.
        """;

    private final List<byte[]> keys;
    private final String source;
    private final java.time.Instant madeAt;

    private MasterKey(List<byte[]> keys, String source) {
        this(keys, source, null);
    }

    private MasterKey(List<byte[]> keys, String source, java.time.Instant madeAt) {
        this.keys = List.copyOf(keys);
        this.source = source;
        this.madeAt = madeAt;
    }

    /**
     * When the key file was last written (made, rotated, restored): everything the engine signs
     * after it is signed. Empty for {@code KARAKURI_MASTER_KEY}, which has no such time.
     */
    public Optional<java.time.Instant> madeAt() {
        return Optional.ofNullable(madeAt);
    }

    /** Where the key came from: the key file's path, or {@code KARAKURI_MASTER_KEY}. */
    public String source() {
        return source;
    }

    /** The current key's id: safe to print, the same on every node that has the same key. */
    public String id() {
        return id(keys.get(0));
    }

    /** The ids of the current key and every retired key, current first. */
    public List<String> ids() {
        return keys.stream().map(MasterKey::id).toList();
    }

    /** A key for {@code purpose}, derived from the current key. */
    public byte[] derive(String purpose) {
        return derive(keys.get(0), purpose);
    }

    /** A key for {@code purpose} derived from each key, current first (to recognise what a retired key made). */
    public List<byte[]> deriveAll(String purpose) {
        return keys.stream().map(k -> derive(k, purpose)).toList();
    }

    /** This key with the one of id {@code id} as its current key (to read what a retired key wrote). */
    Optional<MasterKey> asCurrent(String id) {
        for (byte[] k : keys) {
            if (id(k).equals(id)) {
                return Optional.of(new MasterKey(List.of(k), source));
            }
        }
        return Optional.empty();
    }

    public static String id(byte[] key) {
        return "k" + HexFormat.of().formatHex(derive(key, "karakuri key id")).substring(0, 12);
    }

    static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }

    /**
     * The key the configuration names, if there is one: {@code KARAKURI_MASTER_KEY}, else the key
     * file. A key that cannot be used (bad format, a file others can read, a file inside
     * {@code home}) is an error, never a reason to go on without it.
     */
    public static Optional<MasterKey> find(SecretsConfig config, Path home) {
        if (config.key() != null && !config.key().isBlank()) {
            return Optional.of(new MasterKey(parse(List.of(config.key().split(",")), "KARAKURI_MASTER_KEY"), "KARAKURI_MASTER_KEY"));
        }
        Path file = config.keyFile();
        checkPlace(file, home);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        checkOwnerOnly(file);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            return Optional.of(new MasterKey(parse(lines, file.toString()), file.toString(), Files.getLastModifiedTime(file).toInstant()));
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "secret.key-unreadable", file, String.valueOf(e.getMessage()));
        }
    }

    /**
     * The key, or an error that says why it is needed ({@code why}, a message key) and how to
     * restore it.
     */
    public static MasterKey require(SecretsConfig config, Path home, String why) {
        return require(config, home, new org.karakuri.i18n.Messages.Text(why));
    }

    /** As {@link #require(SecretsConfig, Path, String)}, with a reason that has arguments. */
    public static MasterKey require(SecretsConfig config, Path home, org.karakuri.i18n.Messages.Text why) {
        return find(config, home).orElseThrow(() -> new KarakuriException("secret.key-missing", config.keyFile(), why));
    }

    /** Creates a new key file (owner-only) where the configuration says; refused when one exists. */
    public static MasterKey create(SecretsConfig config, Path home) {
        if (config.key() != null && !config.key().isBlank()) {
            throw new KarakuriException("secret.key-from-env-exists");
        }
        Path file = config.keyFile();
        checkPlace(file, home);
        byte[] key = random();
        try {
            write(file, List.of(key), false);
        } catch (FileAlreadyExistsException e) {
            throw new KarakuriException("secret.key-exists", file);
        }
        return new MasterKey(List.of(key), file.toString());
    }

    /**
     * A new current key; the old ones stay as retired keys. Writes the key file first (the old
     * file is kept as {@code .previous} until the new one is in place).
     */
    MasterKey rotated() {
        if (source.equals("KARAKURI_MASTER_KEY")) {
            throw new KarakuriException("secret.rotate-env");
        }
        List<byte[]> next = new ArrayList<>();
        next.add(random());
        next.addAll(keys);
        try {
            write(Path.of(source), next, true);
        } catch (FileAlreadyExistsException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        return new MasterKey(next, source);
    }

    private static byte[] random() {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static List<byte[]> parse(List<String> encoded, String where) {
        List<byte[]> out = new ArrayList<>();
        for (String e : encoded) {
            byte[] k;
            try {
                k = Base64.getDecoder().decode(e.strip());
            } catch (IllegalArgumentException bad) {
                throw new KarakuriException("secret.key-bad", where, BYTES);
            }
            if (k.length != BYTES) {
                throw new KarakuriException("secret.key-bad", where, BYTES);
            }
            out.add(k);
        }
        if (out.isEmpty()) {
            throw new KarakuriException("secret.key-bad", where, BYTES);
        }
        return out;
    }

    private static void checkPlace(Path file, Path home) {
        Path f = file.toAbsolutePath().normalize();
        Path h = home.toAbsolutePath().normalize();
        if (f.startsWith(h)) {
            throw new KarakuriException("secret.key-in-home", f, h);
        }
    }

    private static void checkOwnerOnly(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)
                || p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new KarakuriException("secret.key-too-open", file);
            }
        } catch (UnsupportedOperationException windows) {
            // no POSIX permissions (Windows): the folder's ACL is the administrator's to set
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "secret.key-unreadable", file, String.valueOf(e.getMessage()));
        }
    }

    /** Writes the key file readable by its owner only, replacing it atomically when {@code replace}. */
    private static void write(Path file, List<byte[]> keys, boolean replace) throws FileAlreadyExistsException {
        StringBuilder text = new StringBuilder(HEADER);
        for (byte[] k : keys) {
            text.append(Base64.getEncoder().encodeToString(k)).append('\n');
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            OwnerOnly.createDirectories(dir);
            if (!replace && Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Path temp = Files.createTempFile(dir, ".master-key", ".tmp");
            try {
                OwnerOnly.restrict(temp);
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                if (replace) {
                    Files.copy(file, file.resolveSibling(file.getFileName() + ".previous"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "secret.key-unwritable", file, String.valueOf(e.getMessage()));
        }
    }

    /** Constant-time comparison of two derived keys. */
    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    @Override
    public String toString() {
        return "MasterKey[" + id() + " from " + source + "]";
    }
}
