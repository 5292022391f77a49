package org.karakuri.expr;

import java.util.List;

/** The parsed form of a condition; {@code and} and {@code or} stop as soon as the result is known. */
sealed interface ConditionNode {

    boolean test(Lookup lookup);

    /** A value in a condition: a template, or quoted text as a literal template. */
    record Operand(Template template, int offset) {
        Object value(Lookup lookup) {
            return template.evaluate(lookup);
        }
    }

    record Or(List<ConditionNode> alternatives) implements ConditionNode {
        public boolean test(Lookup lookup) {
            return alternatives.stream().anyMatch(node -> node.test(lookup));
        }
    }

    record And(List<ConditionNode> conditions) implements ConditionNode {
        public boolean test(Lookup lookup) {
            return conditions.stream().allMatch(node -> node.test(lookup));
        }
    }

    record Not(ConditionNode condition) implements ConditionNode {
        public boolean test(Lookup lookup) {
            return !condition.test(lookup);
        }
    }

    /** {@code x empty}: see {@link Values#isEmpty}. */
    record Empty(Operand operand) implements ConditionNode {
        public boolean test(Lookup lookup) {
            return Values.isEmpty(operand.value(lookup));
        }
    }

    /** {@code left op right} for {@code == != < > <= >= contains}. */
    record Compare(Operand left, String operator, Operand right) implements ConditionNode {
        public boolean test(Lookup lookup) {
            Object a = left.value(lookup);
            Object b = right.value(lookup);
            return switch (operator) {
                case "==" -> Values.same(a, b);
                case "!=" -> !Values.same(a, b);
                case "<" -> Values.compare(a, b) < 0;
                case ">" -> Values.compare(a, b) > 0;
                case "<=" -> Values.compare(a, b) <= 0;
                case ">=" -> Values.compare(a, b) >= 0;
                case "contains" -> Values.contains(a, b);
                default -> throw new IllegalStateException("the parser admits no operator " + operator);
            };
        }
    }

    /** A lone value: a Boolean, or the text true or false (any case). */
    record Truth(Operand operand) implements ConditionNode {
        public boolean test(Lookup lookup) {
            Object value = operand.value(lookup);
            if (value instanceof Boolean b) {
                return b;
            }
            String text = Values.text(value).strip();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return text.equalsIgnoreCase("true");
            }
            Template template = operand.template();
            if (template.usesSecret()) {
                throw new ExpressionException(operand.offset(), "expr.secret-not-a-boolean",
                        template.references().stream().filter(r -> r.startsWith("secret:")).findFirst().orElseThrow());
            }
            throw new ExpressionException(operand.offset(), "expr.not-a-boolean", text);
        }
    }
}
