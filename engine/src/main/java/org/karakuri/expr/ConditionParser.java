package org.karakuri.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads conditions by recursive descent:
 * <pre>
 * or         = and { "or" and }
 * and        = unary { "and" unary }
 * unary      = "not" unary | "(" or ")" | comparison
 * comparison = operand [ ("==" | "!=" | "<" | ">" | "<=" | ">=" | "contains") operand | "empty" ]
 * operand    = 'text' | "text" | a run of characters without spaces, which may hold ${…}
 * </pre>
 */
final class ConditionParser {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "contains", "empty");
    private static final String SYMBOL_OPERATORS = "()<>";

    private enum Kind { OPERAND, COMPARE, EMPTY, NOT, AND, OR, OPEN, CLOSE, END }

    private record Token(Kind kind, String text, int offset, ConditionNode.Operand operand) {}

    private final String src;
    private final TemplateParser templates;
    private final List<Token> tokens = new ArrayList<>();
    private final Set<String> references = new LinkedHashSet<>();
    private int position;
    private Token previous;

    ConditionParser(String src) {
        this.src = src;
        this.templates = new TemplateParser(src);
    }

    ConditionNode parse() {
        tokenize();
        if (tokens.get(0).kind() == Kind.END) {
            throw new ExpressionException(0, "expr.condition-empty");
        }
        ConditionNode root = or();
        Token rest = peek();
        if (rest.kind() != Kind.END) {
            throw new ExpressionException(rest.offset(), "expr.unexpected-token", rest.text());
        }
        return root;
    }

    private ConditionNode or() {
        List<ConditionNode> alternatives = new ArrayList<>(List.of(and()));
        while (peek().kind() == Kind.OR) {
            next();
            alternatives.add(and());
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new ConditionNode.Or(List.copyOf(alternatives));
    }

    private ConditionNode and() {
        List<ConditionNode> conditions = new ArrayList<>(List.of(unary()));
        while (peek().kind() == Kind.AND) {
            next();
            conditions.add(unary());
        }
        return conditions.size() == 1 ? conditions.get(0) : new ConditionNode.And(List.copyOf(conditions));
    }

    private ConditionNode unary() {
        Token token = peek();
        switch (token.kind()) {
            case NOT -> {
                next();
                return new ConditionNode.Not(unary());
            }
            case OPEN -> {
                next();
                ConditionNode inner = or();
                Token close = peek();
                if (close.kind() == Kind.END) {
                    throw new ExpressionException(token.offset(), "expr.unclosed-parenthesis");
                }
                if (close.kind() != Kind.CLOSE) {
                    throw new ExpressionException(close.offset(), "expr.unexpected-token", close.text());
                }
                next();
                return inner;
            }
            case OPERAND -> {
                next();
                return comparison(token.operand());
            }
            default -> throw missingOperand(token);
        }
    }

    private ConditionNode comparison(ConditionNode.Operand left) {
        Token token = peek();
        if (token.kind() == Kind.EMPTY) {
            next();
            return new ConditionNode.Empty(left);
        }
        if (token.kind() != Kind.COMPARE) {
            return new ConditionNode.Truth(left);
        }
        next();
        Token right = peek();
        if (right.kind() != Kind.OPERAND) {
            throw missingOperand(right);
        }
        next();
        return new ConditionNode.Compare(left, token.text(), right.operand());
    }

    /** An operand was expected at {@code found}: blame the operator before it, or {@code found} at the start. */
    /** The references of all operands, after {@link #parse}, in order of first appearance. */
    List<String> references() {
        return List.copyOf(references);
    }

    private ExpressionException missingOperand(Token found) {
        Token blamed = previous != null ? previous : found;
        return new ExpressionException(blamed.offset(), "expr.missing-operand", blamed.text());
    }

    private Token peek() {
        return tokens.get(position);
    }

    private void next() {
        previous = tokens.get(position++);
    }

    private void tokenize() {
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), i, null));
                i++;
            } else if (symbolOperatorAt(i) != null) {
                String operator = symbolOperatorAt(i);
                tokens.add(new Token(Kind.COMPARE, operator, i, null));
                i += operator.length();
            } else if (c == '\'' || c == '"') {
                int close = src.indexOf(c, i + 1);
                if (close < 0) {
                    throw new ExpressionException(i, "expr.unclosed-quote", String.valueOf(c));
                }
                Template literal = Template.literal(src.substring(i + 1, close));
                tokens.add(new Token(Kind.OPERAND, src.substring(i, close + 1), i, new ConditionNode.Operand(literal, i)));
                i = close + 1;
            } else {
                i = word(i);
            }
        }
        tokens.add(new Token(Kind.END, "", src.length(), null));
    }

    /** Reads a keyword or an operand made of text and {@code ${…}}; returns where it ends. */
    private int word(int start) {
        int i = start;
        while (i < src.length() && !Character.isWhitespace(src.charAt(i))
                && SYMBOL_OPERATORS.indexOf(src.charAt(i)) < 0 && symbolOperatorAt(i) == null) {
            if (src.startsWith("$${", i)) {
                i += 3;
            } else if (src.startsWith("${", i)) {
                i = templates.expression(i, src.length()).end();
            } else {
                i++;
            }
        }
        String text = src.substring(start, i);
        if (KEYWORDS.contains(text)) {
            Kind kind = switch (text) {
                case "and" -> Kind.AND;
                case "or" -> Kind.OR;
                case "not" -> Kind.NOT;
                case "empty" -> Kind.EMPTY;
                default -> Kind.COMPARE;
            };
            tokens.add(new Token(kind, text, start, null));
        } else {
            Template template = new Template(text, templates.parts(start, i));
            references.addAll(template.references());
            tokens.add(new Token(Kind.OPERAND, text, start, new ConditionNode.Operand(template, start)));
        }
        return i;
    }

    /** The operator written with symbols at {@code i}, or {@code null}. */
    private String symbolOperatorAt(int i) {
        for (String operator : List.of("==", "!=", "<=", ">=", "<", ">")) {
            if (src.startsWith(operator, i)) {
                return operator;
            }
        }
        return null;
    }
}
