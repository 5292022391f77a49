package org.karakuri.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.spi.SimpleAction;
import org.karakuri.model.Doc;
import org.karakuri.model.Entries;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;
import org.karakuri.yaml.YNode;

/**
 * {@code http:} calls a URL through Camel's http component. A map or list {@code body} is
 * sent as JSON with its {@code ${…}} rendered; a text body as text. The response becomes the
 * current value and, with {@code into}, a variable (parsed when it is JSON). A status of 400 or
 * more fails the step with the status and the start of the answer.
 */
public final class Http implements SimpleAction<Http.Params> {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Params(
        @Doc(value = "GET (default), POST, PUT, PATCH or DELETE.", ja = "GET（既定）、POST、PUT、PATCH、DELETE。")
        Method method,
        @Shorthand @Required @Doc(value = "The URL (http or https).", ja = "URL（http または https）。")
        Template url,
        @Doc(value = "Request headers.", ja = "リクエストヘッダー。")
        Entries<Template> headers,
        @Doc(value = "The body: text, or a map/list sent as JSON.", ja = "本文: 文字列、またはマップ/リスト（JSON で送信）。")
        YNode body,
        @Doc(value = "Variable that receives the response.", ja = "応答を受け取る変数名。")
        String into) {
        public Params {
            method = method == null ? Method.GET : method;
            headers = headers == null ? Entries.empty() : headers;
        }
    }

    public enum Method { GET, POST, PUT, PATCH, DELETE }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Call an HTTP URL (method, url, headers, body) and keep the response.";
    }

    @Override
    public String docJa() {
        return "HTTP の URL を呼び出し、応答を変数に受け取ります（method, url, headers, body）。";
    }

    @Override
    public List<String> examples() {
        return List.of("""
            http:
              method: POST
              url: ${system}/api/notify
              headers:
                X-Office: 市民課
              body:
                受付番号: ${row.受付番号}
                件数: 1
              into: answer
            """, "http: ${system}/api/health");
    }

    @Override
    public void run(Params p, StepContext ctx) throws Exception {
        String url = ctx.text(p.url());
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new KarakuriException("http.bad-url", ctx.mask(url));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new KarakuriException("http.bad-url", ctx.mask(url));
        }
        Object body = body(p.body(), ctx);
        String contentType = p.body() == null ? null
            : p.body() instanceof YNode.Scalar ? "text/plain; charset=UTF-8" : "application/json; charset=UTF-8";
        long timeoutMs = Math.max(1000, ctx.timeout().toMillis());
        String endpoint = scheme + "://" + uri.getRawAuthority() + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
            + "?throwExceptionOnFailure=false&connectTimeout=" + timeoutMs + "&responseTimeout=" + timeoutMs;
        HttpComponent component = ctx.camel().getComponent(scheme, HttpComponent.class);
        if (component.getHttpClientConfigurer() == null) {
            // A POST must never be sent twice behind the author's back: retries are the step's own `retry`.
            component.setHttpClientConfigurer(builder -> builder.disableAutomaticRetries());
        }
        Exchange answer = ctx.producer().request(endpoint, ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, p.method().name());
            if (uri.getRawQuery() != null) {
                ex.getMessage().setHeader(Exchange.HTTP_QUERY, uri.getRawQuery());
            }
            if (contentType != null) {
                ex.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
            }
            for (Entries.Entry<Template> h : p.headers().list()) {
                ex.getMessage().setHeader(h.key(), ctx.text(h.value()));
            }
            ex.getMessage().setBody(body);
        });
        if (answer.getException() != null) {
            throw new KarakuriException("http.failed", p.method().name(), ctx.mask(url),
                ctx.mask(String.valueOf(answer.getException().getMessage())));
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String text = answer.getMessage().getBody(String.class);
        if (status >= 400) {
            String start = text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
            throw new KarakuriException("http.status", p.method().name(), ctx.mask(url), status, ctx.mask(start));
        }
        Object value = parse(text, answer.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
        ctx.body(value);
        if (p.into() != null) {
            ctx.setVariable(p.into(), value);
        }
        ctx.emit("http", Map.of("method", p.method().name(), "url", url, "status", status));
    }

    private static Object parse(String text, String contentType) {
        if (text != null && contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                return JSON.readValue(text, Object.class);
            } catch (Exception e) {
                return text;
            }
        }
        return text;
    }

    private static Object body(YNode node, StepContext ctx) throws Exception {
        if (node == null) {
            return null;
        }
        if (node instanceof YNode.Scalar s) {
            return s.isNull() ? null : ctx.text(Template.parse(s.value()));
        }
        return JSON.writeValueAsString(plain(node, ctx));
    }

    private static Object plain(YNode node, StepContext ctx) {
        if (node instanceof YNode.Map m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach(e -> out.put(e.key().value(), plain(e.value(), ctx)));
            return out;
        }
        if (node instanceof YNode.Seq s) {
            List<Object> out = new ArrayList<>();
            s.items().forEach(i -> out.add(plain(i, ctx)));
            return out;
        }
        YNode.Scalar s = (YNode.Scalar) node;
        return s.isNull() ? null : ctx.value(Template.parse(s.value()));
    }
}
