package org.karakuri.users;

/**
 * Who is calling: a user through the console or with a token, or the service token
 * ({@code KARAKURI_API_TOKEN}, admin rights), or the command line's OS user.
 *
 * @param via {@code console}, {@code api}, {@code service} or {@code cli}
 */
public record Principal(String name, Role role, String via) {
    public boolean may(Permission p) {
        return role.may(p);
    }

    /** The service token: admin rights, named {@code service} in the trail. */
    public static Principal service() {
        return new Principal("service", Role.ADMIN, "service");
    }

    /** The one at the command line (the OS user): the CLI's rights are the file system's. */
    public static Principal cli() {
        return new Principal(System.getProperty("user.name", "?"), Role.ADMIN, "cli");
    }
}
