package org.karakuri.cli;

import java.io.IOException;
import java.net.InetAddress;

/** This machine's name, for the operations trail. */
final class Hosts {
    private Hosts() {}

    static String name() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
