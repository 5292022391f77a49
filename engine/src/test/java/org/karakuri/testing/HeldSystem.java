package org.karakuri.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A system on loopback that takes a call to {@code /hold} and does not answer until released (or
 * two minutes passed): a run waits on it while the test kills or stops the engine.
 */
public final class HeldSystem implements AutoCloseable {
    private final HttpServer server;
    private final CompletableFuture<Void> reached = new CompletableFuture<>();
    private final CountDownLatch release = new CountDownLatch(1);

    public HeldSystem() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hold", exchange -> {
            reached.complete(null);
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The URL a step calls to be held. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hold";
    }

    /** Completes when a call has reached the system. */
    public CompletableFuture<Void> reached() {
        return reached;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
