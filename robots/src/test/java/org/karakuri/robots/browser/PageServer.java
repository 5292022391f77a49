package org.karakuri.robots.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** Serves the pages a browser test drives, and keeps what the browser sent. */
final class PageServer implements AutoCloseable {
    record Request(String method, String path, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    PageServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::dispatch);
        server.start();
    }

    private static final String BODY = "karakuri.body";

    /** The body of the request a handler answers (already read by the server). */
    static String body(HttpExchange ex) {
        return new String((byte[]) ex.getAttribute(BODY), StandardCharsets.UTF_8);
    }

    /** The fields of a form the browser posted ({@code application/x-www-form-urlencoded}). */
    static Map<String, String> form(String body) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            m.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                kv.length < 2 ? "" : java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return m;
    }

    /** A UTF-8 page with {@code title} and {@code body}. */
    static byte[] html(String title, String body) {
        return ("<html><head><meta charset='UTF-8'><title>" + title + "</title></head><body>" + body + "</body></html>")
            .getBytes(StandardCharsets.UTF_8);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code html} (UTF-8) at {@code path} and returns its URL. */
    String page(String path, String html) {
        handlers.put(path, ex -> send(ex, 200, "text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8), Map.of()));
        return url(path);
    }

    String handle(String path, Handler handler) {
        handlers.put(path, handler);
        return url(path);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private void dispatch(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Content-Type"), body));
        ex.setAttribute(BODY, body);
        Handler h = handlers.get(path);
        if (h == null) {
            send(ex, 404, "text/html; charset=UTF-8", "<title>404</title>not found".getBytes(StandardCharsets.UTF_8), Map.of());
            return;
        }
        try {
            h.handle(ex);
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
