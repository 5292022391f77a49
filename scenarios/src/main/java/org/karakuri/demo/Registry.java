package org.karakuri.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The residents the system knows, in memory only: the seeded ones it starts with, then those
 * registered through the screen, in order. 受付番号 is unique across both.
 */
final class Registry {

    private final List<Resident> seeded;
    private final List<Resident> registered = new ArrayList<>();
    private final Set<String> receiptNos = new HashSet<>();

    Registry(List<Resident> seed) {
        this.seeded = List.copyOf(seed);
        for (Resident resident : seeded) {
            if (!receiptNos.add(resident.receiptNo())) {
                throw new IllegalArgumentException("seed: 受付番号 " + resident.receiptNo() + " appears twice");
            }
        }
    }

    synchronized boolean contains(String receiptNo) {
        return receiptNos.contains(receiptNo);
    }

    /** Adds the resident unless its 受付番号 is taken; {@code false} when it was. */
    synchronized boolean register(Resident resident) {
        if (!receiptNos.add(resident.receiptNo())) {
            return false;
        }
        registered.add(resident);
        return true;
    }

    /** Residents registered through the screen (not the seed), in order. */
    synchronized List<Resident> registered() {
        return List.copyOf(registered);
    }

    /** Seeded then registered residents whose 氏名 contains {@code namePart}; all when blank. */
    synchronized List<Resident> searchByName(String namePart) {
        return all().filter(r -> namePart.isEmpty() || r.name().contains(namePart)).toList();
    }

    synchronized Optional<Resident> find(String receiptNo) {
        return all().filter(r -> r.receiptNo().equals(receiptNo)).findFirst();
    }

    private Stream<Resident> all() {
        return Stream.concat(seeded.stream(), registered.stream());
    }
}
