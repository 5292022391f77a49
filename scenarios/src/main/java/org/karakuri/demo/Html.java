package org.karakuri.demo;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTML 4.01 skeleton every screen shares, escaping, and sending a page as Shift_JIS. */
final class Html {

    static final String SYSTEM_NAME = "住民記録システム";

    private static final String DOCTYPE =
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\r\n";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");

    private static final String STYLE = """
            <style type="text/css">
            <!--
            body { font-family: "MS UI Gothic", "ＭＳ Ｐゴシック", sans-serif; font-size: 10pt; margin: 8px; }
            table { font-size: 10pt; }
            td.label { background-color: #DDEEFF; white-space: nowrap; }
            td.hint { color: #666666; font-size: 9pt; }
            th { background-color: #336699; color: #FFFFFF; font-weight: normal; }
            .error { color: #FF0000; }
            .message { color: #0000CC; font-weight: bold; }
            .disabled { color: #999999; }
            -->
            </style>
            """;

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Replaces each {@code {name}} in the template with the value given after that name, as is:
     * callers escape what came from a user. {@code fill("<b>{who}</b>", "who", escape(name))}.
     */
    static String fill(String template, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs: " + List.of(namesAndValues));
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        Set<String> unused = new HashSet<>(values.keySet());
        // one pass, so a value that happens to contain "{name}" is never replaced again
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder html = new StringBuilder(template.length() + 256);
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value != null) {
                unused.remove(placeholder.group(1));
                placeholder.appendReplacement(html, Matcher.quoteReplacement(value));
            }
        }
        placeholder.appendTail(html);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("no placeholder for " + unused + " in template");
        }
        return html.toString();
    }

    /** An empty table cell shows {@code &nbsp;}, as old systems do, so its border is drawn. */
    static String cell(String text) {
        return text.isEmpty() ? "&nbsp;" : escape(text);
    }

    static String head(String title) {
        return "<head>\r\n"
                + "<meta http-equiv=\"Content-Type\" content=\"" + ShiftJis.HTML_CONTENT_TYPE + "\">\r\n"
                + "<meta http-equiv=\"Pragma\" content=\"no-cache\">\r\n"
                + "<meta http-equiv=\"Cache-Control\" content=\"no-cache\">\r\n"
                + "<title>" + escape(title) + "</title>\r\n"
                + STYLE
                + "</head>\r\n";
    }

    static String page(String title, String body) {
        return DOCTYPE + "<html lang=\"ja\">\r\n" + head(title)
                + "<body bgcolor=\"#FFFFFF\">\r\n" + body + "\r\n</body>\r\n</html>\r\n";
    }

    /** The blue bar on top of each screen in the main frame, with its screen id on the right. */
    static String screenTitle(String title, String screenId) {
        return "<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"4\" bgcolor=\"#003399\">"
                + "<tr><td><font color=\"#FFFFFF\"><b>" + escape(title) + "</b></font></td>"
                + "<td align=\"right\"><font color=\"#CCCCFF\" size=\"-1\">画面ID：" + escape(screenId)
                + "</font></td></tr></table>\r\n<br>\r\n";
    }

    static String errors(List<String> messages) {
        if (messages.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<div class=\"error\"><font color=\"#FF0000\">入力内容に誤りがあります。</font>\r\n<ul>\r\n");
        for (String message : messages) {
            html.append("<li><font color=\"#FF0000\">").append(escape(message)).append("</font></li>\r\n");
        }
        return html.append("</ul></div>\r\n").toString();
    }

    static void send(Context ctx, String html) {
        send(ctx, HttpStatus.OK, html);
    }

    static void send(Context ctx, HttpStatus status, String html) {
        ctx.status(status);
        noCache(ctx);
        ctx.contentType(ShiftJis.HTML_CONTENT_TYPE);
        sendBytes(ctx, ShiftJis.encode(html));
    }

    /** Sends the body with its Content-Length, as the old servers did, rather than chunked. */
    static void sendBytes(Context ctx, byte[] body) {
        ctx.header("Content-Length", String.valueOf(body.length));
        ctx.result(body);
    }

    static void noCache(Context ctx) {
        ctx.header("Cache-Control", "no-cache, no-store");
        ctx.header("Pragma", "no-cache");
        ctx.header("Expires", "0");
    }
}
