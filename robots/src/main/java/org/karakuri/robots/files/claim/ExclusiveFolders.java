package org.karakuri.robots.files.claim;

import java.util.List;

/**
 * What a server's file operations offer for a claim that two engines can never both win: a
 * folder created in one step on the server, refused when the name is taken.
 */
public interface ExclusiveFolders {
    /** A name of its own for a claim being made, {@code marker.tmp-owner#n}: unique also between two runs of one process. */
    static String unfinished(String marker, String owner) {
        return marker + ".tmp-" + owner + "#" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates the folder {@code marker} holding an empty file {@code owner}; false when {@code marker} is already there. */
    boolean claim(String marker, String owner);

    /** The names in the folder {@code marker} (its owners); empty when it is gone. */
    List<String> owners(String marker);

    /** Removes the folder {@code marker} and what it holds; nothing when it is gone. */
    void release(String marker);
}
