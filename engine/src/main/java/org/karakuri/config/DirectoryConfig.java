package org.karakuri.config;

import java.util.List;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Doc;

/**
 * {@code directory:} an optional LDAP directory (Active Directory, OpenLDAP) for console and API
 * logins: the engine binds as the user with the password they typed and takes their role from
 * the first mapped group they are in. Without a URL, only the engine's own users log in.
 */
@Doc(value = "An LDAP directory (Active Directory) for console and API logins; local users stay the default.",
    ja = "コンソールと API のログインに使う LDAP ディレクトリー（Active Directory）。既定はエンジン自身の利用者です。")
public record DirectoryConfig(
    @Setting(env = "KARAKURI_LDAP_URL")
    @Doc(value = "The directory's address: ldaps://dc01.city.local:636.",
        ja = "ディレクトリーのアドレス（ldaps://dc01.city.local:636）。")
    String url,
    @Setting(env = "KARAKURI_LDAP_USER")
    @Doc(value = "The name to bind as, {0} for the user name: {0}@city.local (Active Directory) or uid={0},ou=people,dc=city,dc=local.",
        ja = "バインドする名前。利用者名を {0} と書きます（Active Directory なら {0}@city.local、uid={0},ou=people,dc=city,dc=local など）。")
    String user,
    @Setting(env = "KARAKURI_LDAP_GROUP_BASE")
    @Doc(value = "Where groups that name their members are searched (optional; the user's memberOf is read too).",
        ja = "メンバーを持つグループを探す場所（省略可。利用者の memberOf も読みます）。")
    String groupBase,
    @Setting(env = "KARAKURI_LDAP_ROLES", separator = ";")
    @Doc(value = "Group DN=role (author, operator, auditor, admin); the first group a user is in gives the role. In the "
        + "environment separated by ';'.",
        ja = "グループ DN=役割（author、operator、auditor、admin）。利用者が入っている最初のグループで役割が決まります。"
            + "環境変数では ';' で区切ります。")
    List<String> roles) {

    public DirectoryConfig {
        roles = roles == null ? List.of() : List.copyOf(roles);
        if (url != null && !url.isBlank() && (user == null || !user.contains("{0}") || roles.isEmpty())) {
            throw new KarakuriException("ldap.incomplete");
        }
    }

    /** Whether a directory is configured. */
    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}
