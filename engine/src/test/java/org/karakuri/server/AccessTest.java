package org.karakuri.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
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
import org.karakuri.users.Role;

/**
 * Every route × every role (and no credential, a wrong token, a revoked one) → the status DESIGN.md's
 * role table asks for; every answer's body matches the shape {@code openapi.json} gives for it, and
 * the document describes exactly the routes the server has.
 */
class AccessTest {
    @TempDir
    Path dir;
    ServerFixture f;
    final Map<String, String> tokens = new LinkedHashMap<>();
    String run;

    /** The callers, in the order of each row's statuses. */
    static final List<String> CALLERS = List.of("none", "wrong", "revoked", "author", "operator", "auditor", "admin", "service");

    /** method path → statuses for {@link #CALLERS}; {run} is a finished run, {id} the scenario. */
    static final Map<String, List<Integer>> TABLE = new LinkedHashMap<>();

    static {
        row("GET /api/health", 200, 200, 200, 200, 200, 200, 200, 200);
        row("GET /api/openapi.json", 401, 401, 401, 200, 200, 200, 200, 200);
        row("GET /api/scenarios", 401, 401, 401, 200, 200, 200, 200, 200);
        row("GET /api/scenarios/{id}", 401, 401, 401, 200, 200, 200, 200, 200);
        row("POST /api/scenarios/{id}/trigger", 401, 401, 401, 403, 202, 403, 202, 202);
        row("POST /api/scenarios/{id}/pause", 401, 401, 401, 403, 200, 403, 200, 200);
        row("POST /api/scenarios/{id}/resume", 401, 401, 401, 403, 200, 403, 200, 200);
        row("GET /api/queue", 401, 401, 401, 200, 200, 200, 200, 200);
        row("GET /api/runs", 401, 401, 401, 200, 200, 200, 200, 200);
        row("GET /api/runs/{id}", 401, 401, 401, 200, 200, 200, 200, 200);
        row("POST /api/runs/{id}/stop", 401, 401, 401, 403, 409, 403, 409, 409);
        row("GET /api/scenarios/{id}/rows", 401, 401, 401, 403, 200, 200, 200, 200);
        row("POST /api/scenarios/{id}/rows/resolve", 401, 401, 401, 403, 400, 403, 400, 400);
        row("POST /api/scenarios/{id}/rows/reset", 401, 401, 401, 403, 400, 403, 400, 400);
        row("GET /api/operations", 401, 401, 401, 403, 403, 200, 200, 200);
        row("POST /api/validate", 401, 401, 401, 400, 400, 400, 400, 400); // every role may; an empty body is a 400
    }

    static void row(String route, Integer... statuses) {
        TABLE.put(route, List.of(statuses));
    }

