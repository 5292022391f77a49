package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karakuri.i18n.Messages;
import org.karakuri.ledger.Ledger;
import org.karakuri.ledger.LedgerSettings;
import org.karakuri.spi.RowStatus;
import org.karakuri.users.Role;
import org.karakuri.users.Sessions;

/**
 * Every console page and form × every role's session (and none) → the status the role table asks
 * for; a form without the session's CSRF token is refused; five wrong passwords lock a name; the
 * session cookie is HttpOnly and SameSite=Strict; pages carry the security headers.
 */
class ConsoleAccessTest {
    @TempDir
    Path dir;
    ServerFixture f;
    final Map<String, Sessions.Session> sessions = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String run;

    static final List<String> CALLERS = List.of("none", "author", "operator", "auditor", "admin");
    static final Map<String, List<Integer>> TABLE = new LinkedHashMap<>();

    static {
        // 302: to the login page (no session) or onwards after a form; 200 a page; 403 the role may not
        row("GET /", 302, 302, 302, 302, 302);
        row("GET /login", 200, 200, 200, 200, 200);
        row("POST /login", 401, 401, 401, 401, 401);
        row("POST /logout", 302, 302, 302, 302, 302);
        row("GET /lang", 302, 302, 302, 302, 302);
        row("GET /static/console.css", 200, 200, 200, 200, 200);
        row("GET /static/console.js", 200, 200, 200, 200, 200);
        row("GET /scenarios", 302, 200, 200, 200, 200);
        row("POST /scenarios/{id}/trigger", 302, 403, 302, 403, 302);
        row("POST /scenarios/{id}/pause", 302, 403, 302, 403, 302);
        row("POST /scenarios/{id}/resume", 302, 403, 302, 403, 302);
        row("GET /runs", 302, 200, 200, 200, 200);
        row("GET /runs/{id}", 302, 200, 200, 200, 200);
        row("POST /runs/{id}/stop", 302, 403, 409, 403, 409);
        row("GET /runs/{id}/report", 302, 403, 200, 200, 200);
        row("GET /runs/{id}/files/<file>", 302, 403, 200, 200, 200);
        row("GET /review", 302, 403, 200, 200, 200);
        row("POST /review/resolve", 302, 403, 302, 403, 302);
        row("POST /review/reset", 302, 403, 302, 403, 302);
        row("GET /savings", 302, 403, 200, 200, 200);
        row("GET /operations", 302, 403, 403, 200, 200);
        row("GET /users", 302, 403, 403, 403, 200);
        row("POST /users", 302, 403, 403, 403, 400);
        row("POST /users/{name}/remove", 302, 403, 403, 403, 302);
        row("POST /users/{name}/revoke", 302, 403, 403, 403, 302);
    }

    static void row(String route, Integer... statuses) {
        TABLE.put(route, List.of(statuses));
    }

