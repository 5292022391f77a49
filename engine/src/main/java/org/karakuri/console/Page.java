package org.karakuri.console;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.karakuri.i18n.Messages;
import org.karakuri.server.Http;
import org.karakuri.users.Permission;
import org.karakuri.users.Principal;


/**
 * The frame of every console page: the language of the reader, the navigation their role may
 * use, the language switch, the logout form; text escaped on the way in. No inline script or style
 * (the CSP forbids them): {@code /static/console.css} and {@code /static/console.js} only.
 */
final class Page {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final Context ctx;
    final Messages m;
    final Principal who;
    final StringBuilder body = new StringBuilder();

    Page(Context ctx) {
        this.ctx = ctx;
        this.m = Http.messages(ctx);
        this.who = Http.principal(ctx);
    }

    boolean ja() {
        return Messages.isJapanese(m.locale());
    }

    String t(String key, Object... args) {
        return esc(m.format(key, args));
    }

    Page add(String html) {
        body.append(html).append('\n');
        return this;
    }

    boolean may(Permission p) {
        return who != null && who.may(p);
    }

    /** A hidden CSRF field for a form of this session. */
    String csrf() {
        return Http.session(ctx).map(s -> "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(s.csrf()) + "\">").orElse("");
    }

    /** A small form with one button posting to {@code action}. */
    String button(String action, String label, String cssClass) {
        return "<form method=\"post\" action=\"" + esc(action) + "\" class=\"inline\">" + csrf() + "<button type=\"submit\" class=\"" + cssClass + "\">"
            + esc(label) + "</button></form>";
    }

    String time(Instant i) {
        return i == null ? "-" : TIME.format(i.atZone(ZoneId.systemDefault()));
    }

    void send(String title, int status) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"").append(ja() ? "ja" : "en").append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").append(esc(title)).append(" - ")
            .append(t("console.product")).append("</title>\n<link rel=\"stylesheet\" href=\"/static/console.css\">\n")
            .append("<script src=\"/static/console.js\" defer></script>\n</head>\n<body>\n")
            .append("<a class=\"skip\" href=\"#main\">").append(t("console.skip")).append("</a>\n<header>\n<p class=\"brand\">")
            .append(t("console.product")).append("</p>\n");
        if (who != null) {
            h.append("<nav aria-label=\"").append(t("console.nav")).append("\"><ul>");
            nav(h, "/scenarios", "console.scenarios", Permission.VIEW);
            nav(h, "/runs", "console.runs", Permission.VIEW);
            nav(h, "/review", "console.review", Permission.EVIDENCE);
            nav(h, "/savings", "console.savings", Permission.EVIDENCE);
            nav(h, "/operations", "console.operations", Permission.AUDIT);
            nav(h, "/users", "console.users", Permission.USERS);
            h.append("</ul></nav>\n<p class=\"who\">").append(esc(who.name())).append(" (").append(t("console.role." + who.role().text()))
                .append(")</p>\n<form method=\"post\" action=\"/logout\" class=\"inline\">").append(csrf())
                .append("<button type=\"submit\">").append(t("console.logout")).append("</button></form>\n");
        }
        String back = URLEncoder.encode(ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()), StandardCharsets.UTF_8);
        h.append("<p class=\"lang\"><a href=\"/lang?to=").append(ja() ? "en" : "ja").append("&amp;back=").append(back).append("\" lang=\"")
            .append(ja() ? "en" : "ja").append("\">").append(ja() ? "English" : "日本語").append("</a></p>\n</header>\n<main id=\"main\">\n<h1>")
            .append(esc(title)).append("</h1>\n").append(body).append("</main>\n</body>\n</html>\n");
        ctx.status(status).contentType("text/html; charset=utf-8").result(h.toString());
    }

    void send(String title) {
        send(title, 200);
    }

    private void nav(StringBuilder h, String href, String key, Permission need) {
        if (may(need)) {
            boolean here = ctx.path().equals(href) || ctx.path().startsWith(href + "/");
            h.append("<li><a href=\"").append(href).append("\"").append(here ? " aria-current=\"page\"" : "").append(">").append(t(key)).append("</a></li>");
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
