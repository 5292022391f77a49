package org.karakuri.users;

import java.time.Instant;

/**
 * A person the engine knows.
 *
 * @param source {@code local} (a password kept here) or {@code ldap} (checked by the directory)
 */
public record User(String name, Role role, String source, Instant created) {}
