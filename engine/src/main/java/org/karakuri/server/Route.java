package org.karakuri.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import org.karakuri.users.Permission;

/**
 * One call the server answers, and what it needs: a permission (null for the few public ones:
 * {@code GET /api/health}, the login page, static files). The table of routes is what the server
 * registers, what the role test walks, and what {@code openapi.json} is checked against.
 *
 * @param api whether it is an API call (Bearer token, JSON errors) or a console page (session cookie, CSRF on POST)
 */
public record Route(HandlerType method, String path, Permission need, boolean api, Handler handler) {
    public static Route api(HandlerType method, String path, Permission need, Handler handler) {
        return new Route(method, path, need, true, handler);
    }

    public static Route page(HandlerType method, String path, Permission need, Handler handler) {
        return new Route(method, path, need, false, handler);
    }
}
