package org.karakuri.docs;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.karakuri.expr.Condition;
import org.karakuri.expr.Template;
import org.karakuri.model.Position;
import org.karakuri.model.Step;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;
import org.karakuri.spi.Doc;
import org.karakuri.spi.Entries;
import org.karakuri.spi.Key;
import org.karakuri.spi.Required;
import org.karakuri.spi.Shorthand;
import org.karakuri.spi.Sibling;
import org.karakuri.yaml.YNode;

/**
 * {@code docs/actions.md}: the reference of every action, written from the same annotations
 * the loader and the JSON Schema read. A test fails when the file in the repository is not
 * what this writes ({@code ./karakuri actions --markdown > docs/actions.md}).
 */
public final class ActionReference {
    private ActionReference() {}

    public static String markdown(ActionRegistry registry) {
        StringBuilder b = new StringBuilder();
        b.append("# Actions / 操作一覧\n\n")
            .append("Generated from the code by `./karakuri actions --markdown`; do not edit by hand.\n")
            .append("コードから `./karakuri actions --markdown` で生成しています。手で編集しないでください。\n\n")
            .append("Every step may also carry `name`, `retry` (`times`, `wait`), `timeout` and `continue-on-error` ")
            .append("(see [the language reference](scenario-language.md)).\n\n");
        for (Action<?> a : registry.all()) {
            b.append("- [`").append(a.name()).append("`](#").append(a.name()).append(")\n");
        }
        for (Action<?> a : registry.all()) {
            b.append("\n## ").append(a.name()).append("\n\n").append(a.doc()).append("  \n").append(a.docJa()).append("\n\n");
            b.append("| key | type | | meaning |\n|---|---|---|---|\n");
            for (RecordComponent c : a.paramsType().getRecordComponents()) {
                if (c.getType() == Position.class || c.getType() == Path.class) {
                    continue;
                }
                String key = c.isAnnotationPresent(Entries.Whole.class) ? "*(the value)*" : "`" + key(c) + "`";
                String where = c.isAnnotationPresent(Sibling.class) ? "beside the action"
                    : c.isAnnotationPresent(Shorthand.class) ? "shorthand" : "";
                String req = c.isAnnotationPresent(Required.class) ? "required" : "";
                Doc d = c.getAnnotation(Doc.class);
                b.append("| ").append(key).append(" | ").append(type(c.getGenericType())).append(" | ")
                    .append(String.join(", ", List.of(req, where).stream().filter(s -> !s.isEmpty()).toList())).append(" | ")
                    .append(d == null ? "" : d.value() + (d.ja().isEmpty() ? "" : "<br>" + d.ja())).append(" |\n");
            }
            for (String ex : a.examples()) {
                b.append("\n```yaml\n- ").append(ex.stripTrailing().replace("\n", "\n  ")).append("\n```\n");
            }
        }
        return b.toString();
    }

    private static String key(RecordComponent c) {
        Key k = c.getAnnotation(Key.class);
        return k != null ? k.value() : c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String type(Type t) {
        Class<?> raw = t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
        if (raw == List.class) {
            Type item = ((ParameterizedType) t).getActualTypeArguments()[0];
            return item == Step.class ? "steps" : "list of " + type(item);
        }
        if (raw == Entries.class || raw == java.util.Map.class) {
            return "map";
        }
        if (raw == Template.class) {
            return "text `${…}`";
        }
        if (raw == Condition.class) {
            return "condition";
        }
        if (raw == Duration.class) {
            return "duration";
        }
        if (raw == Integer.class || raw == int.class) {
            return "number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true/false";
        }
        if (raw.isEnum()) {
            StringBuilder b = new StringBuilder();
            for (Object e : raw.getEnumConstants()) {
                b.append(b.length() == 0 ? "" : " \\| ").append(((Enum<?>) e).name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            return b.toString();
        }
        if (raw == YNode.class) {
            return "any";
        }
        if (raw.isRecord()) {
            return "map";
        }
        return "text";
    }
}
