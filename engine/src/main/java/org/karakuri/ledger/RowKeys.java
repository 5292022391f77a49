package org.karakuri.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.karakuri.config.SecretsConfig;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.jp.BusinessKeys;
import org.karakuri.jp.MyNumber;
import org.karakuri.secret.MasterKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Business keys as the ledger compares and keeps them. A key is compared in one form: NFKC
 * (full-width letters and digits become half-width), every dash the same, spaces trimmed and
 * single; a key made of digits and separators keeps its digits only. So {@code １２３４５６７８９０１８},
 * {@code 1234-5678-9018} and {@code 123456789018} are one key, and {@code Ｒ－１} is {@code R-1}.
 *
 * <p>A key of a masked column, or a My Number, is kept as {@code hmac:<key id>:<HMAC-SHA256>}
 * under a key derived from the engine's master key (unsalted SHA-256 of a 12-digit number can be
 * reversed by trying them all); every other key stays readable, so an operator sees the 受付番号.
 * Looking a key up also tries the forms an older version wrote (the key as written, or its
 * SHA-256) and what a retired master key made; a row found so is moved to the current form.
 */
public final class RowKeys {
    private static final Logger log = LoggerFactory.getLogger(RowKeys.class);
    static final String PURPOSE = "karakuri ledger row keys v1";
    static final String HMAC = "hmac:";
    static final String SHA256 = "sha256:";
    /** How the version before this one recognised a My Number (for keys it wrote). */
    private static final Pattern OLD_MY_NUMBER = Pattern.compile(
        "([0-9０-９]{4})[ 　\\-－‐]?([0-9０-９]{4})[ 　\\-－‐]?([0-9０-９]{4})");
    private static final List<String> OLD_SEPARATORS = List.of("", " ", "　", "-", "－", "‐");

    private final Sql db;
    private final String scenario;
    private final SecretsConfig secrets;
    private final Path home;
    private List<Keyed> keys;
    private Map<String, String> olderForms;

    /** An HMAC key derived from one master key, with that key's id. */
    private record Keyed(String id, byte[] key) {}

    public RowKeys(Sql db, String scenario, SecretsConfig secrets, Path home) {
        this.db = db;
        this.scenario = scenario;
        this.secrets = secrets;
        this.home = home;
    }

    /** The form keys are compared in ({@link BusinessKeys#normalise}). */
    public static String normalise(String written) {
        return BusinessKeys.normalise(written);
    }

    /** Whether a key is kept hidden: its column is masked, or it is a My Number. */
    public static boolean hidden(String written, boolean maskedColumn) {
        return BusinessKeys.hidden(written, maskedColumn);
    }

    /** What the ledger keeps for this key from now on. */
    public String stored(String written, boolean maskedColumn) {
        String n = normalise(written);
        return hidden(written, maskedColumn) ? hmac(current(), n) : n;
    }

    /**
     * Every form the ledger may hold this key under: what it keeps now first, then what a retired
     * master key made, then what an older version wrote.
     */
    public List<String> forms(String written, boolean maskedColumn) {
        return List.copyOf(forms(written, maskedColumn, keys(true)));
    }

    /**
     * Every form a key a person typed (an operator's {@code rows --key}, the API, the console) may
     * be kept under, whether its column was masked or not: the key as given (a stored form the
     * console posts back), then {@link #forms} of both. Looking never makes a master key: without
     * one, and with no hidden row, only the readable and older forms are tried.
     */
    public List<String> lookup(String written) {
        List<Keyed> k = keys(false);
        Set<String> out = new LinkedHashSet<>();
        out.add(written == null ? "" : written.strip());
        out.addAll(forms(written, false, k));
        out.addAll(forms(written, true, k));
        return List.copyOf(out);
    }

    private Set<String> forms(String written, boolean maskedColumn, List<Keyed> keys) {
        String n = normalise(written);
        Set<String> forms = new LinkedHashSet<>();
        boolean hidden = hidden(written, maskedColumn);
        if (hidden) {
            for (Keyed k : keys) {
                forms.add(hmac(k, n));
            }
        } else {
            forms.add(n);
        }
        String asWritten = written == null ? "" : written.strip();
        boolean oldHidden = maskedColumn || oldMyNumber(asWritten);
        forms.add(oldHidden ? sha256(asWritten) : asWritten);
        if (MyNumber.isValid(n) && n.length() == 12) {
            for (String variant : oldMyNumberForms(n)) {
                forms.add(sha256(variant));
            }
        }
        String older = olderForms().get(n);
        if (older != null) {
            forms.add(older);
        }
        return forms;
    }

    private Keyed current() {
        return keys(true).get(0);
    }

    /**
     * The HMAC keys, current first, checked against the ledger: rows hidden with a key this
     * engine does not have stop the run (they would look new). With no key at all and no hidden
     * row yet, a master key is made (first use) when {@code create}; else there are none.
     */
    private List<Keyed> keys(boolean create) {
        if (keys != null) {
            return keys;
        }
        Set<String> used = Ledger.keyIds(db, scenario);
        MasterKey found = MasterKey.find(secrets, home).orElse(null);
        if (found == null) {
            if (!used.isEmpty()) {
                throw new KarakuriException("secret.key-missing", secrets.keyFile(), new org.karakuri.i18n.Messages.Text("secret.key-why-ledger"));
            }
            if (!create) {
                return List.of();
            }
            found = MasterKey.create(secrets, home);
            log.warn("made a new master key {} at {}: back it up apart from KARAKURI_HOME (docs/security.md)", found.id(), found.source());
        }
        MasterKey master = found;
        List<String> unknown = used.stream().filter(id -> !master.ids().contains(id)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new KarakuriException("ledger.wrong-key", scenario, String.join(", ", unknown), String.join(", ", master.ids()), master.source());
        }
        List<Keyed> out = new ArrayList<>();
        List<byte[]> derived = master.deriveAll(PURPOSE);
        for (int i = 0; i < derived.size(); i++) {
            out.add(new Keyed(master.ids().get(i), derived.get(i)));
        }
        keys = List.copyOf(out);
        return keys;
    }

    /** Readable keys an older version wrote in another form than {@link #normalise}: normalised form → as kept. */
    private Map<String, String> olderForms() {
        if (olderForms == null) {
            Map<String, String> m = new HashMap<>();
            for (String k : Ledger.readableKeys(db, scenario)) {
                String n = normalise(k);
                if (!n.equals(k)) {
                    m.putIfAbsent(n, k);
                }
            }
            olderForms = m;
        }
        return olderForms;
    }

    private static String hmac(Keyed k, String normalised) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k.key(), "HmacSHA256"));
            return HMAC + k.id() + ":" + HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }

    private static String sha256(String text) {
        try {
            return SHA256 + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static boolean oldMyNumber(String text) {
        var m = OLD_MY_NUMBER.matcher(text);
        return m.matches() && MyNumber.isValid(text);
    }

    /** The ways the older version could have seen a My Number written: half- or full-width, 4-4-4 with its separators. */
    static List<String> oldMyNumberForms(String digits) {
        List<String> out = new ArrayList<>();
        for (boolean full : new boolean[] {false, true}) {
            String d = full ? digits.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０'))).reduce("", String::concat) : digits;
            for (String a : OLD_SEPARATORS) {
                for (String b : OLD_SEPARATORS) {
                    out.add(d.substring(0, 4) + a + d.substring(4, 8) + b + d.substring(8));
                }
            }
        }
        return out;
    }
}
