package org.karakuri.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every sentence a user reads, in English and Japanese. Each module ships
 * {@code META-INF/karakuri/messages.properties} (English) and {@code messages_ja.properties}
 * (UTF-8); all of them on the class path are merged, so a robot brings its own messages.
 */
public final class Messages {
    private static final String BASE = "META-INF/karakuri/messages";
    private static final Map<Locale, Messages> CACHE = new ConcurrentHashMap<>();
    private static volatile Locale defaultLocale = fromEnvironment(null);

    private final Locale locale;
    private final Map<String, String> texts;
    private final Map<String, String> fallback;

    private Messages(Locale locale, Map<String, String> texts, Map<String, String> fallback) {
        this.locale = locale;
        this.texts = texts;
        this.fallback = fallback;
    }

    /** Messages in the user's language: {@link #setDefault(Locale)}, else from the environment. */
    public static Messages get() {
        return of(defaultLocale);
    }

    public static Messages of(Locale locale) {
        Locale key = isJapanese(locale) ? Locale.JAPANESE : Locale.ENGLISH;
        return CACHE.computeIfAbsent(key, Messages::load);
    }

    public static Locale defaultLocale() {
        return defaultLocale;
    }

    public static void setDefault(Locale locale) {
        defaultLocale = isJapanese(locale) ? Locale.JAPANESE : Locale.ENGLISH;
    }

    /**
     * The language to speak: an explicit {@code --lang ja|en}, else {@code KARAKURI_LANG},
     * {@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG} (ja_JP.UTF-8 → Japanese), else on Windows the
     * display language, else English.
     */
    public static Locale fromEnvironment(String option) {
        String[] candidates = {option, System.getenv("KARAKURI_LANG"), System.getenv("LC_ALL"),
            System.getenv("LC_MESSAGES"), System.getenv("LANG")};
        for (String c : candidates) {
            if (c != null && !c.isBlank() && !c.equals("C") && !c.startsWith("C.") && !c.equals("POSIX")) {
                return c.toLowerCase(Locale.ROOT).startsWith("ja") ? Locale.JAPANESE : Locale.ENGLISH;
            }
        }
        // Windows has no LANG: the JVM takes the user's display language from the system
        if (System.getProperty("os.name", "").startsWith("Windows") && isJapanese(Locale.getDefault())) {
            return Locale.JAPANESE;
        }
        return Locale.ENGLISH;
    }

    public static boolean isJapanese(Locale locale) {
        return locale != null && "ja".equals(locale.getLanguage());
    }

    public Locale locale() {
        return locale;
    }

    public boolean has(String key) {
        return texts.containsKey(key) || fallback.containsKey(key) || org.karakuri.expr.ExpressionMessages.MESSAGES.containsKey(key);
    }

    /** The text for {@code key} with {@link MessageFormat} arguments; an unknown key prints itself and its arguments. */
    public String format(String key, Object... args) {
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            shown[i] = args[i] instanceof Text t ? t.in(this) : args[i];
        }
        if (org.karakuri.expr.ExpressionMessages.MESSAGES.containsKey(key)) {
            return org.karakuri.expr.ExpressionMessages.format(key, locale, shown);
        }
        String pattern = texts.getOrDefault(key, fallback.get(key));
        if (pattern == null) {
            return args.length == 0 ? key : key + " " + java.util.Arrays.toString(args);
        }
        return new MessageFormat(pattern.replace("'", "''"), locale).format(shown);
    }

    /** A message argument that is itself a message, formatted in the same language. */
    public record Text(String key, Object... args) {
        public String in(Messages messages) {
            return messages.format(key, args);
        }
    }

    /** The class loader of the extension jars, whose message files are read too (null: none). */
    private static volatile ClassLoader extensions;

    /**
     * Reads the message files of the extension jars {@code loader} holds too (a plugin action's
     * {@code META-INF/karakuri/messages.properties} and {@code messages_ja.properties}); their keys
     * add to the engine's and never replace one.
     */
    public static void include(ClassLoader loader) {
        extensions = loader;
        CACHE.clear();
    }

    private static Messages load(Locale locale) {
        Map<String, String> english = read(BASE + ".properties");
        if (!isJapanese(locale)) {
            return new Messages(locale, english, Map.of());
        }
        return new Messages(locale, read(BASE + "_ja.properties"), english);
    }

    private static Map<String, String> read(String resource) {
        Map<String, String> all = new HashMap<>();
        List<URL> engine;
        try {
            engine = Collections.list(Messages.class.getClassLoader().getResources(resource));
            for (URL url : engine) {
                load(url, all);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        ClassLoader plugins = extensions;
        if (plugins != null) {
            // after the engine's own: a plugin's key never replaces one of the engine's
            try {
                for (URL url : Collections.list(plugins.getResources(resource))) {
                    if (!engine.contains(url)) {
                        load(url, all);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a jar removed since it was loaded: its messages are gone with it, the engine's stay
            }
        }
        return Map.copyOf(all);
    }

    private static void load(URL url, Map<String, String> into) throws IOException {
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        p.forEach((k, v) -> into.putIfAbsent((String) k, (String) v));
    }
}
