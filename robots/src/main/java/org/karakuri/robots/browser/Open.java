package org.karakuri.robots.browser;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages;
import org.karakuri.i18n.Position;
import org.karakuri.model.Doc;
import org.karakuri.model.Reaches;
import org.karakuri.model.Required;
import org.karakuri.model.Shorthand;
import org.karakuri.spi.StepContext;

/** {@code open: URL} — loads a page in the current window and waits until it has loaded. */
public final class Open extends BrowserAction<Open.Params> {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    @Doc(value = "The page to open.", ja = "開くページ。")
    public record Params(
        @Reaches(Reaches.Kind.WEB_ADDRESS) @Shorthand @Required @Doc(value = "Address: http://…, https://…, file:… inside the allowed folders, or /path on the current site.",
            ja = "アドレス。http://…、https://…、許可されたフォルダー内の file:…、または今のサイトの /パス。")
        Template url) {}

    @Override
    public String name() {
        return "open";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String doc() {
        return "Opens a page and waits until it has loaded; /path is relative to the current site.";
    }

    @Override
    public String docJa() {
        return "ページを開き、読み込みが終わるまで待ちます。/パス は今開いているサイトからの場所です。";
    }

    @Override
    public List<String> examples() {
        return List.of("open: ${system}/login", "open: https://jumin.example.lg.jp/menu", "open: /resident/new");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    boolean navigates() {
        return true;
    }

    @Override
    void execute(Params p, StepContext ctx, BrowserSession browser) {
        String url = address(ctx.text(p.url()).strip(), browser);
        ctx.capabilities().openUrl(url);
        browser.page().pageLoadTimeout(ctx.timeout());
        browser.pressed(ctx, null, null);
        try {
            browser.driver().get(url);
        } catch (org.openqa.selenium.WebDriverException e) {
            throw notOpened(ctx, url, String.valueOf(e.getMessage()), e);
        }
        // a driver that does not throw leaves the browser's own error page: that is no page either
        if (browser.driver() instanceof org.openqa.selenium.JavascriptExecutor js
            && js.executeScript("return document.URL") instanceof String shown && shown.startsWith("chrome-error:")) {
            Object code = js.executeScript("var c = document.querySelector('.error-code'); return c ? c.textContent : ''");
            throw notOpened(ctx, url, String.valueOf(code), null);
        }
        browser.settle(ctx.timeout());
        browser.checkNotExpired(ctx);
    }

    /** {@code net::ERR_CONNECTION_REFUSED} and its kind said in words; the address masked. */
    private static KarakuriException notOpened(StepContext ctx, String url, String detail, Exception cause) {
        var m = java.util.regex.Pattern.compile("(?:net::)?(ERR_[A-Z_]+)").matcher(detail);
        String code = m.find() ? m.group(1) : null;
        if (code == null) {
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            code = "ERR_FAILED";
        }
        String reason = switch (code) {
            case "ERR_CONNECTION_REFUSED" -> "browser.open.refused";
            case "ERR_NAME_NOT_RESOLVED" -> "browser.open.unknown-host";
            case "ERR_CONNECTION_TIMED_OUT", "ERR_TIMED_OUT" -> "browser.open.timed-out";
            case "ERR_ADDRESS_UNREACHABLE", "ERR_INTERNET_DISCONNECTED", "ERR_NETWORK_CHANGED" -> "browser.open.unreachable";
            case "ERR_CERT_AUTHORITY_INVALID", "ERR_CERT_COMMON_NAME_INVALID", "ERR_CERT_DATE_INVALID" -> "browser.open.certificate";
            default -> null;
        };
        Object why = reason == null ? code : new Messages.Text(reason);
        return new KarakuriException((Position) null, cause, "browser.open.failed", ctx.mask(url), why);
    }

    private static String address(String written, BrowserSession browser) {
        if (SCHEME.matcher(written).matches()) {
            return written;
        }
        if (written.startsWith("/") || written.startsWith("?") || written.startsWith("#")) {
            String current = browser.started() ? browser.safeUrl() : "";
            if (current.startsWith("http:") || current.startsWith("https:") || current.startsWith("file:")) {
                try {
                    return new URI(current).resolve(written).toString();
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new KarakuriException("browser.open.bad-url", written);
                }
            }
            throw new KarakuriException("browser.open.relative", written);
        }
        throw new KarakuriException("browser.open.bad-url", written);
    }
}