    @BeforeEach
    void server() throws Exception {
        Messages.setDefault(Locale.ENGLISH);
        f = new ServerFixture(dir);
        f.write("manual.yaml", "scenario: manual\ntitle: 手動\nsteps:\n  - log: by hand\n").start();
        for (Role r : Role.values()) {
            f.server.users().add(r.text() + "1", r, "password-of-twelve".toCharArray());
            tokens.put(r.text(), f.server.users().newToken(r.text() + "1").token());
        }
        String revoked = f.server.users().newToken("operator1").token();
        f.server.users().revoke("operator1", f.server.users().tokens("operator1").get(1).id());
        tokens.put("revoked", revoked);
        tokens.put("wrong", "krk_this-is-not-a-token");
        tokens.put("service", ServerFixture.SERVICE);
        run = f.post("/api/scenarios/manual/trigger").body().path("run").asText();
        Eventually.until(Duration.ofSeconds(20), "the run done", () -> f.get("/api/runs/" + run).body().path("status").asText().equals("succeeded"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void everyRouteAnswersEachRoleAsTheRoleTableSaysWithABodyOfTheDocumentedShape() {
        JsonNode doc = f.get("/api/openapi.json").body();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> row : TABLE.entrySet()) {
            String method = row.getKey().split(" ")[0];
            String template = row.getKey().split(" ")[1];
            String path = template.replace("{id}", template.startsWith("/api/runs") ? run : "manual");
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                ServerFixture.Response r = f.call(method, path, tokens.get(caller));
                int expected = row.getValue().get(i);
                if (r.status() != expected) {
                    failures.add(row.getKey() + " as " + caller + ": " + r.status() + " (expected " + expected + ") " + r.body());
                    continue;
                }
                if (expected >= 400) {
                    if (r.body() == null || !r.body().path("error").isTextual() || r.body().path("error").asText().isBlank()) {
                        failures.add(row.getKey() + " as " + caller + ": no {\"error\": …} body: " + r.body());
                    }
                    continue;
                }
                JsonNode schema = doc.path("paths").path(template).path(method.toLowerCase(Locale.ROOT)).path("responses")
                    .path(String.valueOf(expected)).path("content").path("application/json").path("schema");
                if (schema.isMissingNode()) {
                    failures.add(row.getKey() + ": openapi.json has no " + expected + " answer");
                    continue;
                }
                Set<ValidationMessage> problems = validator(doc, schema).validate(r.body());
                if (!problems.isEmpty()) {
                    failures.add(row.getKey() + " as " + caller + ": " + problems + " in " + r.body());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void decidesAboutAHeldRowThroughTheApiWithAnAnswerOfTheDocumentedShape() throws Exception {
        try (org.karakuri.ledger.Ledger l = org.karakuri.ledger.Ledger.open(org.karakuri.ledger.LedgerSettings.h2(f.home))) {
            l.finished("manual", "R-7", org.karakuri.spi.RowStatus.INTERRUPTED, run, 8, null);
        }
        JsonNode doc = f.get("/api/openapi.json").body();
        JsonNode rows = f.call("GET", "/api/scenarios/manual/rows?status=interrupted", tokens.get("auditor")).body();
        assertThat(rows).hasSize(1);
        assertThat(validator(doc, doc.path("paths").path("/api/scenarios/{id}/rows").path("get").path("responses").path("200").path("content")
            .path("application/json").path("schema")).validate(rows)).isEmpty();
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(f.server.url() + "/api/scenarios/manual/rows/resolve")).header("Authorization", "Bearer " + tokens.get("operator"))
            .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"key\":\"R-7\",\"comment\":\"窓口で入力\"}"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode decision = ServerFixture.JSON.readTree(r.body());
        assertThat(validator(doc, doc.path("paths").path("/api/scenarios/{id}/rows/resolve").path("post").path("responses").path("200")
            .path("content").path("application/json").path("schema")).validate(decision)).isEmpty();
        assertThat(decision.path("by").asText()).isEqualTo("operator1");
        JsonNode ops = f.call("GET", "/api/operations", tokens.get("auditor")).body();
        assertThat(ops.get(0).path("action").asText()).isEqualTo("row-resolve");
        assertThat(ops.get(0).path("by").asText()).isEqualTo("operator1");
        assertThat(ops.get(0).path("details").path("comment").asText()).isEqualTo("窓口で入力");
    }

    java.net.http.HttpResponse<String> validate(String query, String contentType, String body, String language) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(f.server.url() + "/api/validate" + query)).header("Authorization", "Bearer " + tokens.get("author"))
            .header("Content-Type", contentType).header("Accept-Language", language)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAuthorValidatesAScenarioTextAndGetsEachProblemWithLineAndColumnInTheirLanguage() throws Exception {
        JsonNode doc = f.get("/api/openapi.json").body();
        JsonSchema shape = validator(doc, doc.path("paths").path("/api/validate").path("post").path("responses").path("200")
            .path("content").path("application/json").path("schema"));
        String broken = "scenario: tennyu\nsteps:\n  - log: 受付を始めます\n  - lgo: 保存します\n  - call: nowhere.yaml\n";
        java.net.http.HttpResponse<String> r = validate("?file=tennyu.yaml", "application/yaml", broken, "en");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode v = ServerFixture.JSON.readTree(r.body());
        assertThat(shape.validate(v)).isEmpty();
        assertThat(v.path("valid").asBoolean()).isFalse();
        assertThat(v.path("scenario").isNull()).isTrue();
        JsonNode first = v.path("problems").get(0);
        assertThat(first.path("file").asText()).isEqualTo("tennyu.yaml");
        assertThat(first.path("line").asInt()).isEqualTo(4);
        assertThat(first.path("col").asInt()).isEqualTo(5);
        assertThat(first.path("message").asText()).contains("lgo").contains("log");
        assertThat(first.path("text").asText()).startsWith("tennyu.yaml:4:5: ");
        assertThat(r.body()).as("no server path in the answer").doesNotContain(f.scenarios.toString());

        JsonNode ja = ServerFixture.JSON.readTree(validate("?file=tennyu.yaml", "text/plain; charset=utf-8", broken, "ja").body());
        assertThat(ja.path("problems").get(0).path("message").asText()).doesNotContain("unknown").contains("lgo");
        assertThat(ja.path("problems").get(0).path("message").asText()).isNotEqualTo(first.path("message").asText());

        // as JSON
        String good = "scenario: tennyu\ntitle: 転入届\nsteps:\n  - call: manual.yaml\n";
        JsonNode ok = ServerFixture.JSON.readTree(validate("", "application/json",
            ServerFixture.JSON.writeValueAsString(java.util.Map.of("file", "tennyu.yaml", "text", good)), "en").body());
        assertThat(shape.validate(ok)).isEmpty();
        assertThat(ok.path("valid").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.path("scenario").asText()).isEqualTo("tennyu");
        assertThat(ok.path("title").asText()).isEqualTo("転入届");
        assertThat(ok.path("problems")).isEmpty();
        assertThat(f.scenarios.resolve("tennyu.yaml")).as("nothing is saved").doesNotExist();

        java.net.http.HttpResponse<String> badName = validate("?file=../../etc/passwd.yaml", "application/yaml", good, "en");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.body()).contains("is not a scenario file name");
        assertThat(validate("", "application/json", "{not json", "en").statusCode()).isEqualTo(400);
    }

    @Test
    void theTableAndTheDocumentCoverExactlyTheServersApiRoutes() {
        Set<String> routes = new TreeSet<>();
        for (Route r : f.server.routes()) {
            if (r.api()) {
                routes.add(r.method().name() + " " + r.path());
            }
        }
        assertThat(new TreeSet<>(TABLE.keySet())).isEqualTo(routes);
        Set<String> documented = new TreeSet<>();
        JsonNode doc = f.get("/api/openapi.json").body();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
            .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        assertThat(documented).isEqualTo(routes);
    }

    /** The response schema with the document's components, OpenAPI's {@code nullable} turned into JSON Schema's null type. */
    static JsonSchema validator(JsonNode doc, JsonNode schema) {
        ObjectNode root = (ObjectNode) jsonSchema(schema.deepCopy());
        root.set("components", jsonSchema(doc.path("components").deepCopy()));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
    }

    private static JsonNode jsonSchema(JsonNode n) {
        if (n instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                o.set(k, jsonSchema(o.get(k)));
            }
            if (o.path("nullable").asBoolean(false)) {
                o.remove("nullable");
                if (o.has("type")) {
                    ArrayNode types = o.arrayNode().add(o.get("type").asText()).add("null");
                    o.set("type", types);
                    if (o.has("enum")) {
                        ((ArrayNode) o.get("enum")).addNull();
                    }
                } else {
                    ObjectNode copy = o.deepCopy();
                    o.removeAll();
                    o.putArray("anyOf").add(copy).add(o.objectNode().put("type", "null"));
                }
            }
            return o;
        }
        if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, jsonSchema(a.get(i)));
            }
        }
        return n;
    }
}
