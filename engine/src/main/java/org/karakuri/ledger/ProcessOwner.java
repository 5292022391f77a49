package org.karakuri.ledger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that holds a row {@code in-progress}: host, process id and the process's start
 * time (so a recycled process id is not taken for the same process). Written as
 * {@code host/pid/startMillis}.
 */
public record ProcessOwner(String host, long pid, long startMillis) {
    private static final ProcessOwner CURRENT = new ProcessOwner(hostName(), ProcessHandle.current().pid(),
        startOf(ProcessHandle.current()).orElse(0L));

    public static ProcessOwner current() {
        return CURRENT;
    }

    /** Reads {@code host/pid/startMillis}; empty when the text is not one. */
    public static Optional<ProcessOwner> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int b = text.lastIndexOf('/');
        int a = b < 0 ? -1 : text.lastIndexOf('/', b - 1);
        if (a < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessOwner(text.substring(0, a), Long.parseLong(text.substring(a + 1, b)),
                Long.parseLong(text.substring(b + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * True when this process is certainly still running: it is on this host and a process with
     * its id and start time exists. A process of another host cannot be checked and counts as
     * gone (runs of one scenario do not overlap: the scheduler sees to it).
     */
    public boolean isAlive() {
        if (!host.equals(CURRENT.host)) {
            return false;
        }
        if (pid == CURRENT.pid && startMillis == CURRENT.startMillis) {
            return true;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
            .flatMap(ProcessOwner::startOf).map(start -> start == startMillis).orElse(false);
    }

    /**
     * True when this process has certainly ended: it is on this host and no process with its id
     * and start time exists. A process of another host cannot be checked and is not gone.
     */
    public boolean isGone() {
        return host.equals(CURRENT.host) && !isAlive();
    }

    private static Optional<Long> startOf(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String toString() {
        return host + "/" + pid + "/" + startMillis;
    }
}
