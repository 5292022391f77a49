package org.karakuri.docs;

import java.util.List;
import org.karakuri.lang.Field;
import org.karakuri.lang.Shape;
import org.karakuri.lang.ValueType;
import org.karakuri.spi.Action;
import org.karakuri.spi.ActionRegistry;

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
            for (Field f : Shape.of(a.paramsType()).fields()) {
                if (!f.written()) {
                    continue;
                }
                String key = f.role() == Field.Role.WHOLE ? "*(the value)*" : "`" + f.key() + "`";
                String where = f.role() == Field.Role.SIBLING ? "beside the action" : f.shorthand() ? "shorthand" : "";
                String req = f.required() ? "required" : "";
                b.append("| ").append(key).append(" | ").append(type(f.type())).append(" | ")
                    .append(String.join(", ", List.of(req, where).stream().filter(s -> !s.isEmpty()).toList())).append(" | ")
                    .append(f.doc() == null ? "" : f.docEn() + (f.docJa().isEmpty() ? "" : "<br>" + f.docJa())).append(" |\n");
            }
            for (String ex : a.examples()) {
                b.append("\n```yaml\n- ").append(ex.stripTrailing().replace("\n", "\n  ")).append("\n```\n");
            }
        }
        return b.toString();
    }

    private static String type(ValueType t) {
        if (t instanceof ValueType.ListOf list) {
            return list.item() instanceof ValueType.StepValue ? "steps" : "list of " + type(list.item());
        }
        if (t instanceof ValueType.MapOf || t instanceof ValueType.Nested) {
            return "map";
        }
        if (t instanceof ValueType.TemplateText) {
            return "text `${…}`";
        }
        if (t instanceof ValueType.ConditionText) {
            return "condition";
        }
        if (t instanceof ValueType.Length) {
            return "duration";
        }
        if (t instanceof ValueType.WholeNumber) {
            return "number";
        }
        if (t instanceof ValueType.TrueFalse) {
            return "true/false";
        }
        if (t instanceof ValueType.Choice choice) {
            return String.join(" \\| ", choice.names());
        }
        if (t instanceof ValueType.AnyYaml) {
            return "any";
        }
        return "text";
    }
}
