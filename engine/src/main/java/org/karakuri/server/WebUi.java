package org.karakuri.server;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Pages served beside the API on {@code serve}'s port: the console. Found with
 * {@link ServiceLoader}, so the server knows only its routes and how it shows an error as a page.
 */
public interface WebUi {

    /** The UI's routes and its error pages, for this server. */
    Mounted mount(Server server);

    /** What a UI adds to the server. */
    record Mounted(List<Route> routes, Http.ErrorPages errorPages) {
        public Mounted {
            routes = List.copyOf(routes);
        }
    }

    /** The UIs on the class path. */
    static List<WebUi> installed() {
        return ServiceLoader.load(WebUi.class, WebUi.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
    }
}
