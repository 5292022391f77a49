package org.karakuri.users;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.karakuri.config.DirectoryConfig;
import org.karakuri.i18n.KarakuriException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login against a directory (Active Directory, OpenLDAP) through the JDK's LDAP client: the engine
 * binds as the user with the password they typed, then reads the groups they belong to (their
 * {@code memberOf}, and groups under the group base whose {@code member} names them); the first
 * group of the mapping they are in gives their role. A user in no mapped group may not log in. An
 * empty password is refused before any bind (a directory takes it as an anonymous bind).
 *
 * <p>Settings: the engine configuration's {@code directory:} section ({@link DirectoryConfig}).
 */
public final class Directory {
    private static final Logger log = LoggerFactory.getLogger(Directory.class);

    private final String url;
    private final String userPattern;
    private final String groupBase;
    private final Map<String, Role> roles;

    public Directory(String url, String userPattern, String groupBase, Map<String, Role> roles) {
        this.url = url;
        this.userPattern = userPattern;
        this.groupBase = groupBase;
        this.roles = Map.copyOf(roles);
    }

    /** The directory this configuration names, if any; a mapping to no role is refused. */
    public static Optional<Directory> from(DirectoryConfig config) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        Map<String, Role> roles = new LinkedHashMap<>();
        for (String pair : config.roles()) {
            int eq = pair.lastIndexOf('=');
            Role r = eq < 0 ? null : Role.parse(pair.substring(eq + 1)).orElse(null);
            if (r == null || pair.substring(0, eq).isBlank()) {
                throw new KarakuriException("ldap.bad-mapping", pair.strip(), Role.choices());
            }
            roles.put(normal(pair.substring(0, eq)), r);
        }
        return Optional.of(new Directory(config.url().strip(), config.user().strip(), config.groupBase(), roles));
    }

    /** The role the directory gives this user for this password; empty when the bind fails or no mapped group holds them. */
    public Optional<Role> login(String name, char[] password) {
        if (name == null || name.isBlank() || password == null || password.length == 0) {
            return Optional.empty();
        }
        String dn = userPattern.replace("{0}", escapeDn(name));
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, url);
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, dn);
        env.put(Context.SECURITY_CREDENTIALS, new String(password));
        env.put("com.sun.jndi.ldap.connect.timeout", "5000");
        env.put("com.sun.jndi.ldap.read.timeout", "10000");
        DirContext ctx;
        try {
            ctx = new InitialDirContext(env);
        } catch (AuthenticationException e) {
            return Optional.empty();
        } catch (NamingException e) {
            log.warn("the directory {} cannot be reached: {}", url, e.getMessage());
            throw new KarakuriException("ldap.unreachable", url);
        }
        try {
            List<String> groups = groups(ctx, dn);
            for (Map.Entry<String, Role> m : roles.entrySet()) {
                if (groups.contains(m.getKey())) {
                    return Optional.of(m.getValue());
                }
            }
            return Optional.empty();
        } catch (NamingException e) {
            log.warn("cannot read the groups of {} from {}: {}", name, url, e.getMessage());
            return Optional.empty();
        } finally {
            try {
                ctx.close();
            } catch (NamingException e) {
                log.debug("closing the directory connection: {}", e.getMessage());
            }
        }
    }

    private List<String> groups(DirContext ctx, String dn) throws NamingException {
        List<String> out = new ArrayList<>();
        if (!dn.contains("@")) {
            Attributes a = ctx.getAttributes(dn, new String[] {"memberOf"});
            Attribute memberOf = a.get("memberOf");
            if (memberOf != null) {
                NamingEnumeration<?> all = memberOf.getAll();
                while (all.hasMore()) {
                    out.add(normal(String.valueOf(all.next())));
                }
            }
        }
        if (groupBase != null && !groupBase.isBlank()) {
            SearchControls c = new SearchControls();
            c.setSearchScope(SearchControls.SUBTREE_SCOPE);
            c.setReturningAttributes(new String[0]);
            NamingEnumeration<SearchResult> found = ctx.search(groupBase, "(|(member={0})(uniqueMember={0}))", new Object[] {dn}, c);
            while (found.hasMore()) {
                out.add(normal(found.next().getNameInNamespace()));
            }
        }
        return out;
    }

    /** A DN compared without case and spaces after commas. */
    private static String normal(String dn) {
        return dn.strip().replaceAll(",\\s+", ",").toLowerCase(Locale.ROOT);
    }

    /** RFC 4514: the characters a user name cannot bring into a DN unescaped. */
    static String escapeDn(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",+\"\\<>;=".indexOf(c) >= 0 || (i == 0 && (c == '#' || c == ' ')) || (i == value.length() - 1 && c == ' ')) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
