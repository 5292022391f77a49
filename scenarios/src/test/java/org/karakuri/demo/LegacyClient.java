package org.karakuri.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A clerk's browser reduced to HTTP: keeps cookies, follows redirects, and encodes forms in
 * Shift_JIS (Windows-31J) the way a browser does on a Shift_JIS page.
 */
final class LegacyClient {

    static final Charset SJIS = Charset.forName("Windows-31J");

    /** What came back; {@link #text()} decodes the body as the page says it is encoded. */
    record Response(int status, HttpHeaders headers, byte[] body, URI uri) {

        String text() {
            return new String(body, SJIS);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final URI base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    LegacyClient(URI base) {
        this(base, HttpClient.Redirect.NORMAL);
    }

    LegacyClient(URI base, HttpClient.Redirect redirects) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(redirects).build();
    }

    CookieManager cookies() {
        return cookies;
    }

    Response login(String user, String password) {
        return post("login", "uid", user, "pwd", password);
    }

    Response login() {
        return login("clerk01", "madoguchi-2026");
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** Posts {@code name, value, name, value...} as {@code application/x-www-form-urlencoded} in Shift_JIS. */
    Response post(String path, String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return post(path, form);
    }

    Response post(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(browserEncode(name)).append('=').append(browserEncode(value));
        });
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.US_ASCII)));
    }

    /**
     * Encodes like a browser's form submission (WHATWG urlencoded serializer): byte by byte, so a
     * Shift_JIS trail byte in the ASCII range goes out as is ({@code カ} → {@code %83J}), unlike
     * {@link java.net.URLEncoder}, which escapes every byte of the character.
     */
    static String browserEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(SJIS)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "*-._".indexOf(c) >= 0) {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** Posts one file the way a browser does from a Shift_JIS page: the file name in Shift_JIS. */
    Response upload(String path, String field, String fileName, byte[] content) {
        String boundary = "----WebKitFormBoundaryKarakuri7MA4YWxk";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(SJIS));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"btnTorikomi\"\r\n\r\n"
                + "取込\r\n--" + boundary + "--\r\n").getBytes(SJIS));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body(), response.uri());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
