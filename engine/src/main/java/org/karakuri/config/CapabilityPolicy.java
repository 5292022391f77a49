package org.karakuri.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Doc;

/**
 * {@code capabilities:} what a scenario may reach, decided by the administrator, never by a
 * scenario: the Camel components {@code camel:} may send to, the schemes {@code open} may load,
 * and the folders file actions, {@code file:} endpoints and {@code file:} URLs may touch (beside
 * the scenario's own folder and {@code KARAKURI_HOME}, which are always allowed).
 */
@Doc(value = "What scenarios may reach: Camel components, addresses `open` may load, folders.",
    ja = "シナリオが使ってよいもの: Camel のコンポーネント、open で開けるアドレス、フォルダー。")
public record CapabilityPolicy(
    @Setting(env = "KARAKURI_CAMEL_COMPONENTS", byDefault = "log, seda, file, http, https, smtp, smtps")
    @Doc(value = "Camel components `camel: to:` may use. Never list exec, language, bean, class, jdbc or sql unless every "
        + "scenario author may run programs and read the engine's environment.",
        ja = "camel: to: で使ってよい Camel コンポーネント。exec、language、bean、class、jdbc、sql は、シナリオを書く人全員に"
            + "プログラムの実行とエンジンの環境変数の読み取りを許す場合のほかは入れないでください。")
    List<String> camelComponents,
    @Setting(env = "KARAKURI_OPEN_SCHEMES", byDefault = "http, https, file")
    @Doc(value = "Address schemes `open` may load (http, https, file); file: only inside the allowed folders.",
        ja = "open で開けるアドレスの種類（http、https、file）。file: は許可したフォルダーの中だけ。")
    List<String> openSchemes,
    @Setting(env = "KARAKURI_ROOTS")
    @Doc(value = "More folders scenarios may read and write, beside their own folder and KARAKURI_HOME "
        + "(in the environment: separated by the platform's path separator, ':' on Linux, ';' on Windows).",
        ja = "シナリオのフォルダーと KARAKURI_HOME のほかに、シナリオが読み書きしてよいフォルダー"
            + "（環境変数ではパス区切り文字で区切ります。Linux は ':'、Windows は ';'）。")
    List<Path> roots) {

    /** The schemes {@code open} can be allowed to load at all. */
    public static final Set<String> OPEN_SCHEMES = Set.of("http", "https", "file");

    public CapabilityPolicy {
        camelComponents = camelComponents.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String c : camelComponents) {
            if (!c.matches("[a-z][a-z0-9+.-]*")) {
                throw new KarakuriException("config.bad-component", c);
            }
        }
        openSchemes = openSchemes.stream().map(s -> s.strip().toLowerCase(Locale.ROOT).replaceFirst(":$", "")).distinct().toList();
        for (String s : openSchemes) {
            if (!OPEN_SCHEMES.contains(s)) {
                throw new KarakuriException("config.bad-open-scheme", s, String.join(", ", List.of("http", "https", "file")));
            }
        }
        roots = List.copyOf(roots);
    }

    public boolean allowsComponent(String component) {
        return camelComponents.contains(component.toLowerCase(Locale.ROOT));
    }

    public boolean allowsOpen(String scheme) {
        return openSchemes.contains(scheme.toLowerCase(Locale.ROOT));
    }
}
