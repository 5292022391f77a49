package org.karakuri.users;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The four roles of DESIGN.md: an author sees scenarios and runs; an operator also starts, pauses,
 * resumes and stops runs and decides about held rows; an auditor reads everything and changes
 * nothing; an admin does everything, and users.
 */
public enum Role {
    AUTHOR(EnumSet.of(Permission.VIEW)),
    OPERATOR(EnumSet.of(Permission.VIEW, Permission.EVIDENCE, Permission.OPERATE, Permission.RESOLVE)),
    AUDITOR(EnumSet.of(Permission.VIEW, Permission.EVIDENCE, Permission.AUDIT)),
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> grants;

    Role(Set<Permission> grants) {
        this.grants = grants;
    }

    public boolean may(Permission p) {
        return grants.contains(p);
    }

    /** {@code author}, {@code operator}… as written on the command line and stored. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        return Arrays.stream(values()).filter(r -> r.text().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** {@code author|operator|auditor|admin}, for messages. */
    public static String choices() {
        return Arrays.stream(values()).map(Role::text).collect(Collectors.joining("|"));
    }
}
