package org.karakuri.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** Files accepted by the ファイル取込 screen, in memory, in the order they came. */
final class Uploads {

    private record Upload(String name, byte[] bytes) {
    }

    private final List<Upload> uploads = new ArrayList<>();

    synchronized void add(String name, byte[] bytes) {
        uploads.add(new Upload(name, bytes.clone()));
    }

    synchronized List<String> names() {
        return uploads.stream().map(Upload::name).toList();
    }

    /** The bytes of the latest upload with this name. */
    synchronized byte[] bytes(String name) {
        for (int i = uploads.size() - 1; i >= 0; i--) {
            if (uploads.get(i).name().equals(name)) {
                return uploads.get(i).bytes().clone();
            }
        }
        throw new NoSuchElementException("no upload named '" + name + "'; uploaded: " + names());
    }
}
