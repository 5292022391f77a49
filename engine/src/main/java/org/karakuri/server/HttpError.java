package org.karakuri.server;

import org.karakuri.i18n.KarakuriException;

/** An answer other than success, with a message key: 400, 401, 403, 404, 409. The body is {@code {"error": …}} in the caller's language. */
public final class HttpError extends KarakuriException {
    private final int status;

    public HttpError(int status, String key, Object... args) {
        super(key, args);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