    @BeforeEach
    void server() throws Exception {
        Messages.setDefault(Locale.ENGLISH);
        f = new ServerFixture(dir);
        f.write("manual.yaml", "scenario: manual\nsteps:\n  - log: by hand\n").start();
        for (Role r : Role.values()) {
            var u = f.server.users().add(r.text() + "1", r, "password-of-twelve".toCharArray());
            sessions.put(r.text(), f.server.sessions().open(u));
        }
        run = f.post("/api/scenarios/manual/trigger").body().path("run").asText();
        Eventually.until(Duration.ofSeconds(20), "the run done", () -> f.get("/api/runs/" + run).body().path("status").asText().equals("succeeded"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    HttpResponse<String> call(String method, String path, Sessions.Session s, Map<String, String> form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.server.url() + path));
        if (s != null) {
            b.header("Cookie", "karakuri_session=" + s.id());
        }
        if (method.equals("POST")) {
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyPageAndFormAnswersEachRoleAsTheRoleTableSays() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> row : TABLE.entrySet()) {
            String method = row.getKey().split(" ")[0];
            String template = row.getKey().split(" ")[1];
            for (int i = 0; i < CALLERS.size(); i++) {
                Sessions.Session s = sessions.get(CALLERS.get(i));
                // each decision needs a row to decide about; each removal a user to remove
                if (template.startsWith("/review/")) {
                    try (Ledger l = Ledger.open(LedgerSettings.h2(f.home))) {
                        l.finished("manual", "R-" + i, RowStatus.INTERRUPTED, run, 2, null);
                    }
                }
                if (template.contains("{name}")) {
                    f.server.users().add("temp" + i + template.hashCode(), Role.AUTHOR, "password-of-twelve".toCharArray());
                }
                String path = template.replace("{id}", template.startsWith("/runs") ? run : "manual").replace("<file>", "audit.jsonl")
                    .replace("{name}", "temp" + i + template.hashCode());
                Map<String, String> form = new LinkedHashMap<>();
                if (s != null) {
                    form.put("csrf", s.csrf());
                }
                form.put("scenario", "manual");
                form.put("ref", "R-" + i);
                form.put("comment", "by hand");
                form.put("name", "");
                form.put("password", "x");
                HttpResponse<String> r = call(method, path, s, form);
                int expected = row.getValue().get(i);
                if (r.statusCode() != expected) {
                    failures.add(row.getKey() + " as " + CALLERS.get(i) + ": " + r.statusCode() + " (expected " + expected + ")");
                } else if (expected >= 400 && !r.body().contains("<main")) {
                    failures.add(row.getKey() + " as " + CALLERS.get(i) + ": the error is not a console page");
                }
                if (method.equals("POST") && path.equals("/logout") && s != null) {
                    sessions.put(CALLERS.get(i), f.server.sessions().open(f.server.users().get(CALLERS.get(i) + "1").orElseThrow()));
                }
            }
        }
        assertThat(failures).isEmpty();
        Set<String> routes = new TreeSet<>();
        for (Route r : f.server.routes()) {
            if (!r.api() && !r.path().equals("/events")) {
                routes.add(r.method().name() + " " + r.path());
            }
        }
        assertThat(new TreeSet<>(TABLE.keySet())).isEqualTo(routes);
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefusedAndDoesNothing() throws Exception {
        Sessions.Session op = sessions.get("operator");
        HttpResponse<String> forged = call("POST", "/scenarios/manual/trigger", op, Map.of("csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("the form is out of date or not from this console");
        HttpResponse<String> none = call("POST", "/scenarios/manual/trigger", op, Map.of());
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(f.get("/api/runs?scenario=manual").body()).hasSize(1);
        HttpResponse<String> other = call("POST", "/scenarios/manual/trigger", op, Map.of("csrf", sessions.get("admin").csrf()));
        assertThat(other.statusCode()).as("another session's token").isEqualTo(403);
    }

    @Test
    void fiveWrongPasswordsLockTheNameAndTheLoginSaysUntilWhen() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(call("POST", "/login", null, Map.of("name", "operator1", "password", "wrong-password-" + i)).body())
                .contains("Wrong user name or password");
        }
        assertThat(call("POST", "/login", null, Map.of("name", "operator1", "password", "wrong-password-5")).body()).contains("locked until");
        HttpResponse<String> right = call("POST", "/login", null, Map.of("name", "operator1", "password", "password-of-twelve"));
        assertThat(right.statusCode()).isEqualTo(401);
        assertThat(right.body()).contains("locked until");
        assertThat(f.server.trail().latest(10, o -> o.action().equals("login-failed"))).hasSize(6);
        HttpResponse<String> other = call("POST", "/login", null, Map.of("name", "admin1", "password", "password-of-twelve", "next", "/runs"));
        assertThat(other.statusCode()).isEqualTo(302);
        assertThat(other.headers().firstValue("Location")).contains("/runs");
        String cookie = other.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("karakuri_session=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").doesNotContain("Secure");
    }

    @Test
    void pagesCarryTheSecurityHeadersAndOnlyTheReportMayBeFramedBySelf() throws Exception {
        HttpResponse<String> page = call("GET", "/scenarios", sessions.get("auditor"), Map.of());
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("script-src 'self'")
            .doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=").doesNotContain("http://").doesNotContain("https://");
        HttpResponse<String> report = call("GET", "/runs/" + run + "/report", sessions.get("auditor"), Map.of());
        assertThat(report.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        assertThat(report.headers().firstValue("Content-Security-Policy")).get().asString().contains("frame-ancestors 'self'").contains("sandbox");
    }
}
